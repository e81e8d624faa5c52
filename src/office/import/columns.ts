/**
 * Which column holds what. Headers are matched after trimming, NFKC (full-width letters and digits
 * become ASCII) and removing white space inside, so `志愿 1`, `志愿１` and ` 姓名 ` are recognised.
 * Errors and `extra` use the header as the file writes it (trimmed).
 */
import { FairDrawError } from '../../core/errors.js';
import type { TableRow } from './table.js';

export type Field = 'name' | 'sex' | 'idNumber' | 'birthDate' | 'guardian' | 'phone' | 'tier' | 'group';

/** Accepted headers for each field; the first one is the canonical name used in messages. */
export const HEADERS: Readonly<Record<Field, readonly string[]>> = {
  name: ['姓名'],
  sex: ['性别'],
  idNumber: ['身份证号', '身份证号码', '证件号码'],
  birthDate: ['出生日期'],
  guardian: ['监护人'],
  phone: ['联系电话', '电话', '手机'],
  tier: ['类别'],
  group: ['多胞胎组'],
};

const REQUIRED: readonly (Field | 'choice1')[] = ['name', 'idNumber', 'choice1', 'tier'];
const CHOICE = /^志愿(\d+)$/;

export interface Column {
  /** 0-based position in the row's cells. */
  index: number;
  /** The header as written in the file, trimmed. */
  header: string;
}

export interface ColumnMap {
  fields: Partial<Record<Field, Column>>;
  /** 志愿1 … 志愿N, in order. */
  choices: Column[];
  /** Every other column, kept with each row so that nothing in the file is lost. */
  extra: Column[];
  /** How many columns the header row has. */
  width: number;
}

/** One data row split into fields; texts as in the file (not yet trimmed or checked). */
export interface RowFields {
  row: number;
  name: string;
  sex: string;
  idNumber: string;
  birthDate: string;
  guardian: string;
  phone: string;
  tier: string;
  group: string;
  /** One entry per 志愿 column, empty string where the cell is empty. */
  choices: string[];
  extra: Record<string, string>;
}

export function headerKey(h: string): string {
  return h.normalize('NFKC').replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '');
}

export function trimText(s: string): string {
  return s.replace(/^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$/g, '');
}

/** Excel's column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const BY_KEY = new Map<string, Field>();
for (const [field, names] of Object.entries(HEADERS) as [Field, readonly string[]][])
  for (const n of names) BY_KEY.set(headerKey(n), field);

export function mapColumns(headers: readonly string[], file: string): ColumnMap {
  const fields: Partial<Record<Field, Column>> = {};
  const numbered = new Map<number, Column>();
  const extra: Column[] = [];
  const extraNames = new Set<string>();
  headers.forEach((raw, index) => {
    const header = trimText(raw);
    const key = headerKey(raw);
    const field = BY_KEY.get(key);
    const choice = CHOICE.exec(key);
    const where = { file, line: 1, field: header };
    if (field !== undefined) {
      const before = fields[field];
      if (before !== undefined) {
        throw new FairDrawError(
          'import.column-duplicate',
          `“${before.header}”和“${header}”两列都表示${HEADERS[field][0]}（第 ${columnLetter(before.index)} 列与第 ${columnLetter(index)} 列），只能保留一列`,
          `the columns "${before.header}" and "${header}" (columns ${columnLetter(before.index)} and ${columnLetter(index)}) both mean ${HEADERS[field][0]}: keep only one`,
          where,
        );
      }
      fields[field] = { index, header };
    } else if (choice !== null) {
      const n = Number(choice[1]);
      const before = numbered.get(n);
      if (before !== undefined) {
        throw new FairDrawError(
          'import.column-duplicate',
          `“志愿${n}”出现了两次（第 ${columnLetter(before.index)} 列与第 ${columnLetter(index)} 列）`,
          `the column "志愿${n}" appears twice (columns ${columnLetter(before.index)} and ${columnLetter(index)})`,
          where,
        );
      }
      numbered.set(n, { index, header });
    } else if (header !== '') {
      let name = header;
      if (extraNames.has(name)) name = `${header}（${columnLetter(index)}）`;
      extraNames.add(name);
      extra.push({ index, header: name });
    } else {
      extra.push({ index, header: `列${columnLetter(index)}` });
    }
  });

  const missing: string[] = [];
  for (const r of REQUIRED) {
    if (r === 'choice1' ? !numbered.has(1) : fields[r] === undefined) missing.push(r === 'choice1' ? '志愿1' : HEADERS[r][0]!);
  }
  if (missing.length > 0) {
    const found = headers.map(trimText).filter((h) => h !== '');
    const list = found.length > 8 ? `${found.slice(0, 8).join('、')}…` : found.join('、');
    throw new FairDrawError(
      'import.column-missing',
      `缺少必需的列：${missing.join('、')}（第 1 行必须是表头；找到的列：${list}）`,
      `required column${missing.length > 1 ? 's' : ''} missing: ${missing.join(', ')} (row 1 must be the header row; columns found: ${list})`,
      { file, line: 1, field: missing.join('、') },
    );
  }

  const choices: Column[] = [];
  const numbers = [...numbered.keys()].sort((a, b) => a - b);
  numbers.forEach((n, i) => {
    if (n !== i + 1) {
      throw new FairDrawError(
        'import.column-choice-gap',
        `志愿列必须从志愿1起连续编号：有“志愿${n}”却没有“志愿${i + 1}”`,
        `the choice columns must be numbered 志愿1, 志愿2, … without gaps: there is "志愿${n}" but no "志愿${i + 1}"`,
        { file, line: 1, field: numbered.get(n)!.header },
      );
    }
    choices.push(numbered.get(n)!);
  });
  return { fields, choices, extra, width: headers.length };
}

/** The optional personal columns an event may collect (src/office/privacy/settings.ts). */
export type PersonalColumn = 'birthDate' | 'guardian' | 'phone' | 'address';

/** Headers of the home address, which the import keeps as an extra column when it is collected. */
export const ADDRESS_HEADERS: readonly string[] = ['家庭住址', '住址', '地址', '家庭地址', '现住址'];
const ADDRESS_KEYS = new Set(ADDRESS_HEADERS.map(headerKey));

const PERSONAL_NAMES: Readonly<Record<PersonalColumn, { zh: string; en: string }>> = {
  birthDate: { zh: '出生日期', en: 'birth date' },
  guardian: { zh: '监护人', en: 'guardian' },
  phone: { zh: '联系电话', en: 'phone' },
  address: { zh: '家庭住址', en: 'home address' },
};

/**
 * Collect the least: a file carrying a personal column the event did not choose is refused as a
 * whole, naming the sheet and the column, before any row is read. `collected` undefined means the
 * event never chose, and the file may carry every column the import has always taken.
 */
export function refuseUncollected(map: ColumnMap, collected: readonly PersonalColumn[] | undefined, file: string, sheet?: string): void {
  if (collected === undefined) return;
  const found: { column: PersonalColumn; header: string; index: number }[] = [];
  for (const c of ['birthDate', 'guardian', 'phone'] as const) {
    const col = map.fields[c];
    if (col !== undefined && !collected.includes(c)) found.push({ column: c, header: col.header, index: col.index });
  }
  if (!collected.includes('address')) {
    for (const col of map.extra)
      if (ADDRESS_KEYS.has(headerKey(col.header))) found.push({ column: 'address', header: col.header, index: col.index });
  }
  const first = found[0];
  if (first === undefined) return;
  const zhWhere = sheet !== undefined ? `工作表“${sheet}”的` : '';
  const enWhere = sheet !== undefined ? `the sheet "${sheet}" carries` : 'the file carries';
  const zhCols = found.map((f) => `“${f.header}”（第 ${columnLetter(f.index)} 列）`).join('、');
  const enCols = found.map((f) => `"${f.header}" (column ${columnLetter(f.index)}, ${PERSONAL_NAMES[f.column].en})`).join(', ');
  throw new FairDrawError(
    'import.column-not-collected',
    `${zhWhere}${zhCols}是本批次不采集的个人信息，未导入任何数据：请从文件中删除该列后重新导入，或在本批次的个人信息设置中选择采集${found.map((f) => PERSONAL_NAMES[f.column].zh).join('、')}`,
    `${enWhere} ${enCols}, personal data this event does not collect; nothing was imported: remove the column from the file and import again, or choose to collect it in the event's privacy settings`,
    { file, line: 1, field: first.header },
  );
}

/**
 * The cells of one row by field. Cells beyond the header row's width are kept in `extra` under their
 * column letter, so a value typed in an unlabelled column is never silently dropped.
 */
export function readRow(map: ColumnMap, r: TableRow): RowFields {
  const cells = r.cells;
  const get = (f: Field): string => {
    const c = map.fields[f];
    return c === undefined ? '' : (cells[c.index] ?? '');
  };
  const extra: Record<string, string> = {};
  for (const c of map.extra) extra[c.header] = trimText(cells[c.index] ?? '');
  for (let i = map.width; i < cells.length; i++) {
    const v = trimText(cells[i]!);
    if (v !== '') extra[`列${columnLetter(i)}`] = v;
  }
  return {
    row: r.row,
    name: get('name'),
    sex: get('sex'),
    idNumber: get('idNumber'),
    birthDate: get('birthDate'),
    guardian: get('guardian'),
    phone: get('phone'),
    tier: get('tier'),
    group: get('group'),
    choices: map.choices.map((c) => cells[c.index] ?? ''),
    extra,
  };
}
