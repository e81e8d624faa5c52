import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellText, dateText, numberText, readXlsx } from './xlsx.js';
import { xlsxBytes } from './test-support.js';

describe('xlsx cells as text', () => {
  it('prints numbers without floating-point noise', () => {
    expect(numberText(1)).toBe('1');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(18797512014)).toBe('18797512014');
    expect(numberText(-2.5)).toBe('-2.5');
    expect(numberText(123456789012345)).toBe('123456789012345');
  });

  it('prints 16+ digit numbers (ID numbers Excel has already cut to 15 digits) in scientific notation', () => {
    expect(numberText(Number('510302201309011234'))).toBe('5.10302201309011e+17');
    expect(numberText(510302000000000000)).toBe('5.10302e+17');
    expect(numberText(1e15)).toBe('1e+15');
  });

  it('formats dates as YYYY-MM-DD, with a time only when there is one', () => {
    expect(dateText(new Date(Date.UTC(2013, 8, 17)))).toBe('2013-09-17');
    expect(dateText(new Date(Date.UTC(2013, 8, 17, 0, 0, 0, 400)))).toBe('2013-09-17');
    expect(dateText(new Date(Date.UTC(2013, 8, 17, 8, 30)))).toBe('2013-09-17 08:30:00');
  });

  it('joins rich text, shows formula results, hyperlink texts, booleans and errors', () => {
    expect(cellText({ richText: [{ text: '檀木' }, { text: '林小学', font: { bold: true } }] })).toBe('檀木林小学');
    expect(cellText({ formula: 'A1', result: 2 })).toBe('2');
    expect(cellText({ formula: 'A1', result: { error: '#N/A' } })).toBe('#N/A');
    expect(cellText({ formula: 'A1' })).toBe('');
    expect(cellText({ text: '链接', hyperlink: 'https://example.org' })).toBe('链接');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(null)).toBe('');
  });
});

describe('readXlsx', () => {
  it('reads the sheet 报名名单 even when it is not the first, with Excel row numbers', async () => {
    const bytes = await xlsxBytes((wb) => {
      wb.addWorksheet('说明').addRow(['这是说明']);
      const ws = wb.addWorksheet('报名名单');
      ws.addRow(['姓名', '出生日期', '类别']);
      ws.addRow(['张三', new Date(Date.UTC(2013, 8, 1)), 1]);
      ws.getRow(4).values = [{ richText: [{ text: '李' }, { text: '四' }] }, '2014/1/2', { formula: '1+1', result: 2 }];
    });
    const t = await readXlsx(bytes, 'f.xlsx');
    expect(t.sheet).toBe('报名名单');
    expect(t.rows).toEqual([
      { row: 1, cells: ['姓名', '出生日期', '类别'] },
      { row: 2, cells: ['张三', '2013-09-01', '1'] },
      { row: 4, cells: ['李四', '2014/1/2', '2'] },
    ]);
  });

  it('otherwise reads the first visible sheet', async () => {
    const bytes = await xlsxBytes((wb) => {
      const hidden = wb.addWorksheet('隐藏');
      hidden.state = 'hidden';
      hidden.addRow(['hidden']);
      wb.addWorksheet('Sheet1').addRow(['shown']);
    });
    const t = await readXlsx(bytes, 'f.xlsx');
    expect(t.sheet).toBe('Sheet1');
    expect(t.rows[0]!.cells).toEqual(['shown']);
  });

  it('fills empty cells between values with empty strings', async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getCell('A1').value = 'a';
      ws.getCell('C1').value = 'c';
    });
    expect((await readXlsx(bytes, 'f.xlsx')).rows[0]!.cells).toEqual(['a', '', 'c']);
  });

  it('reads a sheet stored before the shared strings without a temporary file', async () => {
    // ExcelJS stores the sheets first, as Excel does; its streaming reader would park such a sheet
    // (the applicants' personal data) in the temporary folder until the strings come.
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('报名名单');
      ws.addRow(['姓名', '类别']);
      ws.addRow(['张三', 1]);
    });
    const names = new TextDecoder('latin1').decode(bytes);
    expect(names.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(names.indexOf('xl/sharedStrings.xml'));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = join(tmpdir(), `fairdraw-no-such-folder-${process.pid}`);
    try {
      const t = await readXlsx(bytes, 'f.xlsx');
      expect(t.rows).toEqual([
        { row: 1, cells: ['姓名', '类别'] },
        { row: 2, cells: ['张三', '1'] },
      ]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });

  it('refuses a damaged workbook, naming the file', async () => {
    const good = await xlsxBytes((wb) => void wb.addWorksheet('S').addRow(['a']));
    const cut = good.subarray(0, Math.floor(good.length / 2));
    await expect(readXlsx(cut, '名单.xlsx')).rejects.toMatchObject({ code: 'import.xlsx-unreadable', where: { file: '名单.xlsx' } });
  });
});
