/**
 * The published documents of an event, read once and kept: the rules and list of the latest
 * publication (with the Merkle tree that gives every receipt), and after the draw the official
 * record with each applicant's place at each unit. All of it is derived from public files only.
 */
import { fromUtf8, utf8 } from '../../core/bytes.js';
import { parseRules, type Rules } from '../../core/rules.js';
import { listLines, parseList, type ApplicantList } from '../../core/list.js';
import { idStrings } from '../../core/id-table.js';
import { MerkleTree } from '../../core/merkle.js';
import type { Source } from '../../core/sources.js';
import { FairDrawError } from '../../core/errors.js';
import type { EventRow } from '../../store/repositories/events.repository.js';
import type { Office } from '../ports.js';
import { remember } from './access.js';

export interface Published {
  version: number;
  createdAt: string;
  rulesText: string;
  listText: string;
  paramsSha256: string;
  rules: Rules;
  list: ApplicantList;
  /** The registration numbers as strings, in list order. */
  ids: string[];
  /** Applicant index in the list by registration number. */
  indexOf: Map<string, number>;
  /** Members of each multiple-birth group. */
  groupSize: Map<string, number>;
  tree: MerkleTree;
  lines: Uint8Array[];
  unitName(id: string): string;
}

export async function published(office: Office, ev: EventRow): Promise<Published> {
  return remember(office, `pub:${ev.id}:${ev.version}`, async () => {
    const pub = await office.store.repos.publications.latest(ev.id);
    if (!pub) throw new FairDrawError('receipt.unpublished', '该批次尚未公示', 'the event is not published yet', { field: 'event' });
    const rules = parseRules(utf8(pub.rules_text)).rules;
    const bytes = utf8(pub.list_text);
    const list = parseList(bytes, rules);
    const lines = listLines(bytes);
    const ids = idStrings(list.idTable);
    const names = new Map(rules.units.map((u) => [u.id, u.name ?? u.id]));
    const groupSize = new Map<string, number>();
    for (const g of list.groups) if (g !== undefined) groupSize.set(g, (groupSize.get(g) ?? 0) + 1);
    return {
      version: pub.version,
      createdAt: pub.created_at,
      rulesText: pub.rules_text,
      listText: pub.list_text,
      paramsSha256: pub.params_sha256,
      rules,
      list,
      ids,
      indexOf: new Map(ids.map((id, i) => [id, i])),
      groupSize,
      tree: MerkleTree.fromEntries(lines),
      lines,
      unitName: (id) => names.get(id) ?? id,
    };
  });
}

interface StoredRecord {
  drawId: string;
  seed: string;
  sources: Source[];
  sourcesSha256: string;
  units: { id: string; seats: number; admitted: string[]; waitlist: string[] }[];
  applicants: { id: string; assigned: string | null; tickets: Record<string, string> }[];
}

export interface Drawn {
  drawId: string;
  createdAt: string;
  recordText: string;
  recordSha256: string;
  sourcesText: string;
  record: StoredRecord;
  /** Place (1-based) of each choice of each applicant at its unit, aligned with `list.choiceStart`. */
  rank: Uint32Array;
  /** Applicants listing each unit (rules order). */
  unitApplicants: number[];
  admittedAt: Map<string, number>[];
  waitlistAt: Map<string, number>[];
}

/** The official draw with each applicant's place at each unit; undefined before the draw. */
export async function drawn(office: Office, ev: EventRow, pub: Published): Promise<Drawn | undefined> {
  if (ev.status !== 'drawn' && ev.status !== 'results') return undefined;
  return remember(office, `draw:${ev.id}:${ev.version}`, async () => {
    const official = await office.store.repos.draws.official(ev.id);
    if (!official) throw new FairDrawError('results.no-draw', '尚未正式摇号', 'there is no official draw yet', { field: 'event' });
    const record = JSON.parse(official.record_text) as StoredRecord;
    const { list, rules, ids } = pub;
    const units = rules.units;
    // §6.3: order at a unit is (tier, ticket, kind, name); members of a group share the key and
    // follow each other in id order (§9).
    const rank = new Uint32Array(list.choiceUnit.length);
    const byUnit: number[][] = units.map(() => []);
    for (let i = 0; i < list.size; i++) {
      for (let c = list.choiceStart[i]!; c < list.choiceStart[i + 1]!; c++) byUnit[list.choiceUnit[c]!]!.push(c);
    }
    const applicantOf = new Uint32Array(list.choiceUnit.length);
    for (let i = 0; i < list.size; i++) for (let c = list.choiceStart[i]!; c < list.choiceStart[i + 1]!; c++) applicantOf[c] = i;
    units.forEach((u, ui) => {
      const key = (c: number): [number, string, number, string, string] => {
        const i = applicantOf[c]!;
        const g = list.groups[i];
        return [list.choiceTier[c]!, record.applicants[i]?.tickets[u.id] ?? '', g === undefined ? 0 : 1, g ?? ids[i]!, ids[i]!];
      };
      const keyed = byUnit[ui]!.map((c) => ({ c, k: key(c) }));
      keyed.sort((a, b) => {
        for (let k = 0; k < 5; k++) {
          const x = a.k[k]!;
          const y = b.k[k]!;
          if (x !== y) return x < y ? -1 : 1;
        }
        return 0;
      });
      keyed.forEach((x, pos) => (rank[x.c] = pos + 1));
    });
    const positions = (ids: string[]): Map<string, number> => new Map(ids.map((id, k) => [id, k + 1]));
    return {
      drawId: official.draw_id,
      createdAt: official.created_at,
      recordText: official.record_text,
      recordSha256: official.record_sha256,
      sourcesText: official.sources_text,
      record,
      rank,
      unitApplicants: byUnit.map((b) => b.length),
      admittedAt: record.units.map((u) => positions(u.admitted)),
      waitlistAt: record.units.map((u) => positions(u.waitlist)),
    };
  });
}

/** The line of list index i, as text. */
export function lineOf(pub: Published, i: number): string {
  return fromUtf8(pub.lines[i]!);
}
