/**
 * Sealed values (commit, then reveal) against a real SQLite database: nothing shows a witness value
 * before every commitment is in; a reveal must open its commitment; nothing is sealed after the
 * first reveal; nothing is sealed or revealed once the drand round exists; the published rule
 * replaces a value not revealed; the official draw of an event with witnesses happens only here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openCeremony } from '../../src/office/ceremony/open-ceremony.js';
import { recordMeeting } from '../../src/office/ceremony/meeting.js';
import { setRoster } from '../../src/office/ceremony/roster.js';
import { commitValue, replaceValue, revealValue } from '../../src/office/ceremony/sealing.js';
import { enterValue } from '../../src/office/ceremony/enter-value.js';
import { importDrand } from '../../src/office/ceremony/drand-import.js';
import { issueWitnessLink, witnessLinkView } from '../../src/office/ceremony/witness-links.js';
import { ceremonyLog } from '../../src/office/ceremony/steps.js';
import { ceremonyView } from '../../src/office/ceremony/ceremony-view.js';
import { startCeremonyDraw } from '../../src/office/ceremony/ceremony-draw.js';
import { drawByCeremony, sealedValue } from '../../src/office/ceremony/simulated.js';
import { runDraw } from '../../src/office/run-draw.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import { verify } from '../../src/core/verify.js';
import { commitmentOf, opens } from '../../src/core/commitment.js';
import { drandRoundTime } from '../../src/core/drand.js';
import { sha256 } from '../../src/core/hash.js';
import { toHex, utf8 } from '../../src/core/bytes.js';
import { refusal, testOffice } from '../office/harness.js';
import { afterRound1000, beaconJson, beforeRound1000, frozenEvent, LABELS, ROUND_1000, VALUES } from './fixtures.js';

type T = Awaited<ReturnType<typeof testOffice>>;
let open: T[] = [];
afterEach(async () => {
  for (const t of open) await t.office.close();
  open = [];
});

const OP = 'operator:operator';
const ROUND_AT = new Date(drandRoundTime(1000) * 1000).toISOString();

async function ready(options: Parameters<typeof frozenEvent>[1] = {}): Promise<T & { id: string }> {
  const t = await testOffice(beforeRound1000());
  open.push(t);
  const id = await frozenEvent(t.office, options);
  await openCeremony(t.office, id, OP);
  await recordMeeting(t.office, id, { place: '自流井区教育局三楼会议室', startedAt: '2020-07-20T09:30' }, OP);
  return { ...t, id };
}

const seal = (id: string, index: number, value: string = VALUES[index]!) => sealedValue(id, index, LABELS[index]!, value);
const commit = (t: T & { id: string }, index: number, commitment: string) =>
  commitValue(t.office, t.id, { index, commitment, via: 'phone' }, `witness:${LABELS[index]}`);
const reveal = (t: T & { id: string }, index: number, value: string, salt: string) =>
  revealValue(t.office, t.id, { index, value, salt, via: 'phone' }, `witness:${LABELS[index]}`);

/** Everything a person outside the office can see: the control view, the live feed, the audit log, the phones. */
async function everythingShown(t: T & { id: string }, tokens: string[]): Promise<string> {
  const parts = [
    JSON.stringify(await ceremonyView(t.office, t.id)),
    JSON.stringify(await ceremonyLog(t.office, t.id)),
    JSON.stringify(await t.office.store.repos.audit.list(t.id)),
  ];
  for (const token of tokens) parts.push(JSON.stringify(await witnessLinkView(t.office, token)));
  return parts.join('\n');
}

describe('commit, then reveal', () => {
  it('no answer, feed step or log entry shows a witness value until every commitment is in', async () => {
    const t = await ready({ drandRound: null });
    const seals = [0, 1, 2].map((i) => seal(t.id, i));
    const links = [0, 1, 2].map(async (i) => (await issueWitnessLink(t.office, t.id, i, OP)).token);
    const tokens = await Promise.all(links);
    await commit(t, 0, seals[0]!.commitment);
    await commit(t, 1, seals[1]!.commitment);
    // A witness who tries to reveal early is refused, and their value goes nowhere.
    expect((await refusal(reveal(t, 0, VALUES[0], seals[0]!.salt))).code).toBe('ceremony.sealing');
    const shown = await everythingShown(t, tokens);
    for (const v of VALUES) expect(shown).not.toContain(v);
    for (const s of seals) expect(shown).not.toContain(s.salt);
    // The commitments themselves are shown as they arrive.
    expect(shown).toContain(seals[0]!.commitment);
    expect(shown).toContain(seals[1]!.commitment);
    const view = await ceremonyView(t.office, t.id);
    expect(view.sealing.phase).toBe('commit');
    expect(view.slots.map((s) => s.value)).toEqual([undefined, undefined, undefined]);
    expect(view.slots.map((s) => s.commitment?.commitment)).toEqual([seals[0]!.commitment, seals[1]!.commitment, undefined]);
    await commit(t, 2, seals[2]!.commitment);
    expect((await ceremonyView(t.office, t.id)).sealing.phase).toBe('reveal');
    expect((await ceremonyLog(t.office, t.id)).filter((e) => e.type === 'sealed')).toHaveLength(1);
  });

  it('refuses a reveal that does not open its commitment, and stores nothing', async () => {
    const t = await ready({ drandRound: null });
    const seals = [0, 1, 2].map((i) => seal(t.id, i));
    for (const i of [0, 1, 2]) await commit(t, i, seals[i]!.commitment);
    const wrongValue = await refusal(reveal(t, 0, '418306', seals[0]!.salt));
    expect(wrongValue.code).toBe('ceremony.reveal-mismatch');
    expect(wrongValue.zh).toContain(LABELS[0]);
    expect(wrongValue.en).toContain('do not open');
    const otherSalt = await refusal(reveal(t, 0, VALUES[0], seals[1]!.salt));
    expect(otherSalt.code).toBe('ceremony.reveal-mismatch');
    expect((await refusal(reveal(t, 0, VALUES[0], 'abc'))).code).toBe('ceremony.salt-format');
    // The opening of slot 0 does not open slot 1's commitment even with the same value (the slot is bound in).
    const same = sealedValue(t.id, 0, LABELS[0], VALUES[1]);
    expect(opens(seals[1]!.commitment, { drawId: t.id, index: 1, label: LABELS[1], value: VALUES[1], salt: same.salt })).toBe(false);
    expect(await t.office.store.repos.ceremony.values(t.id)).toEqual([]);
    expect((await t.office.store.repos.audit.list(t.id)).filter((e) => e.action === 'ceremony.reveal')).toEqual([]);
    await reveal(t, 0, ` ${VALUES[0]} `, seals[0]!.salt);
    expect((await refusal(reveal(t, 0, VALUES[0], seals[0]!.salt))).code).toBe('ceremony.value-present');
  });

  it('refuses any commitment after the first reveal, and a commitment that is not 64 hex', async () => {
    const t = await ready({ drandRound: null });
    const seals = [0, 1, 2].map((i) => seal(t.id, i));
    expect((await refusal(commit(t, 0, 'not a commitment'))).code).toBe('ceremony.commitment-format');
    for (const i of [0, 1, 2]) await commit(t, i, seals[i]!.commitment);
    await reveal(t, 0, VALUES[0], seals[0]!.salt);
    expect((await refusal(commit(t, 1, seal(t.id, 1, 'another').commitment))).code).toBe('ceremony.reveal-started');
    expect((await t.office.store.repos.ceremony.commitments(t.id)).map((c) => c.commitment)).toEqual(seals.map((s) => s.commitment));
  });

  it('takes the public numbers only after every commitment and before the first reveal', async () => {
    const t = await ready({ drandRound: null, publicLabel: '当日福彩3D开奖号码' });
    const seals = [0, 1, 2].map((i) => seal(t.id, i));
    await commit(t, 0, seals[0]!.commitment);
    expect((await refusal(enterValue(t.office, t.id, 3, '582', OP))).code).toBe('ceremony.sealing');
    // A witness value is never typed by the operator.
    expect((await refusal(enterValue(t.office, t.id, 1, VALUES[1], OP))).code).toBe('ceremony.sealed-entry');
    await commit(t, 1, seals[1]!.commitment);
    await commit(t, 2, seals[2]!.commitment);
    expect((await refusal(reveal(t, 0, VALUES[0], seals[0]!.salt))).code).toBe('ceremony.public-first');
    await enterValue(t.office, t.id, 3, '582', OP);
    await reveal(t, 0, VALUES[0], seals[0]!.salt);
    const audit = await t.office.store.repos.audit.list(t.id);
    const seq = (a: string) => audit.filter((e) => e.action === a).map((e) => e.seq);
    expect(Math.max(...seq('ceremony.commit'))).toBeLessThan(Math.min(...seq('ceremony.value')));
    expect(Math.max(...seq('ceremony.value'))).toBeLessThan(Math.min(...seq('ceremony.reveal')));
  });

  it('writes exactly the entries the verifiers read, with role labels and no names, commits before reveals', async () => {
    const t = await testOffice(beforeRound1000());
    open.push(t);
    const id = await frozenEvent(t.office, {
      roster: [
        ['王建国', '李家长'],
        ['赵家长', null],
        ['陈公证员', null],
      ],
    });
    const d = await drawByCeremony(t.office, id, [...LABELS.map((label, i) => ({ label, value: VALUES[i] })), { drand: ROUND_1000 }], OP, {
      beforeBeacon: () => afterRound1000(t.clock),
    });
    const audit = await t.office.store.repos.audit.list(id);
    const commits = audit.filter((e) => e.action === 'ceremony.commit');
    const reveals = audit.filter((e) => e.action === 'ceremony.reveal');
    expect(commits.map((e) => Object.keys(e.details as object).sort())).toEqual(Array(3).fill(['commitment', 'index', 'label', 'via']));
    expect(reveals.map((e) => Object.keys(e.details as object).sort())).toEqual(Array(3).fill(['index', 'label', 'salt', 'value']));
    expect(Math.max(...commits.map((e) => e.seq))).toBeLessThan(Math.min(...reveals.map((e) => e.seq)));
    for (const e of [...commits, ...reveals]) expect(e.at < ROUND_AT).toBe(true);
    const official = (await t.office.store.repos.draws.official(id))!;
    const sources = JSON.parse(official.sources_text) as { kind: string; label?: string; value?: string }[];
    for (const [i, r] of reveals.entries()) {
      const det = r.details as { index: number; label: string; value: string; salt: string };
      const c = commits[i]!.details as { commitment: string };
      expect(det).toMatchObject({ index: i, label: LABELS[i], value: VALUES[i] });
      expect(sources[i]).toMatchObject({ kind: 'witness', label: LABELS[i], value: VALUES[i] });
      // The commitment formula, written out here rather than taken from the code under test.
      const len = (b: Uint8Array) => {
        const x = new Uint8Array(4);
        new DataView(x.buffer).setUint32(0, b.length);
        return x;
      };
      const field = (b: Uint8Array) => [...len(b), ...b];
      const idx = [0, 0, 0, i];
      const salt = Uint8Array.from(det.salt.match(/../g)!.map((h) => parseInt(h, 16)));
      const bytes = Uint8Array.from([
        ...field(utf8('fairdraw/commit/v1')),
        ...field(utf8(id)),
        ...idx,
        ...field(utf8(LABELS[i]!)),
        ...field(utf8(VALUES[i]!)),
        ...field(salt),
      ]);
      expect(c.commitment).toBe(toHex(sha256(bytes)));
      expect(commitmentOf({ drawId: id, index: i, label: LABELS[i]!, value: VALUES[i]!, salt: det.salt })).toBe(c.commitment);
    }
    const protocol = JSON.stringify(audit.filter((e) => e.action.startsWith('ceremony.commit') || e.action === 'ceremony.reveal'));
    for (const name of ['王建国', '李家长', '赵家长', '陈公证员']) expect(protocol).not.toContain(name);
    const pub = (await t.office.store.repos.publications.latest(id))!;
    expect(JSON.parse(pub.rules_text).sealing).toEqual({ unrevealed: 'fixed', replacement: '未揭示' });
    expect(
      verify({ rules: utf8(pub.rules_text), list: utf8(pub.list_text), sources: utf8(official.sources_text) }, utf8(official.record_text))
        .valid,
    ).toBe(true);
    expect(d.recordSha256).toBe(official.record_sha256);
    expect((await verifyAudit(t.office, id)).ok).toBe(true);
    // Roster changes after sealing are refused (before any reveal the names are fixed).
    expect((await refusal(setRoster(t.office, id, [{ index: 1, witness: 'x' }], OP))).code).toBe('event.status');
  });
});

describe('the drand round bounds the ceremony', () => {
  it('refuses a commitment or a reveal once the round is produced; the beacon comes after', async () => {
    const t = await ready();
    const seals = [0, 1, 2].map((i) => seal(t.id, i));
    await commit(t, 0, seals[0]!.commitment);
    await commit(t, 1, seals[1]!.commitment);
    t.clock.t = new Date(drandRoundTime(1000) * 1000);
    const late = await refusal(commit(t, 2, seals[2]!.commitment));
    expect(late.code).toBe('ceremony.too-late');
    expect(late.zh).toContain('drand');
    t.clock.t = new Date(drandRoundTime(1000) * 1000 - 60_000);
    await commit(t, 2, seals[2]!.commitment);
    // With a beacon, the reveal order does not matter: nobody who reveals knows the beacon.
    await reveal(t, 2, VALUES[2], seals[2]!.salt);
    await reveal(t, 0, VALUES[0], seals[0]!.salt);
    t.clock.t = new Date(drandRoundTime(1000) * 1000 + 1);
    const tooLate = await refusal(reveal(t, 1, VALUES[1], seals[1]!.salt));
    expect(tooLate.code).toBe('ceremony.too-late');
    expect(tooLate.en).toContain('beacon');
    expect((await t.office.store.repos.ceremony.values(t.id)).map((v) => v.idx)).toEqual([0, 2]);
  });
});

describe('a value not revealed: the published rule', () => {
  it('with a beacon, is replaced only after the round, with a reason, logged; the draw uses the fixed value', async () => {
    const t = await ready();
    const seals = [0, 1, 2].map((i) => seal(t.id, i));
    for (const i of [0, 1, 2]) await commit(t, i, seals[i]!.commitment);
    await reveal(t, 0, VALUES[0], seals[0]!.salt);
    await reveal(t, 2, VALUES[2], seals[2]!.salt);
    // The witness may still reveal until the round: no replacement before.
    expect((await refusal(replaceValue(t.office, t.id, { index: 1, reason: '见证人缺席' }, OP))).code).toBe('ceremony.replace-early');
    expect((await refusal(startCeremonyDraw(t.office, t.id, OP))).code).toBe('ceremony.sources-missing');
    afterRound1000(t.clock);
    expect((await refusal(replaceValue(t.office, t.id, { index: 1, reason: '  ' }, OP))).code).toBe('ceremony.reason');
    expect((await refusal(replaceValue(t.office, t.id, { index: 0, reason: 'x' }, OP))).code).toBe('ceremony.value-present');
    const r = await replaceValue(t.office, t.id, { index: 1, reason: '信标产生前未揭示' }, OP);
    expect(r).toEqual({ index: 1, label: LABELS[1], value: '未揭示', complete: true });
    const audit = await t.office.store.repos.audit.list(t.id);
    expect(audit.filter((e) => e.action === 'ceremony.replace').map((e) => e.details)).toEqual([
      { index: 1, label: LABELS[1], value: '未揭示', reason: '信标产生前未揭示' },
    ]);
    await importDrand(t.office, t.id, beaconJson(), 'paste', OP);
    await startCeremonyDraw(t.office, t.id, OP);
    const official = (await t.office.store.repos.draws.official(t.id))!;
    expect((JSON.parse(official.sources_text) as { value?: string }[]).map((s) => s.value)).toEqual([
      VALUES[0],
      '未揭示',
      VALUES[2],
      undefined,
    ]);
    const feed = (await ceremonyLog(t.office, t.id)).filter((e) => e.type === 'value').map((e) => e.payload);
    expect(feed[2]).toMatchObject({ index: 1, value: '未揭示', via: 'replaced', reason: '信标产生前未揭示' });
  });

  it('without a beacon, is replaced in the witness turn of the published order', async () => {
    const t = await ready({ drandRound: null });
    const seals = [0, 1, 2].map((i) => seal(t.id, i));
    expect((await refusal(replaceValue(t.office, t.id, { index: 0, reason: '缺席' }, OP))).code).toBe('ceremony.not-committed');
    for (const i of [0, 1, 2]) await commit(t, i, seals[i]!.commitment);
    expect((await refusal(replaceValue(t.office, t.id, { index: 1, reason: '缺席' }, OP))).code).toBe('ceremony.order');
    await reveal(t, 0, VALUES[0], seals[0]!.salt);
    await replaceValue(t.office, t.id, { index: 1, reason: '见证人离场' }, OP);
    await reveal(t, 2, VALUES[2], seals[2]!.salt);
    const d = await startCeremonyDraw(t.office, t.id, OP);
    expect(d.computedNow).toBe(true);
  });
});

describe('one public path to the official draw', () => {
  it('refuses the direct draw of an event that declares witnesses, pointing to the ceremony, in both languages', async () => {
    const t = await testOffice(beforeRound1000());
    open.push(t);
    const id = await frozenEvent(t.office, { drandRound: null });
    const e = await refusal(
      runDraw(
        t.office,
        id,
        LABELS.map((label, i) => ({ label, value: VALUES[i] })),
        OP,
      ),
    );
    expect(e.code).toBe('draw.ceremony-only');
    expect(e.zh).toContain('摇号仪式');
    expect(e.zh).toContain(`/ceremony/${id}/control`);
    expect(e.en).toContain('ceremony');
    expect(await t.office.store.repos.draws.official(id)).toBeUndefined();
    expect((await t.office.store.repos.events.getById(id))!.status).toBe('frozen');
  });
});
