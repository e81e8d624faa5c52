/**
 * An .xlsx workbook as a zip, before ExcelJS reads it: its central directory checked (a cut file has
 * none) and the sizes it announces held to the import's limit, and its entries handed to the reader
 * in the order that keeps the worksheets from being written to a temporary file.
 */
import { Readable } from 'node:stream';
import { createInflateRaw, crc32 } from 'node:zlib';
import { FairDrawError } from '../../core/errors.js';
import type { ImportLimits } from './limits.js';

export function tooBigUnpacked(file: string, max: number): FairDrawError {
  return new FairDrawError(
    'import.xlsx-too-large',
    `工作簿解压后超过 ${mb(max)}，超出导入的上限（文件可能已损坏或被恶意构造）：请只保留报名名单工作表后另存`,
    `the workbook unpacks to more than ${mb(max)}, more than an import takes (the file may be damaged or crafted): keep only the applicant sheet and save it again`,
    { file },
  );
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MB`;
}

/**
 * Before unpacking anything: the zip's central directory must be there (a cut file has none), and
 * the sizes it announces must stay within the limit (a "zip bomb" announces its real size, or lies
 * and is stopped while it is read).
 */
export function checkZip(bytes: Uint8Array, file: string, limits: ImportLimits): { entries: ZipEntry[]; directory: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged(file);
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  let total = 0;
  const entries: ZipEntry[] = [];
  const names = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw damaged(file);
    const size = view.getUint32(at + 24, true);
    total += size === 0xffffffff ? Infinity : size;
    const nameLength = view.getUint16(at + 28, true);
    if (at + 46 + nameLength > bytes.length) throw damaged(file);
    entries.push({
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      offset: view.getUint32(at + 42, true),
      method: view.getUint16(at + 10, true),
      crc32: view.getUint32(at + 16, true),
      packedSize: view.getUint32(at + 20, true),
      size,
    });
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  if (total > limits.maxUnpackedBytes) throw tooBigUnpacked(file, limits.maxUnpackedBytes);
  return { entries, directory: view.getUint32(eocd + 16, true) };
}

function damaged(file: string): FairDrawError {
  return new FairDrawError(
    'import.xlsx-unreadable',
    '无法读取 Excel 工作簿：文件不完整或已损坏（可能没有完整下载或复制）',
    'cannot read the Excel workbook: the file is incomplete or damaged (it may not have been downloaded or copied completely)',
    { file },
  );
}

/**
 * A zip entry as the central directory describes it: its name, where its local header starts, how
 * it is packed (0 stored, 8 deflated), its checksum, its packed and its unpacked size.
 */
export interface ZipEntry {
  name: string;
  offset: number;
  method: number;
  crc32: number;
  packedSize: number;
  size: number;
}

/** The part of a workbook read before the rest, by the import's own reader (sheet-xml.ts). */
export const SHARED_STRINGS_PART = 'xl/sharedStrings.xml';

/** Unpacked bytes handed on at a time. */
const PIECE_BYTES = 256 * 1024;

/**
 * One entry unpacked piece by piece, checked as a careful zip reader checks it: its local header,
 * its packing (stored or deflated, not encrypted), and at the end its size and CRC-32 against the
 * central directory (raw deflate has no check of its own: a damaged byte can unpack to other text
 * without an error). More than `maxBytes` is tooBigUnpacked, whatever the directory says.
 */
export async function* unpackEntry(bytes: Uint8Array, entry: ZipEntry, file: string, maxBytes: number): AsyncGenerator<Buffer> {
  const whole = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.offset;
  if (at + 30 > whole.length || whole.readUInt32LE(at) !== 0x04034b50) throw damaged(file);
  // Bit 0 of the flags: encrypted.
  if ((whole.readUInt16LE(at + 6) & 1) !== 0) throw damaged(file);
  const from = at + 30 + whole.readUInt16LE(at + 26) + whole.readUInt16LE(at + 28);
  const to = from + entry.packedSize;
  if (to > whole.length) throw damaged(file);
  const packed = whole.subarray(from, to);
  let pieces: AsyncIterable<Buffer> | Iterable<Buffer>;
  if (entry.method === 0) {
    const stored: Buffer[] = [];
    for (let i = 0; i < packed.length; i += PIECE_BYTES) stored.push(packed.subarray(i, i + PIECE_BYTES));
    pieces = stored;
  } else if (entry.method === 8) {
    const inflate = createInflateRaw({ chunkSize: PIECE_BYTES });
    inflate.end(packed);
    pieces = inflate;
  } else throw damaged(file);
  let size = 0;
  let crc = 0;
  try {
    for await (const piece of pieces) {
      size += piece.length;
      if (size > maxBytes) throw tooBigUnpacked(file, maxBytes);
      if (size > entry.size) throw damaged(file);
      crc = crc32(piece, crc);
      yield piece;
    }
  } catch (e) {
    if (e instanceof FairDrawError) throw e;
    throw damaged(file);
  } finally {
    if (pieces instanceof Readable) pieces.destroy();
  }
  if (size !== entry.size || crc !== entry.crc32) throw damaged(file);
}

const SHEET_PART = /^xl\/worksheets\/(?:_rels\/)?sheet\d+\.xml(?:\.rels)?$/;

/**
 * The workbook's bytes as ExcelJS's streaming reader is to read them: every other part first, the
 * worksheets last. The reader goes through the zip's entries in the order they are stored, and a
 * worksheet that comes before the shared strings (as Excel and ExcelJS store them) is written to a
 * temporary file and read back once the strings are known: for 100,000 rows that is 43 MB of
 * applicants' personal data written to the temporary folder and read again. The entries are handed
 * over whole (local header, data, data descriptor), the central directory after them as it was;
 * the shared strings, read beforehand by the import's own reader, are left out. When the entries do
 * not lie back to back, the file is handed over as it is.
 */
export function inReadingOrder(bytes: Uint8Array, zip: { entries: ZipEntry[]; directory: number }): Buffer[] {
  const whole = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const byOffset = [...zip.entries].sort((a, b) => a.offset - b.offset);
  if (byOffset.length === 0 || byOffset[0]!.offset !== 0 || zip.directory > bytes.length) return [whole];
  const pieces: { sheet: boolean; bytes: Buffer }[] = [];
  for (let k = 0; k < byOffset.length; k++) {
    const start = byOffset[k]!.offset;
    const end = k + 1 < byOffset.length ? byOffset[k + 1]!.offset : zip.directory;
    if (end <= start || whole.readUInt32LE(start) !== 0x04034b50) return [whole];
    const name = byOffset[k]!.name;
    if (name !== SHARED_STRINGS_PART) pieces.push({ sheet: SHEET_PART.test(name), bytes: whole.subarray(start, end) });
  }
  return [
    ...pieces.filter((p) => !p.sheet).map((p) => p.bytes),
    ...pieces.filter((p) => p.sheet).map((p) => p.bytes),
    whole.subarray(zip.directory),
  ];
}
