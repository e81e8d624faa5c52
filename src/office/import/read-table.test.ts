import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FairDrawError } from '../../core/errors.js';
import { readTable } from './read-table.js';
import { samplePath, utf8, xlsxBytes } from './test-support.js';

const HEADERS = ['姓名', '性别', '身份证号', '出生日期', '监护人', '联系电话', '志愿1', '类别', '多胞胎组'];

async function refusal(bytes: Uint8Array, name: string): Promise<FairDrawError> {
  try {
    await readTable(bytes, name);
  } catch (e) {
    if (e instanceof FairDrawError) return e;
    throw e;
  }
  throw new Error(`${name} was not refused`);
}

describe('readTable', () => {
  it.each(['applicants.xlsx', 'applicants.utf8.csv', 'applicants.gbk.csv'])('reads %s: header, 105 rows numbered 2–106', async (name) => {
    const t = await readTable(readFileSync(samplePath(name)), name);
    expect(t.headers).toEqual(HEADERS);
    expect(t.rows).toHaveLength(105);
    expect(t.rows[0]).toEqual({
      row: 2,
      cells: ['于葛琪桐', '女', '510302201309171706', '2013-09-17', '向文', '18797512014', '檀木林小学', '1'],
    });
    expect(t.rows.at(-1)!.row).toBe(106);
    expect(t.rows.find((r) => r.row === 32)!.cells[8]).toBe('T0035');
  });

  it('reports the source: sheet or detected encoding', async () => {
    expect((await readTable(readFileSync(samplePath('applicants.xlsx')), 'a.xlsx')).source).toEqual({ kind: 'xlsx', sheet: '报名名单' });
    expect((await readTable(readFileSync(samplePath('applicants.gbk.csv')), 'a.csv')).source).toEqual({ kind: 'csv', encoding: 'gb18030' });
    expect((await readTable(utf8('姓名\n张三\n'), 'a.csv')).source).toEqual({ kind: 'csv', encoding: 'utf-8' });
  });

  it('ignores trailing empty rows but keeps row numbers of the rows before, counting a quoted line break as one row', async () => {
    const csv = '姓名,备注\r\n张三,"两行\r\n备注"\r\n\r\n李四,\r\n,,\r\n,\r\n\r\n';
    const t = await readTable(utf8(csv), 'a.CSV');
    expect(t.headers).toEqual(['姓名', '备注']);
    expect(t.rows).toEqual([
      { row: 2, cells: ['张三', '两行\r\n备注'] },
      { row: 3, cells: [] },
      { row: 4, cells: ['李四'] },
    ]);
  });

  it('ignores trailing empty rows of a sheet (cells holding empty strings)', async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('报名名单');
      ws.addRow(['姓名']);
      ws.addRow(['张三']);
      ws.addRow(['']);
      ws.addRow(['  ']);
    });
    expect((await readTable(bytes, 'a.xlsx')).rows).toEqual([{ row: 2, cells: ['张三'] }]);
  });

  it('refuses old .xls, .pdf and other formats, naming the file', async () => {
    const xls = await refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), '报名.xls');
    expect(xls.code).toBe('import.format-unsupported');
    expect(xls.where.file).toBe('报名.xls');
    expect(xls.zh).toContain('.xlsx');
    expect(xls.message).toContain('报名.xls');
    expect((await refusal(utf8('%PDF-1.7\n'), 'list.pdf')).code).toBe('import.format-unsupported');
    expect((await refusal(utf8('姓名\n'), 'list')).code).toBe('import.format-unsupported');
    expect((await refusal(utf8('姓名\n'), 'list.txt')).where.file).toBe('list.txt');
  });

  it('refuses a corrupt zip, a renamed file and a password-protected workbook', async () => {
    const good = readFileSync(samplePath('applicants.xlsx'));
    const corrupt = new Uint8Array(good);
    corrupt.fill(0x55, 200, 4000);
    expect((await refusal(corrupt, 'c.xlsx')).code).toBe('import.xlsx-unreadable');
    expect((await refusal(utf8('姓名,性别\n'), 'c.xlsx')).code).toBe('import.xlsx-unreadable');
    expect((await refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), 'p.xlsx')).code).toBe('import.xlsx-encrypted-or-xls');
    const renamed = await refusal(new Uint8Array(good), 'applicants.csv');
    expect(renamed.code).toBe('import.csv-not-text');
    expect(renamed.where).toEqual({ file: 'applicants.csv' });
    expect((await refusal(new Uint8Array(0), 'e.csv')).code).toBe('import.empty-file');
  });

  it('refuses a file whose first row is empty', async () => {
    const e = await refusal(utf8('\r\n姓名\r\n张三\r\n'), 'a.csv');
    expect(e.code).toBe('import.no-header');
    expect(e.where).toEqual({ file: 'a.csv', line: 1 });
  });
});
