import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { crc32, deflateRawSync } from 'node:zlib';
import { checkZip, inReadingOrder, SHARED_STRINGS_PART, unpackEntry, type ZipEntry } from './xlsx-zip.js';
import { DEFAULT_LIMITS } from './limits.js';

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报名名单');
  ws.addRow(['姓名', '身份证号']);
  ws.addRow(['张三', '110101201401010012']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('the workbook as a zip', () => {
  it('lists the entries of a whole workbook and refuses a cut one', async () => {
    const bytes = await workbook();
    const zip = checkZip(bytes, 'a.xlsx', DEFAULT_LIMITS);
    expect(zip.entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    expect(zip.directory).toBeGreaterThan(0);
    expect(zip.directory).toBeLessThan(bytes.length);
    expect(code(() => checkZip(bytes.subarray(0, bytes.length - 30), 'a.xlsx', DEFAULT_LIMITS))).toBe('import.xlsx-unreadable');
    expect(code(() => checkZip(new Uint8Array(100), 'a.xlsx', DEFAULT_LIMITS))).toBe('import.xlsx-unreadable');
  });

  it('refuses a workbook whose entries announce more than the unpacked limit', async () => {
    const bytes = await workbook();
    expect(code(() => checkZip(bytes, 'a.xlsx', { ...DEFAULT_LIMITS, maxUnpackedBytes: 100 }))).toBe('import.xlsx-too-large');
  });

  it('hands the worksheets over last and the shared strings not at all, every other byte once, the central directory at the end', async () => {
    const bytes = await workbook();
    const zip = checkZip(bytes, 'a.xlsx', DEFAULT_LIMITS);
    const pieces = inReadingOrder(bytes, zip);
    const strings = zip.entries.find((e) => e.name === SHARED_STRINGS_PART)!;
    const byOffset = zip.entries.map((e) => e.offset).sort((a, b) => a - b);
    const next = byOffset.find((o) => o > strings.offset) ?? zip.directory;
    expect(Buffer.concat(pieces).length).toBe(bytes.length - (next - strings.offset));
    // Each piece but the last is one entry, named in its local header (name length at 26, name at 30).
    const names = pieces.slice(0, -1).map((p) => p.subarray(30, 30 + p.readUInt16LE(26)).toString('utf8'));
    expect(new Set(names)).toEqual(new Set(zip.entries.map((e) => e.name).filter((n) => n !== SHARED_STRINGS_PART)));
    // A worksheet part is sheetN.xml or its relationships (the folder's own entry is not one).
    const isSheet = (n: string) => /^xl\/worksheets\/(_rels\/)?sheet1\.xml(\.rels)?$/.test(n);
    const firstSheet = names.findIndex(isSheet);
    expect(firstSheet).toBeGreaterThan(0);
    expect(names.slice(firstSheet).every(isSheet)).toBe(true);
    expect(names.filter(isSheet)).toContain('xl/worksheets/sheet1.xml');
    expect(Buffer.compare(pieces.at(-1)!, Buffer.from(bytes.subarray(zip.directory)))).toBe(0);
    // Entries that do not lie back to back: the file as it is.
    expect(inReadingOrder(bytes, { ...zip, directory: bytes.length + 1 })).toHaveLength(1);
  });

  it('unpacks an entry, and refuses one that unpacks to more than the limit or is damaged', async () => {
    const bytes = await workbook();
    const zip = checkZip(bytes, 'a.xlsx', DEFAULT_LIMITS);
    const strings = zip.entries.find((e) => e.name === SHARED_STRINGS_PART)!;
    expect(strings.size).toBeGreaterThan(0);
    const xml = (await unpacked(bytes, strings, DEFAULT_LIMITS.maxUnpackedBytes)).toString('utf8');
    expect(xml).toContain('<t>张三</t>');
    expect(xml.length).toBeGreaterThan(0);
    expect(await refusal(bytes, strings, 50)).toBe('import.xlsx-too-large');
    // A local header that is not one, data cut short, a packing other than stored or deflated.
    expect(await refusal(bytes, { ...strings, offset: strings.offset + 1 })).toBe('import.xlsx-unreadable');
    expect(await refusal(bytes, { ...strings, packedSize: bytes.length })).toBe('import.xlsx-unreadable');
    expect(await refusal(bytes, { ...strings, method: 12 })).toBe('import.xlsx-unreadable');
    // A size or checksum other than the central directory's.
    expect(await refusal(bytes, { ...strings, size: strings.size - 1 })).toBe('import.xlsx-unreadable');
    expect(await refusal(bytes, { ...strings, size: strings.size + 1 })).toBe('import.xlsx-unreadable');
    expect(await refusal(bytes, { ...strings, crc32: (strings.crc32 + 1) >>> 0 })).toBe('import.xlsx-unreadable');
  });

  it('unpacks a stored entry and a deflated one alike, whatever the local header says of sizes; refuses damage', async () => {
    const text = Buffer.from('<sst><si><t>李四</t></si></sst>');
    /** An entry as writers store it with a data descriptor (flag bit 3): no sizes in the local header, an extra field. */
    const entryOf = (method: number, data: Buffer, flags = 0x08): { bytes: Uint8Array; entry: ZipEntry } => {
      const header = Buffer.alloc(30 + 1 + 4);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(flags, 6);
      header.writeUInt16LE(1, 26);
      header.writeUInt16LE(4, 28);
      return {
        bytes: Buffer.concat([header, data, Buffer.alloc(16)]),
        entry: { name: 'x', offset: 0, method, crc32: crc32(text), packedSize: data.length, size: text.length },
      };
    };
    const stored = entryOf(0, text);
    expect((await unpacked(stored.bytes, stored.entry)).toString()).toBe(text.toString());
    expect(await refusal(stored.bytes, stored.entry, 10)).toBe('import.xlsx-too-large');
    const deflated = entryOf(8, deflateRawSync(text));
    expect((await unpacked(deflated.bytes, deflated.entry)).toString()).toBe(text.toString());
    const garbage = entryOf(8, Buffer.from([0xff, 0xff, 0xff, 0xff]));
    expect(await refusal(garbage.bytes, garbage.entry)).toBe('import.xlsx-unreadable');
    // One changed byte that still unpacks (a stored entry): the checksum finds it.
    const changed = entryOf(0, Buffer.from(text.toString().replace('四', '五')));
    expect(await refusal(changed.bytes, changed.entry)).toBe('import.xlsx-unreadable');
    // An encrypted entry (flag bit 0).
    const encrypted = entryOf(0, text, 0x09);
    expect(await refusal(encrypted.bytes, encrypted.entry)).toBe('import.xlsx-unreadable');
  });

  it('hands a large entry on in pieces', async () => {
    const text = Buffer.from(`<sst>${'<si><t>王五</t></si>'.repeat(100_000)}</sst>`);
    const packed = deflateRawSync(text);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    const entry: ZipEntry = { name: 'x', offset: 0, method: 8, crc32: crc32(text), packedSize: packed.length, size: text.length };
    const pieces: number[] = [];
    for await (const piece of unpackEntry(Buffer.concat([header, packed]), entry, 'c.xlsx', 1e9)) pieces.push(piece.length);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.reduce((a, b) => a + b, 0)).toBe(text.length);
  });
});

async function unpacked(bytes: Uint8Array, entry: ZipEntry, max = 1e6): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of unpackEntry(bytes, entry, 'a.xlsx', max)) pieces.push(piece);
  return Buffer.concat(pieces);
}

async function refusal(bytes: Uint8Array, entry: ZipEntry, max = 1e6): Promise<string | undefined> {
  return unpacked(bytes, entry, max).then(
    () => undefined,
    (e: unknown) => (e as { code?: string }).code,
  );
}
