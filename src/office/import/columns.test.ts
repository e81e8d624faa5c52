import { describe, expect, it } from 'vitest';
import { FairDrawError } from '../../core/errors.js';
import { columnLetter, mapColumns, readRow } from './columns.js';

function refusal(headers: string[]): FairDrawError {
  try {
    mapColumns(headers, 'f.csv');
  } catch (e) {
    if (e instanceof FairDrawError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('mapColumns', () => {
  it('maps the Chinese headers, with aliases, trimmed and ignoring full-width forms and inner spaces', () => {
    const m = mapColumns(
      [' 姓名 ', '性别', '身份证号码', '出生日期', '监护人', '手机', '志愿 2', '志愿１', '类别\u3000', '多胞胎组'],
      'f.csv',
    );
    expect(m.fields.name).toEqual({ index: 0, header: '姓名' });
    expect(m.fields.idNumber).toEqual({ index: 2, header: '身份证号码' });
    expect(m.fields.phone).toEqual({ index: 5, header: '手机' });
    expect(m.fields.tier).toEqual({ index: 8, header: '类别' });
    expect(m.fields.group).toEqual({ index: 9, header: '多胞胎组' });
    expect(m.choices).toEqual([
      { index: 7, header: '志愿１' },
      { index: 6, header: '志愿 2' },
    ]);
    expect(m.extra).toEqual([]);
    expect(mapColumns(['姓名', '证件号码', '志愿1', '类别', '电话'], 'f.csv').fields.phone?.header).toBe('电话');
  });

  it('keeps unknown columns aside, per row, so nothing is lost', () => {
    const m = mapColumns(['姓名', '身份证号', '志愿1', '类别', '户籍地址', '', '备注', '备注'], 'f.csv');
    expect(m.extra.map((c) => c.header)).toEqual(['户籍地址', '列F', '备注', '备注（H）']);
    const f = readRow(m, { row: 2, cells: ['张三', 'x', '檀木林小学', '1', ' 自贡市 ', '无名列', '一', '二', '', '表外'] });
    expect(f.extra).toEqual({ 户籍地址: '自贡市', 列F: '无名列', 备注: '一', '备注（H）': '二', 列J: '表外' });
    expect(f.name).toBe('张三');
    expect(f.choices).toEqual(['檀木林小学']);
    expect(f.sex).toBe('');
  });

  it('names every missing required column', () => {
    const e = refusal(['姓名', '性别', '出生日期']);
    expect(e.code).toBe('import.column-missing');
    expect(e.where).toEqual({ file: 'f.csv', line: 1, field: '身份证号、志愿1、类别' });
    expect(e.zh).toContain('身份证号、志愿1、类别');
    expect(e.en).toContain('身份证号, 志愿1, 类别');
    expect(refusal(['身份证号', '志愿1', '类别']).where.field).toBe('姓名');
  });

  it('refuses two columns for one field, a repeated 志愿 column and a gap in the numbering', () => {
    expect(refusal(['姓名', '身份证号', '证件号码', '志愿1', '类别']).code).toBe('import.column-duplicate');
    expect(refusal(['姓名', '身份证号', '志愿1', '志愿 1', '类别']).code).toBe('import.column-duplicate');
    const gap = refusal(['姓名', '身份证号', '志愿1', '志愿3', '类别']);
    expect(gap.code).toBe('import.column-choice-gap');
    expect(gap.where.field).toBe('志愿3');
  });

  it('spells column letters as Excel does', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
