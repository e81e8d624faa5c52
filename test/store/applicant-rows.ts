/** Applicant rows as the store writes them, invented, for the store's own tests. */
import type { ApplicantRow } from '../../src/store/repositories/applicants.repository.js';

/** Row i of event e1 (registration number R000000001 and on); `over` replaces any column. */
export function applicantRow(i: number, over: Partial<ApplicantRow> = {}): ApplicantRow {
  return {
    event_id: 'e1',
    reg_no: `R${String(i).padStart(9, '0')}`,
    name: `学生${i}`,
    sex: '男',
    id_number: `ID${i}`,
    birth_date: '2013-09-01',
    guardian: `家长${i}`,
    phone: '13800000000',
    tier: 1,
    choices: JSON.stringify([{ unit: 'S1', tier: 1 }]),
    group_label: null,
    group_id: null,
    extra: '{}',
    source_row: i + 2,
    created_at: '2026-12-01T00:00:00.000Z',
    salt: 'ab'.repeat(32),
    ...over,
  };
}
