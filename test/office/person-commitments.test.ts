/**
 * The log's commitments to the people behind the list (src/office/person-commitments.ts), against
 * SHA-256 and the RFC 6962 tree computed here from the contract's wording, not by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { commitmentOfRow, ensureSalts, inListOrder, personsOf } from '../../src/office/person-commitments.js';
import type { ApplicantRow } from '../../src/store/repositories/applicants.repository.js';
import { testOffice } from './harness.js';
import { createSeedCase } from './seed-case.js';
import { importApplicants } from '../../src/office/import-applicants.js';
import { sample } from './harness.js';

const sha = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const enc = (b: Buffer): Buffer =>
  Buffer.concat([Buffer.from([b.length >>> 24, (b.length >>> 16) & 255, (b.length >>> 8) & 255, b.length & 255]), b]);
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

/** fairdraw/person/v1: SHA-256 over the length-prefixed domain, reg. no., name, ID number, birth date and salt bytes. */
function commitmentHere(a: ApplicantRow): string {
  return sha(
    enc(utf8('fairdraw/person/v1')),
    enc(utf8(a.reg_no)),
    enc(utf8(a.name)),
    enc(utf8(a.id_number)),
    enc(utf8(a.birth_date)),
    enc(Buffer.from(a.salt!, 'hex')),
  ).toString('hex');
}

/** RFC 6962 MTH over leaves. */
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 1) return sha(Buffer.from([0]), leaves[0]!);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.from([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

function row(reg: string, name: string, salt: string | null): ApplicantRow {
  return {
    event_id: 'e',
    reg_no: reg,
    name,
    sex: '女',
    id_number: '510302201401010021',
    birth_date: '2014-01-01',
    guardian: '',
    phone: '',
    tier: 1,
    choices: '[]',
    group_label: null,
    group_id: null,
    extra: '{}',
    source_row: 2,
    created_at: '',
    salt,
  } as ApplicantRow;
}

describe('person commitments', () => {
  const s1 = 'a1'.repeat(32);
  const s2 = '0f'.repeat(32);
  it('commits to each person with their salt; a row never salted commits to nothing', () => {
    const a = row('R1', '王小明', s1);
    expect(commitmentOfRow(a)).toBe(commitmentHere(a));
    expect(commitmentOfRow(row('R1', '王小明', null))).toBe('0'.repeat(64));
    expect(commitmentOfRow(row('R1', '王小明', 'not hex'))).toBe('0'.repeat(64));
    expect(commitmentOfRow(row('R1', '王小红', s1))).not.toBe(commitmentOfRow(a));
  });

  it('keeps the commitment of an erased row, and recomputes every other', () => {
    const a = row('R1', '王小明', s1);
    const kept = 'c3'.repeat(32);
    // Erased: the masked name no longer opens anything; the kept commitment stands for the child.
    expect(commitmentOfRow({ ...a, name: '王*明', erased_at: '2026-09-01T00:00:00Z', person_commitment: kept })).toBe(kept);
    // Not erased, or erased without a kept commitment: computed from the row as it stands.
    expect(commitmentOfRow({ ...a, erased_at: null, person_commitment: kept })).toBe(commitmentHere(a));
    expect(commitmentOfRow({ ...a, erased_at: '2026-09-01T00:00:00Z', person_commitment: null })).toBe(commitmentHere(a));
  });

  it('orders the list by registration number as bytes (list.jsonl’s order), whatever the rows’ order', () => {
    const rows = [row('b', 'x', s1), row('B', 'x', s1), row('a10', 'x', s1), row('a9', 'x', s1), row('b', 'y', s2)];
    expect(inListOrder(rows).map((r) => r.reg_no)).toEqual(['B', 'a10', 'a9', 'b', 'b']);
    expect(rows.map((r) => r.reg_no)).toEqual(['b', 'B', 'a10', 'a9', 'b']); // the caller's array is left alone
  });

  it('logs the RFC 6962 root over the commitments in list order, and their number', () => {
    const rows = [row('R3', '丙', s1), row('R1', '甲', s2), row('R2', '乙', s1)];
    const inOrder = [rows[1]!, rows[2]!, rows[0]!];
    expect(personsOf(rows)).toEqual({
      personsRoot: mth(inOrder.map((r) => Buffer.from(commitmentHere(r), 'hex'))).toString('hex'),
      personsSize: 3,
    });
  });

  it('gives a salt to every row without one, and keeps the ones already given', async () => {
    const t = await testOffice();
    try {
      await createSeedCase(t.office);
      await importApplicants(t.office, 'zlj2020', sample('applicants.xlsx'), 'applicants.xlsx', 'operator');
      const before = await t.office.store.repos.applicants.listByEvent('zlj2020');
      const { sql } = await import('kysely');
      await sql`UPDATE applicants SET salt = NULL WHERE event_id = 'zlj2020' AND reg_no = ${before[3]!.reg_no}`.execute(t.office.store.db);
      await ensureSalts(t.office.store.repos, t.office, 'zlj2020');
      const after = await t.office.store.repos.applicants.listByEvent('zlj2020');
      expect(after.every((a) => /^[0-9a-f]{64}$/.test(a.salt ?? ''))).toBe(true);
      after.forEach((a, i) => {
        if (i !== 3) expect(a.salt).toBe(before[i]!.salt);
      });
      expect(after[3]!.salt).not.toBe(before[3]!.salt);
    } finally {
      await t.office.close();
    }
  });
});
