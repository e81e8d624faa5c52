import { describe, expect, it } from 'vitest';
import { FairDrawError } from '../../core/errors.js';
import { parseCsv } from './csv.js';

describe('parseCsv (RFC 4180)', () => {
  it('splits CRLF, LF and CR records', () => {
    expect(parseCsv('a,b\r\nc,d\r\n', 'f.csv')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a,b\nc,d', 'f.csv')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a,b\rc,d\r', 'f.csv')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks as one record', () => {
    const text = '姓名,备注\r\n"张,三","他说""好"""\r\n"李四","第一行\r\n第二行"\r\n王五,\r\n';
    expect(parseCsv(text, 'f.csv')).toEqual([
      ['姓名', '备注'],
      ['张,三', '他说"好"'],
      ['李四', '第一行\r\n第二行'],
      ['王五', ''],
    ]);
  });

  it('keeps empty fields, blank lines and a trailing comma', () => {
    expect(parseCsv(',,\n\nx,', 'f.csv')).toEqual([['', '', ''], [''], ['x', '']]);
    expect(parseCsv('""', 'f.csv')).toEqual([['']]);
    expect(parseCsv('', 'f.csv')).toEqual([]);
  });

  it('keeps stray quotes the way Excel reads them', () => {
    expect(parseCsv('a"b,"c"d\n', 'f.csv')).toEqual([['a"b', 'cd']]);
  });

  it('refuses a quote that is never closed, naming the row where it opened', () => {
    let err: unknown;
    try {
      parseCsv('a,b\nc,d\n"e,f\ng,h\n', 'list.csv');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FairDrawError);
    expect(err).toMatchObject({ code: 'import.csv-quote', where: { file: 'list.csv', line: 3 } });
  });
});
