/** The bureau's flow against a real SQLite database: import, publish, freeze, draw once, results. */
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { importApplicants, ImportRejected } from '../../src/office/import-applicants.js';
import { publishEvent } from '../../src/office/publish-event.js';
import { freezeEvent } from '../../src/office/freeze-event.js';
import { runDraw, summariseRecord } from '../../src/office/run-draw.js';
import { drawByCeremony } from '../../src/office/ceremony/simulated.js';
import type { Office } from '../../src/office/ports.js';
import { rehearse } from '../../src/office/rehearse.js';
import { publishResults } from '../../src/office/offers.js';
import { receiptOf } from '../../src/office/receipts.js';
import { declareSources } from '../../src/office/declare-sources.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import { publicBundle } from '../../src/office/exports/bundle.js';
import { verifyInclusion } from '../../src/core/merkle.js';
import { fromHex, utf8 } from '../../src/core/bytes.js';
import { verify } from '../../src/core/verify.js';
import { DRAND_QUICKNET, drandRoundTime } from '../../src/core/drand.js';
import { refusal, sample, testOffice } from './harness.js';
import { createSeedCase } from './seed-case.js';
import { dropTrigger, UNIQUE_REFUSED } from '../db-triggers.js';

type T = Awaited<ReturnType<typeof testOffice>>;
let open: T[] = [];
afterEach(async () => {
  for (const t of open) await t.office.close();
  open = [];
});

/** The official draw, through the ceremony (the seed case declares witnesses); returns the stored row. */
async function ceremonyDraw(office: Office, given = witnesses) {
  await drawByCeremony(office, 'zlj2020', given, 'operator');
  return (await office.store.repos.draws.official('zlj2020'))!;
}

async function seedCase(): Promise<T> {
  const t = await testOffice();
  open.push(t);
  const { office } = t;
  await createSeedCase(office);
  return t;
}

const witnesses = [
  { label: '家长代表', value: '418305' },
  { label: '公证员', value: '3,6,1,5,2,4' },
];

describe('import', () => {
  for (const file of ['applicants.xlsx', 'applicants.utf8.csv', 'applicants.gbk.csv']) {
    it(`imports the 105 applicants of ${file}`, async () => {
      const { office } = await seedCase();
      const r = await importApplicants(office, 'zlj2020', sample(file), file, 'operator');
      expect(r.imported).toBe(105);
      const rows = await office.store.repos.applicants.listByEvent('zlj2020');
      expect(rows).toHaveLength(105);
      // Registration numbers are random, 10 symbols, and never contain the ID number or name.
      for (const a of rows) {
        expect(a.reg_no).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
        expect(a.id_number).not.toContain(a.reg_no);
      }
      const twins = rows.filter((a) => a.group_label === 'T0035');
      expect(twins).toHaveLength(2);
      expect(twins[0]!.group_id).toBe(twins[1]!.group_id);
      expect(twins[0]!.group_id).not.toContain('T0035');
    });
  }

  it('refuses the bad file naming every planted fault, and stores nothing', async () => {
    const { office } = await seedCase();
    const e = await refusal(importApplicants(office, 'zlj2020', sample('applicants-bad.xlsx'), 'applicants-bad.xlsx', 'operator'));
    expect(e).toBeInstanceOf(ImportRejected);
    const rows = new Set((e as ImportRejected).errors.map((x) => x.row));
    for (const r of [5, 9, 11, 13, 15]) expect(rows.has(r)).toBe(true);
    expect(await office.store.repos.applicants.countByEvent('zlj2020')).toBe(0);
  });

  it('refuses the same children twice (duplicate ID numbers against stored applicants)', async () => {
    const { office } = await seedCase();
    await importApplicants(office, 'zlj2020', sample('applicants.xlsx'), 'applicants.xlsx', 'operator');
    const e = await refusal(importApplicants(office, 'zlj2020', sample('applicants.utf8.csv'), 'applicants.utf8.csv', 'operator'));
    expect(e.code).toBe('import.invalid');
    expect(await office.store.repos.applicants.countByEvent('zlj2020')).toBe(105);
  });
});

describe('publish, freeze, draw', () => {
  async function ready(): Promise<T> {
    const t = await seedCase();
    await importApplicants(t.office, 'zlj2020', sample('applicants.xlsx'), 'applicants.xlsx', 'operator');
    return t;
  }

  it('publishes rules and list without personal data, with receipts that prove inclusion', async () => {
    const { office } = await ready();
    const p = await publishEvent(office, 'zlj2020', 'operator');
    expect(p.listSize).toBe(105);
    expect(p.units.map((u) => [u.id, u.applicants, u.lotteryNeeded])).toEqual([
      ['TML', 47, true],
      ['TKS', 58, true],
    ]);
    const pub = (await office.store.repos.publications.latest('zlj2020'))!;
    const people = await office.store.repos.applicants.listByEvent('zlj2020');
    for (const a of people) {
      expect(pub.list_text).not.toContain(a.name);
      expect(pub.list_text).not.toContain(a.id_number);
      expect(pub.rules_text).not.toContain(a.name);
    }
    const someone = people[17]!;
    const receipt = await receiptOf(office.store.repos, 'zlj2020', someone.reg_no);
    expect(receipt.listRoot).toBe(p.listRoot);
    expect(verifyInclusion(utf8(receipt.line), receipt.proof, fromHex(p.listRoot)!)).toBe(true);
  });

  it('a correction during publication makes a new version and keeps the old root in the log', async () => {
    const { office } = await ready();
    const v1 = await publishEvent(office, 'zlj2020', 'operator');
    const victim = (await office.store.repos.applicants.listByEvent('zlj2020'))[0]!;
    await office.store.repos.applicants.deleteByRegNo('zlj2020', victim.reg_no);
    expect((await refusal(publishEvent(office, 'zlj2020', 'operator'))).code).toBe('publish.reason');
    const v2 = await publishEvent(office, 'zlj2020', 'operator', '重复报名，经核实撤销');
    expect(v2.version).toBe(2);
    expect(v2.listRoot).not.toBe(v1.listRoot);
    const log = await office.store.repos.audit.list('zlj2020');
    expect(log.some((e) => e.action === 'event.publish' && (e.details as { listRoot: string }).listRoot === v1.listRoot)).toBe(true);
    expect(log.some((e) => e.action === 'event.correct' && (e.details as { listRoot: string }).listRoot === v2.listRoot)).toBe(true);
  });

  it('draws once: asking again returns the stored record, whatever values are given', async () => {
    const { office } = await ready();
    await publishEvent(office, 'zlj2020', 'operator');
    await freezeEvent(office, 'zlj2020', 'operator');
    // The seed case declares witnesses: no official draw outside the ceremony.
    expect((await refusal(runDraw(office, 'zlj2020', witnesses, 'operator'))).code).toBe('draw.ceremony-only');
    const first = await ceremonyDraw(office);
    const again = await runDraw(
      office,
      'zlj2020',
      [
        { label: '家长代表', value: '1' },
        { label: '公证员', value: '2' },
      ],
      'operator',
    );
    expect(again.computedNow).toBe(false);
    expect(again.draw.record_sha256).toBe(first.record_sha256);
    expect((await office.store.repos.events.getById('zlj2020'))!.status).toBe('drawn');
    // The stored record is exactly what the engine gives for the published inputs.
    const pub = (await office.store.repos.publications.latest('zlj2020'))!;
    const out = verify(
      { rules: utf8(pub.rules_text), list: utf8(pub.list_text), sources: utf8(first.sources_text) },
      utf8(first.record_text),
    );
    expect(out.valid).toBe(true);
  });

  it('refuses sources that do not match the declaration, and changes nothing', async () => {
    const { office } = await ready();
    await publishEvent(office, 'zlj2020', 'operator');
    await freezeEvent(office, 'zlj2020', 'operator');
    expect((await refusal(rehearse(office, 'zlj2020', [witnesses[0]!], 'operator'))).code).toBe('sources.missing');
    expect((await refusal(rehearse(office, 'zlj2020', [...witnesses, { label: 'x', value: '1' }], 'operator'))).code).toBe('sources.extra');
    expect((await refusal(rehearse(office, 'zlj2020', [witnesses[1]!, witnesses[0]!], 'operator'))).code).toBe('sources.order');
    expect((await refusal(rehearse(office, 'zlj2020', [witnesses[0]!, { label: '公证员', value: '  ' }], 'operator'))).code).toBe(
      'sources.value',
    );
    expect(await office.store.repos.draws.rehearsals('zlj2020')).toEqual([]);
    expect(await office.store.repos.draws.official('zlj2020')).toBeUndefined();
    expect((await office.store.repos.events.getById('zlj2020'))!.status).toBe('frozen');
  });

  it('rehearses on a marked copy that differs from the official draw and is never published', async () => {
    const { office } = await ready();
    await publishEvent(office, 'zlj2020', 'operator');
    await freezeEvent(office, 'zlj2020', 'operator');
    const r = await rehearse(office, 'zlj2020', witnesses, 'operator');
    expect(r.draw.draw_id).toBe('zlj2020.rehearsal-1');
    expect(r.draw.kind).toBe('rehearsal');
    // Its per-unit counts are those of the record it stored.
    expect(r.units).toEqual(summariseRecord(r.draw.record_text!));
    expect(r.units.reduce((n, u) => n + u.admitted, 0)).toBeGreaterThan(0);
    const official = await ceremonyDraw(office);
    // Same witness values, yet another seed: the rehearsal marker is inside the hashed rules.
    expect(official.seed).not.toBe(r.draw.seed);
    await publishResults(office, 'zlj2020', 'operator');
    const bundle = await publicBundle(office, 'zlj2020');
    expect(bundle['record.json']).toBe(official.record_text);
    expect(bundle['record.json']).not.toContain('rehearsal');
    // The database itself refuses an unmarked rehearsal.
    await expect(
      office.store.db
        .insertInto('draws')
        .values({ ...r.draw, draw_id: 'zlj2020-copy', kind: 'rehearsal' })
        .execute(),
    ).rejects.toThrow(/rehearsal marker/);
  });

  it('never steps back, even through direct SQL', async () => {
    const { office } = await ready();
    await publishEvent(office, 'zlj2020', 'operator');
    await freezeEvent(office, 'zlj2020', 'operator');
    await expect(sql`UPDATE events SET status = 'published' WHERE id = 'zlj2020'`.execute(office.store.db)).rejects.toThrow(
      /never steps back/,
    );
    await expect(sql`DELETE FROM applicants WHERE event_id = 'zlj2020'`.execute(office.store.db)).rejects.toThrow(/frozen/);
    expect((await refusal(publishEvent(office, 'zlj2020', 'operator', 'late'))).code).toBe('event.status');
    expect((await refusal(importApplicants(office, 'zlj2020', sample('applicants.xlsx'), 'applicants.xlsx', 'operator'))).code).toBe(
      'event.status',
    );
  });

  it('refuses a second official draw row at the database level', async () => {
    const { office } = await ready();
    await publishEvent(office, 'zlj2020', 'operator');
    await freezeEvent(office, 'zlj2020', 'operator');
    const d = await ceremonyDraw(office);
    await expect(
      office.store.db
        .insertInto('draws')
        .values({ ...d, draw_id: 'other' })
        .execute(),
    ).rejects.toThrow(UNIQUE_REFUSED);
    await expect(sql`UPDATE draws SET record_text = '{}' WHERE kind = 'official'`.execute(office.store.db)).rejects.toThrow(
      /never changed/,
    );
  });
});

describe('drand', () => {
  it('refuses to declare a round that was already produced', async () => {
    const t = await seedCase();
    const past = 1000;
    expect(
      (await refusal(declareSources(t.office, 'zlj2020', [{ kind: 'drand', chain: DRAND_QUICKNET.chainHash, round: past }], 'operator')))
        .code,
    ).toBe('event.drand-past');
  });

  it('refuses to freeze once the declared round exists, so the beacon is always the last input', async () => {
    const t = await seedCase();
    const { office, clock } = t;
    const round = Math.floor((clock.now().getTime() / 1000 - DRAND_QUICKNET.genesisTime) / 3) + 1000; // ~50 minutes ahead
    await declareSources(
      office,
      'zlj2020',
      [
        { kind: 'witness', label: '公证员' },
        { kind: 'drand', chain: DRAND_QUICKNET.chainHash, round },
      ],
      'operator',
    );
    await importApplicants(office, 'zlj2020', sample('applicants.xlsx'), 'applicants.xlsx', 'operator');
    await publishEvent(office, 'zlj2020', 'operator');
    clock.t = new Date(drandRoundTime(round) * 1000);
    expect((await refusal(freezeEvent(office, 'zlj2020', 'operator'))).code).toBe('freeze.drand-produced');
    clock.t = new Date(drandRoundTime(round) * 1000 - 60_000);
    await freezeEvent(office, 'zlj2020', 'operator');
    expect((await office.store.repos.events.getById('zlj2020'))!.status).toBe('frozen');
  });
});

describe('audit log', () => {
  async function drawn(): Promise<T> {
    const t = await seedCase();
    await importApplicants(t.office, 'zlj2020', sample('applicants.xlsx'), 'applicants.xlsx', 'operator');
    await publishEvent(t.office, 'zlj2020', 'operator');
    await freezeEvent(t.office, 'zlj2020', 'notary-present');
    await ceremonyDraw(t.office);
    return t;
  }

  it('verifies a clean event, naming who did each step', async () => {
    const { office } = await drawn();
    const r = await verifyAudit(office, 'zlj2020');
    expect(r.ok).toBe(true);
    const log = await office.store.repos.audit.list('zlj2020');
    expect(log.map((e) => e.action)).toEqual([
      'event.create',
      'unit.add',
      'unit.add',
      'applicants.import',
      'event.publish',
      'event.freeze',
      'ceremony.open',
      'ceremony.meeting',
      'ceremony.commit',
      'ceremony.commit',
      'ceremony.reveal',
      'ceremony.reveal',
      'draw.official',
      'ceremony.draw',
    ]);
    expect(log.find((e) => e.action === 'event.freeze')!.actor).toBe('notary-present');
  });

  it('is append-only in the database', async () => {
    const { office } = await drawn();
    await expect(sql`UPDATE audit_log SET actor = 'someone' WHERE seq = 2`.execute(office.store.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 7`.execute(office.store.db)).rejects.toThrow(/append-only/);
  });

  it('catches an edited entry even when the guard triggers were dropped', async () => {
    const { office } = await drawn();
    await dropTrigger(office.store.db, 'audit_append_only_u');
    await sql`UPDATE audit_log SET actor = 'someone else' WHERE seq = 4`.execute(office.store.db);
    const r = await verifyAudit(office, 'zlj2020');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.seq).toBe(4);
  });

  it('catches a removed entry', async () => {
    const { office } = await drawn();
    await dropTrigger(office.store.db, 'audit_append_only_d');
    await sql`DELETE FROM audit_log WHERE seq = 3`.execute(office.store.db);
    const r = await verifyAudit(office, 'zlj2020');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.seq).toBe(4);
  });

  it('catches an edited record or publication', async () => {
    const { office } = await drawn();
    await dropTrigger(office.store.db, 'draws_official_immutable');
    await sql`UPDATE draws SET record_text = replace(record_text, '"TML"', '"TKS"') WHERE kind = 'official'`.execute(office.store.db);
    expect((await verifyAudit(office, 'zlj2020')).ok).toBe(false);
    const t2 = await drawn();
    await sql`UPDATE publications SET list_text = replace(list_text, '"tier":1', '"tier":2')`.execute(t2.office.store.db);
    expect((await verifyAudit(t2.office, 'zlj2020')).ok).toBe(false);
  });

  it('catches a forged checkpoint signature', async () => {
    const { office } = await drawn();
    const cps = await office.store.repos.audit.checkpoints('zlj2020');
    const c = cps[cps.length - 1]!;
    const sig = c.signatures[0]!;
    await office.store.repos.audit.setSignatures('zlj2020', c.seq, [
      { ...sig, signature: sig.signature.replace(/^./, (x) => (x === 'a' ? 'b' : 'a')) },
    ]);
    const r = await verifyAudit(office, 'zlj2020');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.seq).toBe(c.seq);
  });
});
