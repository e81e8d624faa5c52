/**
 * Decoding the bytes of a CSV file. Excel on a Chinese system saves "CSV UTF-8" with a byte-order
 * mark and plain "CSV" in GB18030 (GBK); other tools write UTF-8 without a mark. The order tried is:
 * a UTF-8 (or UTF-16) byte-order mark, then strict UTF-8, then strict GB18030. Text that is neither is
 * refused rather than imported as mojibake.
 */
import iconv from 'iconv-lite';
import { FairDrawError } from '../../core/errors.js';

export type TextEncodingName = 'utf-8-bom' | 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: strict('utf-8', bytes.subarray(3), file), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: strict('utf-16le', bytes.subarray(2), file), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: strict('utf-16be', bytes.subarray(2), file), encoding: 'utf-16be' };
  if (bytes.includes(0)) {
    throw new FairDrawError(
      'import.binary',
      '文件含有二进制内容，不是 CSV 文本文件：请在 Excel 中“另存为”CSV UTF-8 或 Excel 工作簿（.xlsx）',
      'the file holds binary data and is not a CSV text file: in Excel use "Save As" CSV UTF-8 or Excel Workbook (.xlsx)',
      { file },
    );
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: try GB18030 below
  }
  const gb = decodeGb18030(bytes);
  if (gb === undefined) {
    throw new FairDrawError(
      'import.encoding',
      '无法识别文件编码（既不是 UTF-8 也不是 GB18030/GBK）：请在 Excel 中“另存为”CSV UTF-8',
      'cannot tell the text encoding of the file (neither UTF-8 nor GB18030/GBK): in Excel use "Save As" CSV UTF-8',
      { file },
    );
  }
  return { text: gb, encoding: 'gb18030' };
}

/** GB18030 with the platform decoder when this Node has it (full ICU), else iconv-lite. */
export function decodeGb18030(bytes: Uint8Array): string | undefined {
  let decoder: TextDecoder | undefined;
  try {
    decoder = new TextDecoder('gb18030', { fatal: true });
  } catch {
    decoder = undefined; // this Node was built without the GB18030 decoder
  }
  if (decoder !== undefined) {
    try {
      return decoder.decode(bytes);
    } catch {
      return undefined;
    }
  }
  return decodeGb18030WithIconv(bytes);
}

/** The fallback, exported so it is tested on every Node. iconv-lite never throws: U+FFFD marks bad bytes. */
export function decodeGb18030WithIconv(bytes: Uint8Array): string | undefined {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
  return text.includes('\ufffd') ? undefined : text;
}

function strict(label: string, bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new FairDrawError(
      'import.encoding',
      `文件开头标明为 ${label.toUpperCase()} 编码，但内容不是有效的 ${label.toUpperCase()} 文本`,
      `the file starts with a ${label.toUpperCase()} byte-order mark but its content is not valid ${label.toUpperCase()}`,
      { file },
    );
  }
}
