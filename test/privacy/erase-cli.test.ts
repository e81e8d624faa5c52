/**
 * Erasure end to end, through the built `fairdraw` command: the demo taken to results, its
 * children's personal data erased from the database and from the automatic backups, and then
 * every verifier run — `audit verify`, `fairdraw verify --bundle`, the Python verifier — and a
 * family's receipt, taken before the erasure, opened against the public log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { personCommitment, type AuditEntry } from '../../src/core/audit.js';
import { fromHex, utf8 } from '../../src/core/bytes.js';
import { verifyInclusion, type InclusionProof } from '../../src/core/merkle.js';
import { fairdraw } from '../cli-run.js';
import { repoRoot } from '../spec-files.js';

const EVENT = 'zlj-2020-demo';
let root: string;
let data: string;

interface Person {
  reg_no: string;
  name: string;
  id_number: string;
  birth_date: string;
  guardian: string;
  phone: string;
  salt: string;
}

function rows(): Person[] {
  const db = new SQLite(join(data, 'fairdraw.sqlite'), { readonly: true });
  try {
    return db.prepare('select * from applicants where event_id = ? order by reg_no').all(EVENT) as Person[];
  } finally {
    db.close();
  }
}

/** Every file under `dir` holding any of `needles` (raw bytes: a tar or a database is searched as it lies on disk). */
function filesHolding(dir: string, needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    const path = join(f.parentPath, f.name);
    const bytes = readFileSync(path);
    if (needles.some((n) => bytes.includes(Buffer.from(n, 'utf8')))) found.push(path);
  }
  return found;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'fairdraw-erase-'));
  data = join(root, 'data');
  const r = fairdraw(['demo', '--data', data, '--stage', 'drawn']);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('fairdraw erase', () => {
  let before: Person[];
  let receipt: {
    regNo: string;
    line: string;
    listRoot: string;
    listSize: number;
    proof: InclusionProof;
    person: { salt: string; commitment: string; personsRoot: string; proof: InclusionProof };
  };

  it('is refused before the results are published, in both languages, and changes nothing', () => {
    before = rows();
    expect(before).toHaveLength(105);
    const r = fairdraw(['erase', '--data', data, '--event', EVENT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('结果公布之前不能删除个人信息');
    expect(r.stderr).toContain('cannot be erased before the results are published');
    expect(rows()).toEqual(before);
  });

  it('erases names, ID numbers, birth dates, guardians and phones once the results are published; keeps what verifies', () => {
    expect(fairdraw(['results', 'publish', '--data', data, '--event', EVENT]).code).toBe(0);
    const family = before[7]!;
    const rr = fairdraw(['receipt', '--data', data, '--event', EVENT, '--reg', family.reg_no]);
    expect(rr.code).toBe(0);
    receipt = JSON.parse(rr.stdout) as typeof receipt;
    expect(receipt.person.salt).toBe(family.salt);
    // Two backups hold the data: an automatic one in DIR/backups, one written elsewhere by hand.
    const auto = join(data, 'backups', 'fairdraw-20260601T090000000Z-00-results.publish.tar');
    const manual = join(root, 'by-hand.tar');
    expect(fairdraw(['backup', '--data', data, '--out', auto]).code).toBe(0);
    expect(fairdraw(['backup', '--data', data, '--out', manual]).code).toBe(0);
    const ids = before.map((p) => p.id_number);
    expect(filesHolding(join(data, 'backups'), ids)).toEqual([auto]);

    const r = fairdraw(['erase', '--data', data, '--event', EVENT]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('erased the personal data of 105 applicant(s)');
    expect(r.stdout).toContain('removed 1 automatic backup(s)');
    expect(r.stdout).toContain(`WARNING: the backup ${manual} (made by hand) still holds the erased data`);

    const after = rows();
    expect(after.map((p) => p.reg_no)).toEqual(before.map((p) => p.reg_no));
    for (const [i, p] of after.entries()) {
      const was = before[i]!;
      expect(p.name).toMatch(/\*/);
      expect(p.name).not.toBe(was.name);
      expect(p.name[0]).toBe(was.name[0]);
      expect(p.id_number).toBe(`erased:${p.reg_no}`);
      expect([p.birth_date, p.guardian, p.phone, p.salt]).toEqual(['', '', '', null]);
      expect((p as unknown as { choices: string }).choices).toBe((was as unknown as { choices: string }).choices);
    }
    // Not in the database file, its write-ahead log, or any backup left in the data directory.
    const secrets = [...ids, ...before.map((p) => p.name).filter((n) => [...n].length >= 2), ...before.map((p) => p.phone)];
    expect(filesHolding(data, secrets)).toEqual([]);
    expect(existsSync(auto)).toBe(false);
    expect(readdirSync(join(data, 'backups'))).toEqual([expect.stringMatching(/-zlj-2020-demo-applicants\.erase\.tar$/)]);
  });

  it('leaves a log that verifies, with the erasure as its newest signed entry', () => {
    const r = fairdraw(['audit', 'verify', '--data', data, '--event', EVENT]);
    expect(r.stdout).toMatch(/^valid/);
    expect(r.code).toBe(0);
    const out = join(root, 'export');
    expect(fairdraw(['export', '--data', data, '--event', EVENT, '--out', out]).code).toBe(0);
    const audit = JSON.parse(readFileSync(join(out, 'public', 'audit.json'), 'utf8')) as {
      entries: AuditEntry[];
      checkpoints: { seq: number }[];
    };
    const last = audit.entries[audit.entries.length - 1]!;
    expect(last.action).toBe('applicants.erase');
    expect((last.details as { erased: number }).erased).toBe(105);
    expect(audit.checkpoints.map((c) => c.seq)).toContain(last.seq);
    // Nothing personal in the public log.
    const text = readFileSync(join(out, 'public', 'audit.json'), 'utf8');
    expect(before.filter((p) => text.includes(p.id_number) || text.includes(p.name))).toEqual([]);
  });

  it('passes fairdraw verify --bundle and the Python verifier', () => {
    const bundle = join(root, 'export', 'public');
    const js = fairdraw(['verify', '--bundle', bundle]);
    expect(js.stdout).toMatch(/valid/);
    expect(js.code).toBe(0);
    const py = spawnSync('python3', [join(repoRoot, 'verifier', 'fairdraw_verify.py'), '--bundle', bundle], { encoding: 'utf8' });
    expect(py.stderr).toBe('');
    expect(py.status).toBe(0);
  });

  it("keeps a family's receipt, taken before, verifiable: its opening against the personsRoot the public log fixed", () => {
    const family = before[7]!;
    const audit = JSON.parse(readFileSync(join(root, 'export', 'public', 'audit.json'), 'utf8')) as { entries: AuditEntry[] };
    const roots = audit.entries
      .filter((e) => ['event.publish', 'event.freeze', 'applicants.erase'].includes(e.action))
      .map((e) => (e.details as { personsRoot: string }).personsRoot);
    expect(roots).toHaveLength(3);
    for (const root of roots) expect(root).toBe(receipt.person.personsRoot);
    const commitment = personCommitment({
      regNo: family.reg_no,
      name: family.name,
      idNumber: family.id_number,
      birthDate: family.birth_date,
      salt: receipt.person.salt,
    })!;
    expect(commitment).toBe(receipt.person.commitment);
    expect(verifyInclusion(fromHex(commitment, 32)!, receipt.person.proof, fromHex(receipt.person.personsRoot)!)).toBe(true);
    // Another child's data does not open it.
    const other = before[8]!;
    const wrong = personCommitment({
      regNo: family.reg_no,
      name: other.name,
      idNumber: other.id_number,
      birthDate: other.birth_date,
      salt: receipt.person.salt,
    })!;
    expect(verifyInclusion(fromHex(wrong, 32)!, receipt.person.proof, fromHex(receipt.person.personsRoot)!)).toBe(false);
    // The list line against the published listRoot.
    const list = readFileSync(join(root, 'export', 'public', 'list.jsonl'), 'utf8');
    expect(list).toContain(`${receipt.line}\n`);
    expect(verifyInclusion(utf8(receipt.line), receipt.proof, fromHex(receipt.listRoot)!)).toBe(true);
    // The bureau no longer holds the salt: a receipt issued now has no opening.
    const now = JSON.parse(fairdraw(['receipt', '--data', data, '--event', EVENT, '--reg', family.reg_no]).stdout) as { person?: unknown };
    expect(now.person).toBeUndefined();
  });

  it('is refused a second time, saying when it was done', () => {
    const r = fairdraw(['erase', '--data', data, '--event', EVENT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/已于 .* 删除/);
    expect(r.stderr).toContain('was erased at');
  });
});
