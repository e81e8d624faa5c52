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
