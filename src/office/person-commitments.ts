/**
 * The log's commitment to who stands behind each registration number: a salted hash per applicant
 * (src/core/audit.ts, `personCommitment`) and the Merkle root over them in list order, logged at
 * publication, correction and freeze. Names, ID numbers and birth dates never enter the log.
 */
import { personCommitment, personsTree } from '../core/audit.js';
import { toHex } from '../core/bytes.js';
import type { MerkleTree } from '../core/merkle.js';
import type { Repos } from '../store/index.js';
import type { ApplicantRow } from '../store/repositories/applicants.repository.js';
import type { Office } from './ports.js';

/** Applicants in list order (by registration number, as bytes: list.jsonl's order). */
export function inListOrder(applicants: readonly ApplicantRow[]): ApplicantRow[] {
  return [...applicants].sort((x, y) => (x.reg_no < y.reg_no ? -1 : x.reg_no > y.reg_no ? 1 : 0));
}

/**
 * One applicant's commitment; an erased row gives the commitment it kept; a row without a salt
 * (never salted) commits to nothing.
 */
export function commitmentOfRow(a: ApplicantRow): string {
  if (a.erased_at && a.person_commitment) return a.person_commitment;
  return (
    (a.salt && personCommitment({ regNo: a.reg_no, name: a.name, idNumber: a.id_number, birthDate: a.birth_date, salt: a.salt })) ||
    '0'.repeat(64)
  );
}

export interface Persons {
  personsRoot: string;
  personsSize: number;
}

export function personsTreeOf(applicants: readonly ApplicantRow[]): MerkleTree {
  return personsTree(inListOrder(applicants).map(commitmentOfRow));
}

/** What the log holds about the people behind the list: the root and the number of commitments. */
export function personsOf(applicants: readonly ApplicantRow[]): Persons {
  const tree = personsTreeOf(applicants);
  return { personsRoot: toHex(tree.root()), personsSize: tree.size };
}

/** Gives every applicant without a salt one (rows of databases from before salts existed). */
export async function ensureSalts(repos: Repos, office: Office, eventId: string): Promise<void> {
  for (const a of await repos.applicants.listByEvent(eventId)) {
    if (!a.salt) await repos.applicants.setSalt(eventId, a.reg_no, office.random.salt());
  }
}
