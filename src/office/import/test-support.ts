/** Shared by the import tests only: where the sample files are, and invented ID numbers. */
import ExcelJS from 'exceljs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { idCheckChar } from './id-card.js';
import type { UnitRef } from './units.js';

/** The repository's sample files, test/fixtures/samples. */
export const SAMPLES = fileURLToPath(new URL('../../../test/fixtures/samples/', import.meta.url));

export function samplePath(name: string): string {
  return join(SAMPLES, name);
}

/** The two schools of the sample files. */
export const SAMPLE_UNITS: UnitRef[] = [
  { id: 'tanmulin', name: '檀木林小学' },
  { id: 'tangkanshang', name: '塘坎上小学' },
];

export const SAMPLE_WINDOW = { bornFrom: '2013-09-01', bornTo: '2014-08-31' };

/** A made-up ID number with a valid check character: area 510302, the given birth date, sequence 0–999. */
export function fakeId(birth: string, sequence: number, area = '510302'): string {
  const first17 = `${area}${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** A valid invented ID number whose last three characters are 000 (sequence x00, check character 0). */
export function validIdEndingIn000(): string {
  for (let day = 1; day <= 28; day++) {
    for (let s = 100; s < 1000; s += 100) {
      const id = fakeId(`2013-10-${String(day).padStart(2, '0')}`, s);
      if (id.endsWith('000')) return id;
    }
  }
  throw new Error('no such ID number');
}

/** An .xlsx file built in memory. */
export async function xlsxBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A valid invented ID number of a boy whose check character is X. */
export function boyIdWithX(): string {
  for (let s = 1; s < 1000; s += 2) {
    const id = fakeId('2013-10-15', s);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no such ID number');
}

/**
 * A CSV of ROWS applicants of the sample schools (every 500th pair twins), each line given to
 * `plant` to change: 20,000 rows make a file large enough for the helper thread.
 */
export function applicantsCsv(rows: number, plant: (cells: string[], i: number) => void = () => undefined): Uint8Array {
  const lines = ['姓名,性别,身份证号,出生日期,监护人,联系电话,志愿1,志愿2,类别,多胞胎组'];
  for (let i = 0; i < rows; i++) {
    const birth = new Date(Date.UTC(2013, 8, 1 + (i % 365))).toISOString().slice(0, 10);
    const choices = i % 500 < 2 ? [0, 1] : i % 2 === 0 ? [0, 1] : [1, 0];
    const cells = [
      `学生${i}`,
      '男',
      fakeId(birth, Math.floor(i / 365) * 2 + 1),
      birth,
      `家长${i}`,
      `138${String(i).padStart(8, '0')}`,
      ...choices.map((c) => SAMPLE_UNITS[c]!.name),
      i % 500 < 2 ? '1' : String(1 + (i % 3)),
      i % 500 < 2 ? `T${Math.floor(i / 500)}` : '',
    ];
    plant(cells, i);
    lines.push(cells.join(','));
  }
  return utf8(`${lines.join('\n')}\n`);
}
