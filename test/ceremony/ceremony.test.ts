/** The draw ceremony's use cases against a real SQLite database, on a clock before drand round 1000. */
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openCeremony } from '../../src/office/ceremony/open-ceremony.js';
import { setRoster, substituteWitness } from '../../src/office/ceremony/roster.js';
import { importDrand, parseBeacon } from '../../src/office/ceremony/drand-import.js';
import { commitByLink, issueWitnessLink, revealByLink, witnessLinkView } from '../../src/office/ceremony/witness-links.js';
import { commitValue, revealValue } from '../../src/office/ceremony/sealing.js';
import { sealedValue } from '../../src/office/ceremony/simulated.js';
import { startCeremonyDraw } from '../../src/office/ceremony/ceremony-draw.js';
import { revealNext } from '../../src/office/ceremony/reveal.js';
import { drawReps, prepareReps, repsFiles } from '../../src/office/ceremony/reps-draw.js';
import { addWitness, recordMeeting, recordRecording } from '../../src/office/ceremony/meeting.js';
import { ceremonyLog } from '../../src/office/ceremony/steps.js';
import { ceremonyView } from '../../src/office/ceremony/ceremony-view.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import { verify } from '../../src/core/verify.js';
import { utf8 } from '../../src/core/bytes.js';
import type { LogEntry, StepPayloads } from '../../src/office/ceremony/log-types.js';
import { refusal, testOffice } from '../office/harness.js';
import { afterRound1000, beaconJson, beforeRound1000, frozenEvent, LABELS, ROUND_1000, VALUES } from './fixtures.js';

type T = Awaited<ReturnType<typeof testOffice>>;
let open: T[] = [];
afterEach(async () => {
  for (const t of open) await t.office.close();
  open = [];
});

const OP = 'operator:operator';

async function ready(options: Parameters<typeof frozenEvent>[1] = {}): Promise<T & { id: string }> {
  const t = await testOffice(beforeRound1000());
  open.push(t);
  const id = await frozenEvent(t.office, options);
  return { ...t, id };
}

function steps<K extends keyof StepPayloads>(log: LogEntry[], type: K): StepPayloads[K][] {
  return log.filter((e) => e.type === type).map((e) => e.payload as StepPayloads[K]);
}

async function meeting(office: T['office'], id: string): Promise<void> {
  await recordMeeting(office, id, { place: '自流井区教育局三楼会议室', startedAt: '2020-07-20T09:30' }, OP);
}

/** Seals and reveals the three witness values (as their phones would), then imports the beacon once round 1000 exists. */
async function allValues(t: T, id: string): Promise<void> {
  const { office } = t;
  const seals = LABELS.map((label, index) => sealedValue(id, index, label, VALUES[index]!));
  for (const [index, label] of LABELS.entries()) {
    await commitValue(office, id, { index, commitment: seals[index]!.commitment, via: 'phone' }, `witness:${label}`);
  }
  for (const [index, label] of LABELS.entries()) {
    await revealValue(office, id, { index, value: VALUES[index]!, salt: seals[index]!.salt, via: 'phone' }, `witness:${label}`);
  }
  afterRound1000(t.clock);
  await importDrand(office, id, beaconJson(), 'paste', OP);
}

describe('opening: published digests next to the recomputed ones', () => {
  it('shows units, seats, applicants and matching digests', async () => {
    const { office, id } = await ready();
    const r = await openCeremony(office, id, OP);
    expect(r.phase).toBe('open');
    expect(r.check.match).toBe(true);
    expect(r.check.recomputed).toEqual(r.check.published);
    const [opened] = steps(await ceremonyLog(office, id), 'opened');
    expect(opened!.units).toEqual([
      { id: 'TML', name: '檀木林小学', seats: 30, applicants: expect.any(Number) },
      { id: 'TKS', name: '塘坎上小学', seats: 30, applicants: expect.any(Number) },
    ]);
    expect(opened!.applicants).toBe(105);
    expect(opened!.declaredSources.at(-1)).toMatchObject({ kind: 'drand', round: 1000, producedAt: '2023-08-23T15:59:24.000Z' });
  });

  it('stops for good when the frozen list no longer matches what was published', async () => {
    const { office, id } = await ready();
    const pub = (await office.store.repos.publications.latest(id))!;
    const tampered = pub.list_text.replace(/\n[^\n]*\n$/, '\n'); // one family fewer
    await sql`UPDATE publications SET list_text = ${tampered} WHERE event_id = ${id}`.execute(office.store.db);
    const r = await openCeremony(office, id, OP);
    expect(r.phase).toBe('halted');
    expect(r.check.match).toBe(false);
    expect(r.check.problems.map((p) => p.zh).join()).toContain('listRoot');
    const log = await ceremonyLog(office, id);
    expect(log.map((e) => e.type)).toEqual(['opened', 'halted']);
    expect(steps(log, 'halted')[0]!.zh).toMatch(/^摇号已停止/);
    const e = await refusal(commitValue(office, id, { index: 0, commitment: 'ab'.repeat(32), via: 'phone' }, OP));
    expect(e.code).toBe('ceremony.halted');
    await expect(sql`UPDATE ceremonies SET phase = 'open'`.execute(office.store.db)).rejects.toThrow(/never resumed/);
  });

  it('halts at the draw when the published rules were changed after opening', async () => {
    const t = await ready();
    const { office, id } = t;
    await openCeremony(office, id, OP);
    await meeting(office, id);
    await allValues(t, id);
    await sql`UPDATE publications SET rules_text = replace(rules_text, '"seats":30', '"seats":31') WHERE event_id = ${id}`.execute(
      office.store.db,
    );
    expect((await refusal(startCeremonyDraw(office, id, OP))).code).toBe('ceremony.halted');
    expect(await office.store.repos.draws.official(id)).toBeUndefined();
  });
});

describe('witness values through their phones', () => {
  it('a link seals, then reveals once all are sealed, only for its slot, and not after it expires', async () => {
    const { office, id, clock } = await ready({ drandRound: null });
    await openCeremony(office, id, OP);
    await meeting(office, id);
    const links = [
      await issueWitnessLink(office, id, 0, OP),
      await issueWitnessLink(office, id, 1, OP, 5),
      await issueWitnessLink(office, id, 2, OP),
    ];
    const seals = LABELS.map((label, index) => sealedValue(id, index, label, VALUES[index]!));
    expect(await witnessLinkView(office, links[0]!.token)).toMatchObject({
      state: 'ready',
      step: 'commit',
      drawId: id,
      index: 0,
      label: LABELS[0],
    });
    await commitByLink(office, links[0]!.token, seals[0]!.commitment);
    // Sealed: the link now waits for the others before it may reveal.
    expect(await witnessLinkView(office, links[0]!.token)).toMatchObject({
      state: 'waiting',
      step: 'reveal',
      commitment: seals[0]!.commitment,
    });
    expect((await refusal(revealByLink(office, links[0]!.token, VALUES[0]!, seals[0]!.salt))).code).toBe('ceremony.sealing');
    // The refused reveal did not use the link up.
    expect((await witnessLinkView(office, links[0]!.token)).state).toBe('waiting');
    expect((await refusal(commitByLink(office, links[0]!.token, seals[0]!.commitment))).code).toBe('ceremony.commitment-present');
    await commitByLink(office, links[1]!.token, seals[1]!.commitment);
    clock.advance(6 * 60_000);
    expect((await witnessLinkView(office, links[1]!.token)).state).toBe('expired');
    expect((await refusal(revealByLink(office, links[1]!.token, VALUES[1]!, seals[1]!.salt))).code).toBe('ceremony.link-expired');
    await commitByLink(office, links[2]!.token, seals[2]!.commitment);
    expect((await witnessLinkView(office, links[0]!.token)).state).toBe('ready');
    // Without a beacon, reveals follow the published order.
    expect((await refusal(revealByLink(office, links[2]!.token, VALUES[2]!, seals[2]!.salt))).code).toBe('ceremony.order');
    await revealByLink(office, links[0]!.token, VALUES[0]!, seals[0]!.salt);
    expect((await refusal(revealByLink(office, links[0]!.token, VALUES[0]!, seals[0]!.salt))).code).toBe('ceremony.link-used');
    // A new link for a sealed slot (the first expired): the phone reveals from what it showed at sealing.
    const renewed = await issueWitnessLink(office, id, 1, OP);
    expect((await witnessLinkView(office, renewed.token)).step).toBe('reveal');
    await revealByLink(office, renewed.token, VALUES[1]!, seals[1]!.salt.match(/.{8}/g)!.join(' ').toUpperCase());
    await revealByLink(office, links[2]!.token, VALUES[2]!, seals[2]!.salt);
    expect((await refusal(witnessLinkView(office, 'not-a-token-at-all-xxxxxxxx'))).code).toBe('ceremony.link-unknown');
    const log = await ceremonyLog(office, id);
    expect(steps(log, 'commitment').map((c) => [c.index, c.commitment, c.via])).toEqual(seals.map((x, i) => [i, x.commitment, 'phone']));
    expect(steps(log, 'value').map((v) => [v.label, v.value, v.via])).toEqual(LABELS.map((l, i) => [l, VALUES[i], 'phone']));
    // The token itself is never stored.
    const rows = await office.store.db.selectFrom('ceremony_links').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(links[0]!.token);
    await expect(sql`UPDATE ceremony_commitments SET commitment = ${'00'.repeat(32)}`.execute(office.store.db)).rejects.toThrow(/final/);
    await expect(sql`UPDATE ceremony_values SET value = 'x'`.execute(office.store.db)).rejects.toThrow(/final/);
  });

  it('an absent witness is replaced only by the alternate named beforehand, before sealing, and it is logged', async () => {
    const { office, id } = await ready({
      roster: [
        ['王家长', '李家长'],
        ['赵家长', null],
        ['陈公证员', null],
      ],
    });
    await openCeremony(office, id, OP);
    await meeting(office, id);
    const link = await issueWitnessLink(office, id, 0, OP);
    expect((await refusal(substituteWitness(office, id, 1, OP))).code).toBe('ceremony.no-alternate');
    const slot = await substituteWitness(office, id, 0, OP);
    expect(slot).toMatchObject({ substituted: true, witness: '王家长', alternate: '李家长' });
    expect((await witnessLinkView(office, link.token)).state).toBe('revoked');
    const s = sealedValue(id, 0, LABELS[0], '555');
    await commitValue(office, id, { index: 0, commitment: s.commitment, via: 'phone' }, `witness:${LABELS[0]}`);
    const log = await ceremonyLog(office, id);
    // The public log names people masked.
    expect(steps(log, 'substitute')).toEqual([{ index: 0, label: LABELS[0], absent: '王*长', alternate: '李*长' }]);
    const row = (await office.store.repos.ceremony.commitments(id))[0]!;
    expect(row.entered_by).toBe(`${LABELS[0]}（替补）`);
    const audit = await office.store.repos.audit.list(id);
    expect(audit.find((e) => e.action === 'ceremony.substitute')!.details).toMatchObject({ absent: '王*长', alternate: '李*长' });
    // Named before any value; fixed after the first seal.
    expect((await refusal(setRoster(office, id, [{ index: 1, witness: '赵家长', alternate: '钱家长' }], OP))).code).toBe(
      'ceremony.roster-locked',
    );
  });
});

describe('drand quicknet round 1000 (known answers)', () => {
  it('accepts the beacon of the declared round, verified offline', async () => {
    const { office, id, clock } = await ready();
    await openCeremony(office, id, OP);
    // The beacon cannot be in before its round is produced.
    expect((await refusal(importDrand(office, id, beaconJson(), 'file', OP))).code).toBe('drand.not-yet');
    afterRound1000(clock);
    const b = await importDrand(office, id, beaconJson(), 'file', OP);
    expect(b).toEqual(ROUND_1000);
    expect(steps(await ceremonyLog(office, id), 'drand')[0]).toMatchObject({ round: 1000, randomness: ROUND_1000.randomness, via: 'file' });
    // The answer of the HTTP API, with its extra field, is accepted as it comes.
    expect(parseBeacon(JSON.stringify({ ...ROUND_1000, previous_signature: '' }), 1000)).toEqual(ROUND_1000);
  });

  it('refuses a wrong round, a tampered signature, altered randomness and another chain, in both languages', async () => {
    const { office, id, clock } = await ready();
    await openCeremony(office, id, OP);
    afterRound1000(clock);
    const wrongRound = await refusal(importDrand(office, id, beaconJson({ ...ROUND_1000, round: 1001 }), 'paste', OP));
    expect(wrongRound.code).toBe('drand.round-mismatch');
    expect(wrongRound.zh).toContain('第 1000 轮');
    expect(wrongRound.en).toContain('round 1000');
    const flipped = ROUND_1000.signature.replace(/^b4/, 'b5');
    const { sha256 } = await import('../../src/core/hash.js');
    const { fromHex, toHex } = await import('../../src/core/bytes.js');
    const tampered = { round: 1000, signature: flipped, randomness: toHex(sha256(fromHex(flipped)!)) };
    const badSig = await refusal(importDrand(office, id, beaconJson(tampered), 'paste', OP));
    expect(badSig.code).toBe('drand.signature');
    expect(badSig.zh).toContain('BLS');
    const badRnd = await refusal(importDrand(office, id, beaconJson({ ...ROUND_1000, randomness: 'ff'.repeat(32) }), 'paste', OP));
    expect(badRnd.code).toBe('drand.randomness');
    const otherChain = await refusal(
      importDrand(
        office,
        id,
        JSON.stringify({ ...ROUND_1000, chain: '8990e7a9aaed2ffed73dbd7092123d6f289930540d7651336225dc172e51b2ce' }),
        'paste',
        OP,
      ),
    );
    expect(otherChain.code).toBe('drand.chain');
    expect(otherChain.zh).toContain('quicknet');
    const mainnet = await refusal(importDrand(office, id, JSON.stringify({ ...ROUND_1000, signature: 'ab'.repeat(96) }), 'paste', OP));
    expect(mainnet.code).toBe('drand.chain');
    expect((await refusal(importDrand(office, id, 'round 1000 please', 'paste', OP))).code).toBe('drand.json');
    expect(steps(await ceremonyLog(office, id), 'drand')).toHaveLength(0);
  });

  it("refuses round 1001 carrying round 1000's signature", async () => {
    const t = await testOffice(beforeRound1000());
    open.push(t);
    const id = await frozenEvent(t.office, { id: 'r1001', drandRound: 1001 });
    await openCeremony(t.office, id, OP);
    t.clock.advance(4 * 3600_000);
    const e = await refusal(importDrand(t.office, id, beaconJson({ ...ROUND_1000, round: 1001 }), 'paste', OP));
    expect(e.code).toBe('drand.signature');
  });
});

describe('the draw', () => {
  it('starts only when every declared source is present', async () => {
    const { office, id } = await ready();
    await openCeremony(office, id, OP);
    await meeting(office, id);
    const s = sealedValue(id, 0, LABELS[0], '418305');
    await commitValue(office, id, { index: 0, commitment: s.commitment, via: 'phone' }, OP);
    const e = await refusal(startCeremonyDraw(office, id, OP));
    expect(e.code).toBe('ceremony.sources-missing');
    expect(e.zh).toContain(LABELS[0]);
    expect(e.zh).toContain('公证员');
    expect(e.zh).toContain('drand #1000');
  });

  it('runs once on the held values in declared order; the stored record verifies; a second start changes nothing', async () => {
    const t = await ready();
    const { office, id } = t;
    await openCeremony(office, id, OP);
    await meeting(office, id);
    await allValues(t, id);
    const r = await startCeremonyDraw(office, id, OP);
    expect(r.computedNow).toBe(true);
    const official = (await office.store.repos.draws.official(id))!;
    expect(official.record_sha256).toBe(r.recordSha256);
    const sources = JSON.parse(official.sources_text) as { label?: string; round?: number }[];
    expect(sources.map((s) => s.label ?? s.round)).toEqual([...LABELS, 1000]);
    const pub = (await office.store.repos.publications.latest(id))!;
    const v = verify(
      { rules: utf8(pub.rules_text), list: utf8(pub.list_text), sources: utf8(official.sources_text) },
      utf8(official.record_text),
    );
    expect(v.valid).toBe(true);
    const again = await startCeremonyDraw(office, id, OP);
    expect(again).toMatchObject({ computedNow: false, recordSha256: r.recordSha256 });
    expect(steps(await ceremonyLog(office, id), 'draw')).toHaveLength(1);
  });

  it('reveals unit by unit with registration numbers and masked names only, then the summary', async () => {
    const t = await ready();
    const { office, id } = t;
    await openCeremony(office, id, OP);
    await meeting(office, id);
    await allValues(t, id);
    const d = await startCeremonyDraw(office, id, OP);
    expect(await revealNext(office, id, OP)).toEqual({ revealed: 1, of: 2, done: false });
    expect(await revealNext(office, id, OP)).toEqual({ revealed: 2, of: 2, done: false });
    // The last unit stays on screen until the operator moves on to the summary.
    expect(steps(await ceremonyLog(office, id), 'summary')).toHaveLength(0);
    expect(await revealNext(office, id, OP)).toEqual({ revealed: 2, of: 2, done: true });
    expect(await revealNext(office, id, OP)).toEqual({ revealed: 2, of: 2, done: true });
    const log = await ceremonyLog(office, id);
    const reveals = steps(log, 'reveal');
    expect(reveals.map((r) => r.unit)).toEqual(['TML', 'TKS']);
    const rec = JSON.parse((await office.store.repos.draws.official(id))!.record_text) as { units: { admitted: string[] }[] };
    expect(reveals[0]!.admitted.map((p) => p.regNo)).toEqual(rec.units[0]!.admitted);
    const names = new Set((await office.store.repos.applicants.listByEvent(id)).map((a) => a.name));
    for (const p of reveals.flatMap((r) => r.admitted)) {
      expect(p.name).toContain('*');
      expect(names.has(p.name)).toBe(false);
    }
    const raw = JSON.stringify(log);
    for (const a of await office.store.repos.applicants.listByEvent(id)) {
      expect(raw).not.toContain(a.id_number);
      expect(raw).not.toContain(a.phone);
    }
    expect(steps(log, 'summary')).toEqual([
      expect.objectContaining({ recordSha256: d.recordSha256, seed: d.seed, verifyPath: `/verify/${id}` }),
    ]);
    expect((await ceremonyView(office, id)).ceremony?.phase).toBe('closed');
  });
});

describe('parent representatives (家长代表)', () => {
  it('draws 5 per unit from all its applicants with the same engine; its own record verifies and is kept', async () => {
    const { office, id } = await ready();
    await openCeremony(office, id, OP);
    const prepared = await prepareReps(office, id, { unit: 'TML' }, OP);
    expect(prepared).toMatchObject({ drawId: `${id}.reps-TML`, seats: 5, pool: 'all', drawn: false });
    const drawn = await drawReps(office, id, 'TML', '4 2 6 1', OP);
    expect(drawn.reps).toHaveLength(5);
    for (const p of drawn.reps!) expect(p.name).toContain('*');
    const files = await repsFiles(office, id, 'TML');
    const v = verify(
      { rules: utf8(files['rules.json']), list: utf8(files['list.jsonl']), sources: utf8(files['sources.json']) },
      utf8(files['record.json']),
    );
    expect(v.valid).toBe(true);
    expect(JSON.parse(files['rules.json'])).toMatchObject({ drawId: `${id}.reps-TML`, units: [{ id: 'TML', seats: 5 }] });
    expect((await refusal(drawReps(office, id, 'TML', 'again', OP))).code).toBe('ceremony.reps-drawn');
    expect((await refusal(prepareReps(office, id, { unit: 'TML' }, OP))).code).toBe('ceremony.reps-drawn');
    const audit = (await office.store.repos.audit.list(id)).map((e) => e.action);
    expect(audit).toContain('ceremony.reps-prepare');
    expect(audit).toContain('ceremony.reps-draw');
  });

  it('draws from the volunteers only, refusing a number not in the unit', async () => {
    const { office, id } = await ready();
    await openCeremony(office, id, OP);
    const pub = (await office.store.repos.publications.latest(id))!;
    const tks = pub.list_text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; choices: { unit: string }[] })
      .filter((l) => l.choices.some((c) => c.unit === 'TKS'))
      .map((l) => l.id);
    const tml = pub.list_text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; choices: { unit: string }[] })
      .find((l) => !l.choices.some((c) => c.unit === 'TKS'))!.id;
    expect((await refusal(prepareReps(office, id, { unit: 'TKS', volunteers: [tks[0]!, tml] }, OP))).code).toBe('ceremony.reps-unknown');
    const volunteers = tks.slice(0, 8);
    const p = await prepareReps(office, id, { unit: 'TKS', seats: 3, volunteers: volunteers.map((v) => v.toLowerCase()) }, OP);
    expect(p).toMatchObject({ pool: 'volunteers', poolSize: 8, seats: 3 });
    const d = await drawReps(office, id, 'TKS', '17', OP);
    expect(d.reps!.map((r) => r.regNo).every((r) => volunteers.includes(r))).toBe(true);
  });
});

describe('meeting record', () => {
  it('logs witnesses, time and place, and the recording hash in the audit log', async () => {
    const { office, id, clock } = await ready();
    await openCeremony(office, id, OP);
    await recordMeeting(office, id, { place: '自流井区教育局三楼会议室', startedAt: '2020-07-20T09:30' }, OP);
    await addWitness(office, id, { name: '陈明', role: '公证员' }, OP);
    await addWitness(office, id, { name: '王小红', role: '家长代表' }, OP);
    expect((await refusal(addWitness(office, id, { name: '某人', role: '路人' }, OP))).code).toBe('ceremony.role');
    expect((await refusal(recordRecording(office, id, { fileName: 'a.mp4', sha256: 'ab'.repeat(32), size: 1 }, OP))).code).toBe(
      'ceremony.phase',
    );
    await allValues({ office, clock, dataDir: '' }, id);
    await startCeremonyDraw(office, id, OP);
    await recordRecording(office, id, { fileName: '摇号现场.mp4', sha256: 'AB'.repeat(32), size: 123456789 }, OP);
    const audit = await office.store.repos.audit.list(id);
    const of = (action: string) => audit.filter((e) => e.action === action).map((e) => e.details);
    expect(of('ceremony.meeting')).toEqual([{ place: '自流井区教育局三楼会议室', startedAt: '2020-07-20T09:30' }]);
    // The audit log is published with the results: witnesses appear by role and a masked name.
    expect(of('ceremony.witness')).toEqual([
      { name: '陈*', role: '公证员' },
      { name: '王*红', role: '家长代表' },
    ]);
    expect(of('ceremony.recording')).toEqual([{ fileName: '摇号现场.mp4', sha256: 'ab'.repeat(32), size: 123456789 }]);
    // The room sees every witness masked.
    expect(steps(await ceremonyLog(office, id), 'witness').map((w) => w.name)).toEqual(['陈*', '王*红']);
    expect((await verifyAudit(office, id)).ok).toBe(true);
  });
});
