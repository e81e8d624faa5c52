/**
 * 报名名单导入模板: an empty applicant workbook with the columns import/ reads, made so that the
 * common mistakes cannot happen while typing: the ID column is text (Excel would otherwise keep 15
 * digits of an 18-digit number), 志愿 cells offer the unit names as a list, 性别 is 男/女 and 类别 a
 * whole number 1–99. Row 2 is a worked example with invented data that imports as it is.
 */
import ExcelJS from 'exceljs';
import { columnLetter } from '../import/columns.js';
import { idCheckChar } from '../import/id-card.js';
import { PREFERRED_SHEET } from '../import/xlsx.js';
import { loadEvent } from '../load-event.js';
import type { Office } from '../ports.js';
import { privacySettingsOf, type OptionalColumn } from '../privacy/settings.js';

export interface TemplateUnit {
  id: string;
  name: string;
  seats?: number;
}

export interface TemplateOptions {
  /** How many 志愿 columns (default: one per unit, at most 10). */
  choices?: number;
  /** The event's birth-date window: the example child is born inside it. */
  ageWindow?: { bornFrom: string; bornTo: string };
  /** Rows that get the input checks (default 10,000). */
  rows?: number;
  /** Event title, named in the instructions. */
  title?: string;
  /** The optional personal columns the event collects (default: birth date, guardian, phone). */
  collected?: readonly OptionalColumn[];
}

/** The columns of an event that never chose: those the import has always taken. */
const TODAYS_COLUMNS: readonly OptionalColumn[] = ['birthDate', 'guardian', 'phone'];

/** The optional personal columns, in template order, with their header and example value. */
const OPTIONAL_HEADERS: readonly { column: OptionalColumn; header: string }[] = [
  { column: 'birthDate', header: '出生日期' },
  { column: 'guardian', header: '监护人' },
  { column: 'phone', header: '联系电话' },
  { column: 'address', header: '家庭住址' },
];

export const UNITS_SHEET = '招生单元';
export const HELP_SHEET = '填写说明';
export const EXAMPLE_NAME = '示例儿童';

/**
 * The header row: 姓名 性别 身份证号, the collected personal columns among 出生日期 监护人 联系电话
 * 家庭住址 (the import refuses the others), 志愿1…志愿N 类别 多胞胎组.
 */
export function templateHeaders(choices: number, collected: readonly OptionalColumn[] = TODAYS_COLUMNS): string[] {
  return [
    '姓名',
    '性别',
    '身份证号',
    ...OPTIONAL_HEADERS.filter((o) => collected.includes(o.column)).map((o) => o.header),
    ...Array.from({ length: choices }, (_, i) => `志愿${i + 1}`),
    '类别',
    '多胞胎组',
  ];
}

/** The example's birth date: the middle of the window, or 2014-03-15. */
function exampleBirthDate(window: TemplateOptions['ageWindow']): string {
  if (!window) return '2014-03-15';
  const from = Date.parse(`${window.bornFrom}T00:00:00Z`);
  const to = Date.parse(`${window.bornTo}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return window.bornFrom;
  const mid = from + Math.floor((to - from) / 86400_000 / 2) * 86400_000;
  return new Date(mid).toISOString().slice(0, 10);
}

/** An invented ID number for the example: area 510302, the birth date, sequence 123 (odd: 男), its check digit. */
export function exampleIdNumber(birthDate: string): string {
  const first17 = `510302${birthDate.replace(/-/g, '')}123`;
  return first17 + idCheckChar(first17);
}

/** The example row's cells, in header order. */
export function exampleRow(
  units: readonly TemplateUnit[],
  choices: number,
  window?: TemplateOptions['ageWindow'],
  collected: readonly OptionalColumn[] = TODAYS_COLUMNS,
): string[] {
  const birth = exampleBirthDate(window);
  const picks = Array.from({ length: choices }, (_, i) => (i < Math.min(2, units.length) ? units[i]!.name : ''));
  const values: Record<OptionalColumn, string> = { birthDate: birth, guardian: '示例家长', phone: '13800000000', address: '示例路1号' };
  const personal = OPTIONAL_HEADERS.filter((o) => collected.includes(o.column)).map((o) => values[o.column]);
  return [EXAMPLE_NAME, '男', exampleIdNumber(birth), ...personal, ...picks, '1', ''];
}

const TEXT = '@';

/**
 * ExcelJS keeps range validations in `worksheet.dataValidations` (lib/doc/data-validations.js) and
 * writes one `sqref` per range, but its typings leave the property out. Per-cell validations
 * instead would create 10,000 rows of empty cells.
 */
interface RangeValidations {
  add(address: string, validation: ExcelJS.DataValidation): void;
  find(address: string): ExcelJS.DataValidation | undefined;
}

export function validationsOf(ws: ExcelJS.Worksheet): RangeValidations {
  return (ws as unknown as { dataValidations: RangeValidations }).dataValidations;
}
const EXAMPLE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** The template as .xlsx bytes. */
export async function importTemplateWorkbook(units: readonly TemplateUnit[], options: TemplateOptions = {}): Promise<Uint8Array> {
  const choices = Math.max(1, options.choices ?? Math.min(10, units.length));
  const rows = options.rows ?? 10_000;
  const collected = options.collected ?? TODAYS_COLUMNS;
  const headers = templateHeaders(choices, collected);
  const col = (h: string): number => headers.indexOf(h) + 1;
  const letter = (c: number): string => columnLetter(c - 1);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'FairDraw';
  const ws = wb.addWorksheet(PREFERRED_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = headers.map((h) => ({ header: h, key: h, width: h === '身份证号' ? 22 : /^志愿/.test(h) ? 18 : 12 }));
  // Text, not General: an ID number typed into a General cell keeps only 15 significant digits.
  for (const h of ['身份证号', '出生日期', '联系电话', '多胞胎组']) if (col(h) > 0) ws.getColumn(col(h)).numFmt = TEXT;
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.eachCell((c) => (c.fill = HEADER_FILL));

  const example = ws.addRow(exampleRow(units, choices, options.ageWindow, collected).map((v) => (v === '' ? null : v)));
  for (let c = 1; c <= headers.length; c++) {
    example.getCell(c).fill = EXAMPLE_FILL;
    example.getCell(c).font = { italic: true, color: { argb: 'FF7F6000' } };
  }
  for (const h of ['身份证号', '出生日期', '联系电话']) if (col(h) > 0) example.getCell(col(h)).numFmt = TEXT;
  example.getCell(1).note = '填写示例（虚构数据）：请直接覆盖或删除此行；若保留，导入时会识别并跳过它，不会作为报名者导入。';

  const validations = validationsOf(ws);
  const range = (c: number): string => `${letter(c)}2:${letter(c)}${rows + 1}`;
  const unitsRange = `'${UNITS_SHEET}'!$B$2:$B$${Math.max(2, units.length + 1)}`;
  for (let i = 1; i <= choices; i++) {
    validations.add(range(col(`志愿${i}`)), {
      type: 'list',
      allowBlank: true,
      formulae: [unitsRange],
      showErrorMessage: true,
      errorTitle: '不是本次招生的学校',
      error: `请从下拉列表中选择招生单元（见“${UNITS_SHEET}”工作表）`,
      showInputMessage: true,
      promptTitle: `志愿${i}`,
      prompt: '从下拉列表中选择学校；志愿须从志愿1起连续填写',
    });
  }
  validations.add(range(col('性别')), {
    type: 'list',
    allowBlank: true,
    formulae: ['"男,女"'],
    showErrorMessage: true,
    errorTitle: '性别',
    error: '性别只能填“男”或“女”',
  });
  validations.add(range(col('类别')), {
    type: 'whole',
    operator: 'between',
    allowBlank: true,
    formulae: [1, 99],
    showErrorMessage: true,
    errorTitle: '类别',
    error: '类别应为 1 到 99 的整数（1 优先）',
    showInputMessage: true,
    promptTitle: '类别',
    prompt: '1 到 99 的整数，数字小的优先录取',
  });

  const us = wb.addWorksheet(UNITS_SHEET);
  us.columns = [
    { header: '编号', key: 'id', width: 14 },
    { header: '名称', key: 'name', width: 28 },
    { header: '学位', key: 'seats', width: 8 },
  ];
  us.getRow(1).font = { bold: true };
  for (const u of units) us.addRow([u.id, u.name, u.seats ?? null]);

  const help = wb.addWorksheet(HELP_SHEET);
  help.getColumn(1).width = 110;
  for (const line of helpLines(choices, options.title, collected)) help.addRow([line]);
  help.getRow(1).font = { bold: true, size: 13 };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function helpLines(choices: number, title?: string, collected: readonly OptionalColumn[] = TODAYS_COLUMNS): string[] {
  return [
    title ? `报名名单导入模板：${title}` : '报名名单导入模板',
    `1. 在“${PREFERRED_SHEET}”工作表中每行填写一名儿童。第 1 行是表头，请勿修改、删除或调换表头。`,
    `2. 第 2 行（黄色底纹）是填写示例，数据为虚构。请直接覆盖或删除；若保留，导入时会识别并跳过（并在导入结果中说明），不会作为报名者导入。`,
    '3. 身份证号：18 位，最后一位可以是 X。该列已设为“文本”格式，请勿改为数字格式，否则 Excel 会把后三位变成 0 且无法恢复。',
    collected.includes('birthDate')
      ? '4. 性别（男/女）和出生日期（如 2014-03-15）可以留空；如填写，须与身份证号一致。'
      : '4. 性别（男/女）可以留空；如填写，须与身份证号一致。本批次不采集出生日期（由身份证号得出）。',
    `5. 志愿1 至 志愿${choices}：从下拉列表选择学校，志愿须从志愿1起连续填写，同一所学校只能填一次。学校名单见“${UNITS_SHEET}”工作表。`,
    '6. 类别：1 到 99 的整数，数字小的优先录取（例如 1 = 学区内户籍，2 = 其他），具体以招生政策为准。',
    '7. 多胞胎组：双胞胎、多胞胎在此列填写相同的组号（如 T1），同组成员的志愿和类别须完全相同；其他儿童留空。',
    '8. 保存为 Excel 工作簿（.xlsx）后导入。导入时会一次列出所有错误及其行号，改正后重新导入即可。',
    '9. 请勿添加本模板以外的个人信息列（如未列出的出生日期、监护人、联系电话、家庭住址）：本批次不采集的列会使整个文件被拒绝导入。',
  ];
}

/** The template for an event: its units (by position) and its birth-date window. */
export async function eventImportTemplate(
  office: Office,
  eventId: string,
  options: Omit<TemplateOptions, 'ageWindow' | 'title'> = {},
): Promise<Uint8Array> {
  const repos = office.store.repos;
  const ev = await loadEvent(repos, eventId);
  const units = await repos.events.listUnits(eventId);
  const ageWindow = ev.born_from && ev.born_to ? { bornFrom: ev.born_from, bornTo: ev.born_to } : undefined;
  const privacy = await privacySettingsOf(repos, eventId);
  return importTemplateWorkbook(
    units.map((u) => ({ id: u.id, name: u.name, seats: u.seats })),
    { ...options, title: ev.title, ...(ageWindow ? { ageWindow } : {}), ...(privacy.chosen ? { collected: privacy.columns } : {}) },
  );
}
