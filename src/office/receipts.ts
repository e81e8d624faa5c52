/**
 * 报名回执: a family's proof that its application is in the published list — its registration
 * number, its list line and an RFC 6962 inclusion proof against the published listRoot — and that
 * the registration number stands for its own child: the salt that opens the commitment to the
 * child's name, ID number and birth date, with its inclusion proof against the personsRoot the
 * publication logged (see src/core/audit.ts, `personCommitment`).
 */
import { FairDrawError } from '../core/errors.js';
import { listLines } from '../core/list.js';
import { MerkleTree, type InclusionProof } from '../core/merkle.js';
import { fromUtf8, toHex, utf8 } from '../core/bytes.js';
import type { Repos } from '../store/index.js';
import type { ApplicantRow } from '../store/repositories/applicants.repository.js';
import { commitmentOfRow, personsTreeOf } from './person-commitments.js';

export interface Receipt {
  event: string;
  version: number;
  regNo: string;
  line: string;
  listRoot: string;
  listSize: number;
  proof: InclusionProof;
  /** The opening of the person commitment; absent on a row that has no salt (older databases). */
  person?: PersonOpening;
}

export interface PersonOpening {
  /** 64 hex: with the child's own data it recomputes `commitment` (keep it with the receipt). */
  salt: string;
  commitment: string;
  personsRoot: string;
  proof: InclusionProof;
}

/** All receipts of the latest publication (one Merkle tree, every path from it). */
export async function receiptsOf(repos: Repos, eventId: string): Promise<Receipt[]> {
  const pub = await repos.publications.latest(eventId);
  if (!pub)
    throw new FairDrawError('receipt.unpublished', '该批次尚未公示，没有回执', 'the event is not published yet; there are no receipts', {
      field: 'event',
    });
  const lines = listLines(utf8(pub.list_text));
  const tree = MerkleTree.fromEntries(lines);
  const root = toHex(tree.root());
  const byReg = new Map((await repos.applicants.listByEvent(eventId)).map((a) => [a.reg_no, a]));
  const regNos = lines.map((l) => (JSON.parse(fromUtf8(l)) as { id: string }).id);
  const people = regNos.map((r) => byReg.get(r));
  const persons = people.every((a) => a?.salt) ? personsTreeOf(people as ApplicantRow[]) : undefined;
  const personsRoot = persons && toHex(persons.root());
  return lines.map((l, i) => {
    const line = fromUtf8(l);
    const regNo = regNos[i]!;
    const a = people[i];
    const person =
      persons && a?.salt ? { salt: a.salt, commitment: commitmentOfRow(a), personsRoot: personsRoot!, proof: persons.prove(i) } : undefined;
    return {
      event: eventId,
      version: pub.version,
      regNo,
      line,
      listRoot: root,
      listSize: lines.length,
      proof: tree.prove(i),
      ...(person ? { person } : {}),
    };
  });
}

export async function receiptOf(repos: Repos, eventId: string, regNo: string): Promise<Receipt> {
  const r = (await receiptsOf(repos, eventId)).find((x) => x.regNo === regNo);
  if (!r)
    throw new FairDrawError('receipt.missing', `公示名单中没有报名号 ${regNo}`, `the published list has no registration number ${regNo}`, {
      field: 'regNo',
    });
  return r;
}
