/**
 * RFC 4180 records: fields separated by commas, optionally enclosed in double quotes (a quote inside
 * a quoted field is written twice), records ended by CRLF, LF or CR. A quoted field may span lines;
 * the record still counts as one row, as in Excel. Text after a closing quote and a quote inside an
 * unquoted field are kept as written (Excel reads them the same way).
 */
import { FairDrawError } from '../../core/errors.js';

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

export function parseCsv(text: string, file: string): string[][] {
  const records: string[][] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const record: string[] = [];
    const startRow = records.length + 1;
    for (;;) {
      let field = '';
      if (text.charCodeAt(i) === QUOTE) {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            throw new FairDrawError(
              'import.csv-quote',
              '引号没有闭合：从这一行开始的带引号内容一直到文件结尾都没有结束引号',
              'a quoted field is never closed: no closing quote from this row to the end of the file',
              { file, line: startRow },
            );
          }
          field += text.slice(i, q);
          i = q + 1;
          if (text.charCodeAt(i) === QUOTE) {
            field += '"';
            i++;
          } else break;
        }
      }
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === CR || c === LF) break;
        j++;
      }
      field += text.slice(i, j);
      record.push(field);
      i = j;
      if (i >= n) break;
      const c = text.charCodeAt(i);
      i++;
      if (c === COMMA) {
        if (i >= n) record.push('');
        else continue;
        break;
      }
      if (c === CR && text.charCodeAt(i) === LF) i++;
      break;
    }
    records.push(record);
  }
  return records;
}
