/**
 * The database rows of checked applicants: a registration number (报名号) of the office's random
 * source for each, never repeating one of the event's, a group id for each multiple-birth group,
 * and a salt for the person commitment. Shared by the request thread and the import's helper thread.
 */
import type { ApplicantRow } from '../../store/repositories/applicants.repository.js';
import type { Random } from '../ports.js';
import type { ImportedApplicant } from './validate.js';

export class ApplicantRows {
  /** The file's group labels → their group ids. */
  readonly groups = new Map<string, string>();
  /** The stored `choices` text of each list of choices and tier seen (a file has few). */
  private readonly choiceTexts = new Map<string, string>();

  constructor(
    private readonly eventId: string,
    private readonly now: string,
    private readonly random: Random,
    /** The event's registration numbers: each one drawn is added. */
    private readonly taken: Set<string>,
    /** The import storing the rows in parts, if it does. */
    private readonly importId?: string,
  ) {}

  row(a: ImportedApplicant): ApplicantRow {
    const random = this.random;
    let reg = random.registrationNumber();
    while (this.taken.has(reg)) reg = random.registrationNumber();
    this.taken.add(reg);
    let groupId: string | null = null;
    if (a.group !== undefined) {
      groupId = this.groups.get(a.group) ?? random.groupId();
      this.groups.set(a.group, groupId);
    }
    const key = `${a.tier}\u0000${a.choices.join('\u0000')}`;
    let choices = this.choiceTexts.get(key);
    if (choices === undefined) {
      choices = JSON.stringify(a.choices.map((unit) => ({ unit, tier: a.tier })));
      this.choiceTexts.set(key, choices);
    }
    const row: ApplicantRow = {
      event_id: this.eventId,
      reg_no: reg,
      name: a.name,
      sex: a.sex,
      id_number: a.idNumber,
      birth_date: a.birthDate,
      guardian: a.guardian,
      phone: a.phone,
      tier: a.tier,
      choices,
      group_label: a.group ?? null,
      group_id: groupId,
      extra: JSON.stringify(a.extra),
      source_row: a.row,
      created_at: this.now,
      salt: random.salt(),
    };
    if (this.importId !== undefined) row.import_id = this.importId;
    return row;
  }
}
