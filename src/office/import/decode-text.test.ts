import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeGb18030, decodeGb18030WithIconv, decodeText } from './decode-text.js';
import { samplePath } from './test-support.js';

// 䶮 (U+4DAE) and 𠀀 (U+20000) are outside GBK: GB18030 writes them with four bytes.
const TEXT = '姓名,身份证号\r\n龚䶮,51030220140305475X\r\n𠀀宝,510302201309171706\r\n';

describe('text encoding of CSV files', () => {
  it('reads UTF-8 with a byte-order mark, dropping the mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)]);
    expect(decodeText(bytes, 'f.csv')).toEqual({ text: TEXT, encoding: 'utf-8-bom' });
  });

  it('reads UTF-8 without a mark', () => {
    expect(decodeText(new TextEncoder().encode(TEXT), 'f.csv')).toEqual({ text: TEXT, encoding: 'utf-8' });
  });

  it('falls back to GB18030 when the bytes are not UTF-8, including four-byte characters', () => {
    const bytes = new Uint8Array(iconv.encode(TEXT, 'gb18030'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decodeText(bytes, 'f.csv')).toEqual({ text: TEXT, encoding: 'gb18030' });
  });

  it('reads plain GBK text (what Excel writes as "CSV") as GB18030', () => {
    const bytes = new Uint8Array(iconv.encode('姓名,性别\r\n张三,男\r\n', 'gbk'));
    expect(decodeText(bytes, 'f.csv')).toEqual({ text: '姓名,性别\r\n张三,男\r\n', encoding: 'gb18030' });
  });

  it('decodes the two sample CSV files to the same text', () => {
    const a = decodeText(readFileSync(samplePath('applicants.utf8.csv')), 'applicants.utf8.csv');
    const b = decodeText(readFileSync(samplePath('applicants.gbk.csv')), 'applicants.gbk.csv');
    expect(a.encoding).toBe('utf-8-bom');
    expect(b.encoding).toBe('gb18030');
    expect(b.text).toBe(a.text);
    expect(a.text.startsWith('姓名,')).toBe(true);
  });

  it('has an iconv-lite fallback that agrees with the platform decoder', () => {
    const bytes = new Uint8Array(iconv.encode(TEXT, 'gb18030'));
    expect(decodeGb18030WithIconv(bytes)).toBe(TEXT);
    expect(decodeGb18030(bytes)).toBe(TEXT);
    expect(decodeGb18030WithIconv(new Uint8Array([0x41, 0xff, 0x42]))).toBeUndefined();
  });

  it('reads UTF-16 with a byte-order mark', () => {
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(TEXT, 'utf16le'))]);
    expect(decodeText(le, 'f.csv')).toEqual({ text: TEXT, encoding: 'utf-16le' });
  });

  it('refuses bytes that are neither UTF-8 nor GB18030, and binary data, naming the file', () => {
    const bad = new Uint8Array([...new TextEncoder().encode('姓名\r\n'), 0xff, 0xff, 0x0d, 0x0a]);
    expect(() => decodeText(bad, 'x.csv')).toThrow(expect.objectContaining({ code: 'import.encoding', where: { file: 'x.csv' } }));
    expect(() => decodeText(new Uint8Array([0x41, 0x00, 0x42]), 'x.csv')).toThrow(expect.objectContaining({ code: 'import.binary' }));
    expect(() => decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xff]), 'x.csv')).toThrow(
      expect.objectContaining({ code: 'import.encoding' }),
    );
  });
});
