import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { checkZip, inReadingOrder } from './xlsx-zip.js';
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

  it('hands the worksheets over last, every byte kept once, the central directory at the end', async () => {
    const bytes = await workbook();
    const zip = checkZip(bytes, 'a.xlsx', DEFAULT_LIMITS);
    const pieces = inReadingOrder(bytes, zip);
    expect(Buffer.concat(pieces).length).toBe(bytes.length);
    // Each piece but the last is one entry, named in its local header (name length at 26, name at 30).
    const names = pieces.slice(0, -1).map((p) => p.subarray(30, 30 + p.readUInt16LE(26)).toString('utf8'));
    expect(new Set(names)).toEqual(new Set(zip.entries.map((e) => e.name)));
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
});
