/**
 * validateApplicants: the rows of an applicant table → applicants ready for the draw, and every
 * problem in the file at once, each naming its row (header = row 1) and column, in Chinese and
 * English. Problems with the file as a whole (a required column missing, no data rows, bad options)
 * are thrown as a FairDrawError instead.
 *
 * The import is refused when `errors` is not empty: `applicants` then holds only the rows without an
 * error of their own and must not be drawn from.
 */
import { FairDrawError } from '../../core/errors.js';
import { looksLikePhone } from '../documents/phone.js';
import {
  columnLetter,
  mapColumns,
  readRow,
  refuseUncollected,
  type PersonalColumn,
  trimText,
  type Column,
  type ColumnMap,
  type Field,
  HEADERS,
} from './columns.js';
import { isRealDate, parseDate, sameDay, type DateParts } from './dates.js';
import { clip, normaliseIdText, parseIdCard } from './id-card.js';
import { isBlankRow, type Table, type TableRow } from './table.js';
import { EXAMPLE_NAME, isTemplateExample } from './template-example.js';
import { unitKey, unitLookup, type UnitRef } from './units.js';
import { stripInvisible } from '../masking.js';

export interface ValidateOptions {
  /** The file name, for messages. */
  file: string;
  /** The units (schools) of the draw; a 志愿 cell names one by its name or its id. */
  units: readonly UnitRef[];
  /** Inclusive YYYY-MM-DD bounds for the birth date. */
  ageWindow?: { bornFrom: string; bornTo: string };
  /** ID-card numbers already registered (in another file or an earlier import). */
  existingIdNumbers?: ReadonlySet<string>;
  /** Called after every 1,000 rows and once at the end. */
  onProgress?: (done: number, total: number) => void;
  /** The worksheet read, named in every row error. */
  sheet?: string;
  /**
   * The optional personal columns the event collects; a file carrying another one is refused.
   * Undefined: the event never chose, and every column the import has always taken is accepted.
   */
  collected?: readonly PersonalColumn[];
  /**
   * Called with each row that passes its own checks, as soon as it is checked, so that storing can
   * start before the file is read to its end; no longer once a row has an error. The file may
   * still turn out to have errors (in a later row, or across rows: a repeated ID-card number, a
   * multiple-birth group); whatever was done with the rows must then be undone. When `finish`
   * reports no error, these were every applicant, in order; its list is then left empty (the list
   * is never held twice).
   */
  onChecked?: (applicant: ImportedApplicant) => void;
}

export interface ImportedApplicant {
  row: number;
  name: string;
  sex: '男' | '女';
  /** 18 characters, check character upper case. */
  idNumber: string;
  /** YYYY-MM-DD (from the ID number; equal to the 出生日期 column when there is one). */
  birthDate: string;
  guardian: string;
  phone: string;
  tier: number;
  /** Unit ids, in order of preference. */
  choices: string[];
  /** The file's multiple-birth group label. */
  group?: string;
  /** Columns FairDraw does not use, by header. */
  extra: Record<string, string>;
}

export interface ImportError {
  row: number;
  /** The worksheet, for a workbook. */
  sheet?: string;
  /** The column header as written in the file. */
  field: string;
  code: string;
  zh: string;
  en: string;
}

export interface ValidationResult {
  applicants: ImportedApplicant[];
  errors: ImportError[];
  /** Rows left out on purpose: the import template's worked example. */
  skipped: SkippedRow[];
}

export interface SkippedRow {
  row: number;
  sheet?: string;
  zh: string;
  en: string;
}

export const PROGRESS_EVERY = 1000;

interface RowState {
  row: number;
  name: string;
  sex: '男' | '女' | undefined;
  idNumber: string | undefined;
  idBirth: string | undefined;
  birthDate: string | undefined;
  guardian: string;
  phone: string;
  tier: number | undefined;
  choices: (string | undefined)[];
  /** Unit ids where known, else the normalised cell text: used to compare group members. */
  choiceKeys: string[];
  tierText: string;
  group: string | undefined;
  extra: Record<string, string>;
  failed: boolean;
}

interface Located extends ImportError {
  col: number;
}

// C0, DEL and C1 (spec §1.3): a name with one of these is refused, not repaired.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MANGLED_TAIL = /^\d{15}000$/;

export function validateApplicants(table: Table, options: ValidateOptions): ValidationResult {
  const checker = new ApplicantChecker(table.headers, options);
  checker.expect(table.rows.length);
  for (const r of table.rows) checker.add(r);
  return checker.finish();
}

/**
 * The same checks, one row at a time, for a file read as a stream: `add` each data row as it comes,
 * then `finish` for the checks across rows (duplicates found late, multiple-birth groups).
 */
export class ApplicantChecker {
  private readonly file: string;
  private readonly map: ColumnMap;
  private readonly units: ReturnType<typeof unitLookup>;
  private readonly window: { bornFrom: string; bornTo: string } | undefined;
  private readonly existing = new Set<string>();
  private readonly errors: Located[] = [];
  private readonly states: RowState[] = [];
  private readonly firstRowOfId = new Map<string, number>();
  private readonly skipped: SkippedRow[] = [];
  private anyMangled = false;
  private total = 0;
  private done = 0;
  /** Columns of the current row whose formula has no stored result: their own error says so. */
  private uncomputed: ReadonlySet<number> | undefined;

  constructor(
    headers: readonly string[],
    private readonly options: ValidateOptions,
  ) {
    this.file = options.file;
    this.map = mapColumns(headers, this.file);
    refuseUncollected(this.map, options.collected, this.file, options.sheet);
    this.units = unitLookup(options.units);
    this.window = options.ageWindow === undefined ? undefined : checkWindow(options.ageWindow);
    for (const id of options.existingIdNumbers ?? []) this.existing.add(normaliseIdText(id));
  }

  /** How many data rows are expected (for progress); may be raised later. */
  expect(total: number): void {
    this.total = total;
  }

  /** Data rows that hold something, so far. */
  get rows(): number {
    return this.states.length + this.skipped.length;
  }

  private readonly add_ = (st: RowState, column: Column, code: string, zh: string, en: string): void => {
    if (this.uncomputed?.has(column.index) && code !== 'cell.formula-no-value') return;
    st.failed = true;
    this.errors.push({ row: st.row, field: column.header, col: column.index, code, zh, en });
  };

  private readonly col = (f: Field): Column => this.map.fields[f] ?? { index: -1, header: HEADERS[f][0]! };

  /** The header of a 0-based column, as errors name it. */
  private header(index: number): Column {
    const m = this.map;
    for (const c of Object.values(m.fields)) if (c.index === index) return c;
    for (const c of m.choices) if (c.index === index) return c;
    for (const c of m.extra) if (c.index === index) return c;
    return { index, header: `列${columnLetter(index)}` };
  }

  add(r: TableRow): void {
    const map = this.map;
    const units = this.units;
    const window = this.window;
    const add = this.add_;
    const col = this.col;
    this.done++;
    if (this.done > this.total) this.total = this.done;
    if (!isBlankRow(r.cells) || (r.formulas !== undefined && r.formulas.size > 0)) {
      const f = readRow(map, r);
      const st: RowState = {
        row: r.row,
        name: stripInvisible(clean(f.name)),
        sex: undefined,
        idNumber: undefined,
        idBirth: undefined,
        birthDate: undefined,
        guardian: stripInvisible(clean(f.guardian)),
        phone: clean(f.phone),
        tier: undefined,
        choices: [],
        choiceKeys: [],
        tierText: clean(f.tier).normalize('NFKC'),
        group: clean(f.group) || undefined,
        extra: {},
        failed: false,
      };
      for (const [k, v] of Object.entries(f.extra)) st.extra[k] = v.normalize('NFC');
      this.uncomputed = r.formulas === undefined || r.formulas.size === 0 ? undefined : new Set(r.formulas.keys());
      if (isTemplateExample(st.name, trimText(f.idNumber))) {
        this.skipped.push({
          row: st.row,
          ...(this.options.sheet !== undefined ? { sheet: this.options.sheet } : {}),
          zh: `第 ${st.row} 行是导入模板中的填写示例（${EXAMPLE_NAME}，虚构数据），未作为报名者导入`,
          en: `row ${st.row} is the import template's worked example (${EXAMPLE_NAME}, invented data) and was not imported as an applicant`,
        });
        this.progress();
        return;
      }
      this.states.push(st);
      for (const [index, formula] of r.formulas ?? []) {
        const text = clip(formula);
        add(
          st,
          this.header(index),
          'cell.formula-no-value',
          `该单元格是公式（=${text}），但文件中没有保存计算结果：请在 Excel 或 WPS 中打开后重新保存，或把公式“选择性粘贴”为数值`,
          `the cell holds a formula (=${text}) but the file keeps no computed result: open and save the file again in Excel or WPS, or paste the formula as values`,
        );
      }

      // 姓名
      if (st.name === '') add(st, col('name'), 'field.empty', '姓名不能为空', 'the name is empty');
      else if (CONTROL.test(st.name) || LONE_SURROGATE.test(st.name)) {
        add(
          st,
          col('name'),
          'name.invalid-characters',
          '姓名含有控制字符（如换行、制表符）或无效字符，请删除后重新录入',
          'the name holds a control character (such as a line break or tab) or an invalid character: delete it and type the name again',
        );
      }

      // 身份证号
      const idText = trimText(f.idNumber);
      if (idText === '') add(st, col('idNumber'), 'field.empty', '身份证号不能为空', 'the ID-card number is empty');
      else {
        const id = parseIdCard(idText);
        if (!id.ok) {
          if (id.code === 'idcard.excel-mangled') this.anyMangled = true;
          add(st, col('idNumber'), id.code, id.zh, id.en);
        } else {
          st.idNumber = id.id;
          st.idBirth = id.birthDate;
          st.sex = id.sex;
          const first = this.firstRowOfId.get(id.id);
          if (first !== undefined) {
            add(
              st,
              col('idNumber'),
              'idcard.duplicate',
              `身份证号 ${id.id} 与第 ${first} 行相同：同一名儿童只能报名一次`,
              `the ID-card number ${id.id} is the same as in row ${first}: a child may apply only once`,
            );
          } else this.firstRowOfId.set(id.id, st.row);
          if (this.existing.has(id.id)) {
            add(
              st,
              col('idNumber'),
              'idcard.already-registered',
              `身份证号 ${id.id} 已经报过名（在此前导入的名单中）`,
              `the ID-card number ${id.id} is already registered (in a list imported before)`,
            );
          }
        }
      }

      // 性别
      const sexText = clean(f.sex);
      if (map.fields.sex !== undefined && sexText !== '') {
        if (sexText !== '男' && sexText !== '女') {
          add(
            st,
            col('sex'),
            'sex.invalid',
            `性别应为“男”或“女”，实为“${clip(sexText)}”`,
            `the sex must be 男 or 女, found "${clip(sexText)}"`,
          );
        } else if (st.sex !== undefined && st.sex !== sexText) {
          add(
            st,
            col('sex'),
            'sex.idcard-mismatch',
            `性别“${sexText}”与身份证号（第 17 位表示${st.sex}）不符`,
            `the sex ${sexText} contradicts the ID-card number (its 17th digit says ${st.sex === '男' ? 'male' : 'female'})`,
          );
        }
      }

      // 联系电话: a mobile or a landline with its area code (a name or a formula in this column is a slip).
      if (st.phone !== '' && !looksLikePhone(st.phone)) {
        add(
          st,
          col('phone'),
          'phone.invalid',
          `联系电话“${clip(st.phone)}”不像电话号码：应为 11 位手机号或带区号的固定电话，如 13800000000、0813-2201234`,
          `the phone "${clip(st.phone)}" is not a phone number: give an 11-digit mobile or a landline with area code, e.g. 13800000000 or 0813-2201234`,
        );
      }

      // 出生日期
      const dateText = clean(f.birthDate);
      let columnDate: string | undefined;
      if (map.fields.birthDate !== undefined && dateText !== '') {
        const d = parseDate(dateText);
        let parts: DateParts | undefined;
        if (d.ok) {
          columnDate = d.date;
          parts = d.parts;
        } else if (d.reason === 'impossible') {
          parts = d.parts;
          add(
            st,
            col('birthDate'),
            'birthdate.impossible',
            `出生日期“${clip(dateText)}”不存在（该月没有这一天）`,
            `the birth date "${clip(dateText)}" does not exist (the month has no such day)`,
          );
        } else {
          add(
            st,
            col('birthDate'),
            'birthdate.format',
            `出生日期“${clip(dateText)}”无法识别：请写成 2013-09-01、2013/9/1、2013.09.01 或 20130901`,
            `the birth date "${clip(dateText)}" cannot be read: write it as 2013-09-01, 2013/9/1, 2013.09.01 or 20130901`,
          );
        }
        if (parts !== undefined && st.idBirth !== undefined) {
          const idParts = parseDate(st.idBirth);
          if (idParts.ok && !sameDay(parts, idParts.parts)) {
            add(
              st,
              col('birthDate'),
              'birthdate.idcard-mismatch',
              `出生日期“${clip(dateText)}”与身份证号中的出生日期 ${st.idBirth} 不一致`,
              `the birth date "${clip(dateText)}" differs from the birth date ${st.idBirth} in the ID-card number`,
            );
          }
        }
      }
      st.birthDate = st.idBirth ?? columnDate;
      if (window !== undefined && st.birthDate !== undefined && (st.birthDate < window.bornFrom || st.birthDate > window.bornTo)) {
        add(
          st,
          map.fields.birthDate ?? col('idNumber'),
          'birthdate.out-of-window',
          `出生日期 ${st.birthDate} 不在本次招生范围内（${window.bornFrom} 至 ${window.bornTo} 出生）`,
          `the birth date ${st.birthDate} is outside the range of this admission (born ${window.bornFrom} to ${window.bornTo})`,
        );
      }

      // 志愿1 … 志愿N
      let emptyBefore: Column | undefined;
      const seen = new Map<string, Column>();
      f.choices.forEach((raw, i) => {
        const c = map.choices[i]!;
        const text = clean(raw);
        if (text === '') {
          if (i === 0)
            add(st, c, 'field.empty', '志愿1不能为空：至少要填一所学校', '志愿1 (first choice) is empty: at least one school is needed');
          emptyBefore ??= c;
          return;
        }
        if (emptyBefore !== undefined && i > 0 && emptyBefore !== map.choices[0]) {
          add(
            st,
            c,
            'choice.gap',
            `“${emptyBefore.header}”为空而“${c.header}”有学校：志愿须从前往后连续填写`,
            `"${emptyBefore.header}" is empty but "${c.header}" names a school: fill the choices in order without gaps`,
          );
        }
        const unit = units.find(text);
        st.choices.push(unit);
        st.choiceKeys.push(unit ?? `?${unitKey(text)}`);
        if (unit === undefined) {
          add(
            st,
            c,
            'choice.unknown-unit',
            `没有名为“${clip(text)}”的学校（本次招生的学校：${units.listed}）`,
            `there is no school named "${clip(text)}" (schools in this admission: ${units.listed})`,
          );
          return;
        }
        const before = seen.get(unit);
        if (before !== undefined) {
          add(
            st,
            c,
            'choice.repeated',
            `“${c.header}”与“${before.header}”是同一所学校（${clip(text)}）：每所学校只能填一次`,
            `"${c.header}" names the same school as "${before.header}" (${clip(text)}): each school may be chosen only once`,
          );
        } else seen.set(unit, c);
      });

      // 类别
      if (st.tierText === '') add(st, col('tier'), 'field.empty', '类别不能为空', 'the tier (类别) is empty');
      else if (/^\d{1,2}$/.test(st.tierText) && Number(st.tierText) >= 1) st.tier = Number(st.tierText);
      else {
        add(
          st,
          col('tier'),
          'tier.invalid',
          `类别应为 1 到 99 的整数，实为“${clip(st.tierText)}”`,
          `the tier (类别) must be a whole number from 1 to 99, found "${clip(st.tierText)}"`,
        );
      }
      this.uncomputed = undefined;
      // Progress first: a row handed on is never ahead of the count of rows read.
      this.progress();
      // Once the file has an error nothing of it will be stored: rows are no longer handed on.
      if (!st.failed && this.errors.length === 0) this.options.onChecked?.(applicantOf(st));
      return;
    }
    this.progress();
  }

  private progress(): void {
    const p = this.options.onProgress;
    if (p !== undefined && this.done % PROGRESS_EVERY === 0) p(this.done, this.total);
  }

  finish(): ValidationResult {
    const { map, states } = this;
    const add = this.add_;
    const col = this.col;
    const p = this.options.onProgress;
    if (p !== undefined && this.done % PROGRESS_EVERY !== 0) p(this.done, this.total);
    if (states.length === 0) {
      if (this.skipped.length > 0) {
        throw new FairDrawError(
          'import.no-rows',
          '文件中除导入模板的填写示例外没有报名数据',
          "the file holds no applicants besides the import template's worked example",
          { file: this.file },
        );
      }
      throw new FairDrawError('import.no-rows', '文件中只有表头，没有报名数据', 'the file has a header row but no applicants', {
        file: this.file,
      });
    }

    // Excel keeps 15 significant digits: once one ID in the file was typed into a number cell, any
    // other ID ending in 000 most likely lost its last digits too, even if its check digit happens to fit.
    if (this.anyMangled) {
      for (const st of states) {
        if (st.idNumber !== undefined && MANGLED_TAIL.test(st.idNumber)) {
          add(
            st,
            col('idNumber'),
            'idcard.excel-mangled',
            `身份证号 ${st.idNumber} 以 000 结尾，而本文件中已有身份证号被 Excel 当作数字损坏：该号码很可能也丢失了后三位，请把该列设置为“文本”格式后重新录入并核对`,
            `the ID-card number ${st.idNumber} ends in 000 while other ID numbers in this file were corrupted by Excel as numbers: it has most likely lost its last three digits too; format the column as Text, enter it again and check it`,
          );
        }
      }
    }

    checkGroups(states, map, add);

    const applicants: ImportedApplicant[] = [];
    if (this.options.onChecked === undefined) for (const st of states) if (!st.failed) applicants.push(applicantOf(st));
    const errors = this.errors;
    errors.sort((a, b) => a.row - b.row || a.col - b.col);
    const sheet = this.options.sheet;
    this.states.length = 0;
    return {
      applicants,
      errors: errors.map(({ row, field, code, zh, en }) =>
        sheet === undefined ? { row, field, code, zh, en } : { row, sheet, field, code, zh, en },
      ),
      skipped: this.skipped,
    };
  }
}

/** The applicant of a row that passed every check. */
function applicantOf(st: RowState): ImportedApplicant {
  const a: ImportedApplicant = {
    row: st.row,
    name: st.name,
    sex: st.sex!,
    idNumber: st.idNumber!,
    birthDate: st.birthDate!,
    guardian: st.guardian,
    phone: st.phone,
    tier: st.tier!,
    choices: st.choices as string[],
    extra: st.extra,
  };
  if (st.group !== undefined) a.group = st.group;
  return a;
}

/** Members of a multiple-birth group: at least two, with the same choices in the same order and the same tier. */
function checkGroups(
  states: RowState[],
  map: ColumnMap,
  add: (st: RowState, c: Column, code: string, zh: string, en: string) => void,
): void {
  const column = map.fields.group;
  if (column === undefined) return;
  const groups = new Map<string, RowState[]>();
  for (const st of states) {
    if (st.group === undefined) continue;
    const members = groups.get(st.group);
    if (members === undefined) groups.set(st.group, [st]);
    else members.push(st);
  }
  for (const [label, members] of groups) {
    const first = members[0]!;
    if (members.length === 1) {
      add(
        first,
        column,
        'group.single',
        `多胞胎组“${clip(label)}”只有这一行：同组的兄弟姐妹须填写相同的组号，单独报名的请留空`,
        `the multiple-birth group "${clip(label)}" has only this row: siblings of one group must carry the same label; leave it empty for a single child`,
      );
      continue;
    }
    for (const st of members.slice(1)) {
      if (st.choiceKeys.join('\u0000') !== first.choiceKeys.join('\u0000')) {
        add(
          st,
          column,
          'group.choices-differ',
          `多胞胎组“${clip(label)}”的志愿与同组第 ${first.row} 行不同：同组成员须填写相同的志愿、相同的顺序`,
          `the choices differ from row ${first.row} of the same multiple-birth group "${clip(label)}": members must choose the same schools in the same order`,
        );
      }
      if (st.tierText !== first.tierText && !(st.tier !== undefined && st.tier === first.tier)) {
        add(
          st,
          column,
          'group.tier-differ',
          `多胞胎组“${clip(label)}”的类别与同组第 ${first.row} 行不同：同组成员的类别须相同`,
          `the tier differs from row ${first.row} of the same multiple-birth group "${clip(label)}": members must have the same tier`,
        );
      }
    }
  }
}

function clean(s: string): string {
  return trimText(s).normalize('NFC');
}

/**
 * Both bounds must be YYYY-MM-DD days; an open end may be written as 0000-01-01 or 9999-12-31 (what a
 * caller passes when only one bound is set).
 */
function checkWindow(w: { bornFrom: string; bornTo: string }): { bornFrom: string; bornTo: string } {
  const bound = (t: string): string | undefined => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t.trim());
    if (m === null) return undefined;
    // the year only matters for 29 February; 0000 is a leap year in the proleptic Gregorian calendar
    const leapYear = Number(m[1]) === 0 ? 2000 : Number(m[1]);
    return isRealDate(Math.max(leapYear, 1000), Number(m[2]), Number(m[3])) ? t.trim() : undefined;
  };
  const from = bound(w.bornFrom);
  const to = bound(w.bornTo);
  if (from === undefined || to === undefined || from > to) {
    throw new FairDrawError(
      'import.age-window',
      `出生日期范围设置有误（${w.bornFrom} 至 ${w.bornTo}）：须为两个 YYYY-MM-DD 日期，且起始不晚于截止`,
      `the birth-date range is wrong (${w.bornFrom} to ${w.bornTo}): it must be two YYYY-MM-DD dates, the first not after the second`,
    );
  }
  return { bornFrom: from, bornTo: to };
}
