/**
 * Sealed values (src/office/ceremony/sealing.ts) in full: every refusal with its code, both
 * messages and its field, written out here; what a hall entry, a substitute and each step store,
 * log and show; and the pure helpers (the published rule, the phases, the formats). Real SQLite.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openCeremony } from '../../src/office/ceremony/open-ceremony.js';
import { recordMeeting } from '../../src/office/ceremony/meeting.js';
import { substituteWitness } from '../../src/office/ceremony/roster.js';
import {
  commitValue,
  drandDeadline,
  normaliseCommitment,
  normaliseSalt,
  replaceValue,
  revealValue,
  sealingRuleOf,
  sealingStateOf,
} from '../../src/office/ceremony/sealing.js';
import { enterValue } from '../../src/office/ceremony/enter-value.js';
import { ceremonyLog } from '../../src/office/ceremony/steps.js';
import { sealedValue } from '../../src/office/ceremony/simulated.js';
import { DRAND_QUICKNET } from '../../src/core/drand.js';
import type { FairDrawError } from '../../src/core/errors.js';
import type { CommitmentRow, HeldValueRow } from '../../src/store/repositories/ceremony.repository.js';
import { refusal, testOffice } from '../office/harness.js';
import { dropTriggers } from '../office/audited-event.js';
import { beforeRound1000, frozenEvent, LABELS, VALUES } from './fixtures.js';

type T = Awaited<ReturnType<typeof testOffice>>;
type R = T & { id: string };
let open: T[] = [];
afterEach(async () => {
  for (const t of open) await t.office.close();
  open = [];
});

const OP = 'operator:operator';
/** drand quicknet round 1000: genesis 1692803367 + 999 × 3 s. */
const ROUND_AT = '2023-08-23T15:59:24.000Z';
const [L0, L1, L2] = LABELS;

async function ready(options: Parameters<typeof frozenEvent>[1] = {}, meeting = true): Promise<R> {
  const t = await testOffice(beforeRound1000());
  open.push(t);
  const id = await frozenEvent(t.office, options);
  await openCeremony(t.office, id, OP);
  if (meeting) await recordMeeting(t.office, id, { place: '自流井区教育局三楼会议室', startedAt: '2020-07-20T09:30' }, OP);
  return { ...t, id };
}

const seal = (t: R, index: number) => sealedValue(t.id, index, LABELS[index]!, VALUES[index]!);
const commit = (t: R, index: number, commitment: string) =>
  commitValue(t.office, t.id, { index, commitment, via: 'phone' }, `witness:${LABELS[index]}`);
const reveal = (t: R, index: number, value: string, salt: string) =>
  revealValue(t.office, t.id, { index, value, salt, via: 'phone' }, `witness:${LABELS[index]}`);
const replace = (t: R, index: number, reason: string) => replaceValue(t.office, t.id, { index, reason }, OP);
/** The whole refusal: code, both messages and where. */
const refused = async (p: Promise<unknown>) => (await refusal(p)).toJSON() as ReturnType<FairDrawError['toJSON']>;
const steps = async (t: R, type: string) => (await ceremonyLog(t.office, t.id)).filter((e) => e.type === type).map((e) => e.payload);
const logged = async (t: R, action: string) =>
  (await t.office.store.repos.audit.list(t.id)).filter((e) => e.action === action).map((e) => e.details);

describe('sealing with a drand round: each refusal in full, and what is stored', () => {
  it('refuses a seal before the meeting is recorded', async () => {
    const t = await ready({}, false);
    expect(await refused(commit(t, 0, seal(t, 0).commitment))).toEqual({
      code: 'ceremony.no-meeting',
      zh: '请先登记摇号现场的地点和时间（会议记录），再由见证人密封提交',
      en: "record the ceremony's place and time (the meeting record) before the witnesses seal their values",
      where: { field: 'meeting' },
    });
    expect(await t.office.store.repos.ceremony.commitments(t.id)).toEqual([]);
  });

  it('seals, reveals and replaces only as the protocol allows, saying why', async () => {
    const t = await ready();
    const s = [0, 1, 2].map((i) => seal(t, i));
    expect(await refused(commit(t, 3, s[0]!.commitment))).toEqual({
      code: 'ceremony.slot',
      zh: '第 4 个随机来源不是现场见证人，不密封',
      en: 'source 4 is not a witness; it is not sealed',
      where: { field: 'sources[3]' },
    });
    expect(await refused(commit(t, 0, s[0]!.commitment.slice(1)))).toEqual({
      code: 'ceremony.commitment-format',
      zh: '密封值（承诺）须为 64 位十六进制',
      en: 'the commitment must be 64 hex digits',
      where: { field: 'sources[0]' },
    });
    expect(await refused(commitValue(t.office, t.id, { index: 0, commitment: s[0]!.commitment, via: 'hall' }, OP))).toEqual({
      code: 'ceremony.confirm',
      zh: '大厅键盘密封录入须由另一角色的工作人员确认',
      en: 'a sealed entry on the hall keyboard must be confirmed by a staff member of another role',
      where: { field: 'confirm' },
    });
    // A hall entry, confirmed; the commitment as typed (capitals, spaces around) is normalised.
    const typed = ` ${s[0]!.commitment.toUpperCase()} `;
    expect(await commitValue(t.office, t.id, { index: 0, commitment: typed, via: 'hall', confirmedBy: 'supervisor:li' }, OP)).toEqual({
      index: 0,
      label: L0,
      commitment: s[0]!.commitment,
      allCommitted: false,
    });
    expect(await t.office.store.repos.ceremony.commitments(t.id)).toMatchObject([
      { idx: 0, label: L0, commitment: s[0]!.commitment, via: 'hall', entered_by: L0, confirmed_by: 'supervisor:li' },
    ]);
    expect(await logged(t, 'ceremony.commit')).toEqual([{ index: 0, label: L0, commitment: s[0]!.commitment, via: 'hall' }]);
    expect(await logged(t, 'ceremony.hall-confirm')).toEqual([{ index: 0, label: L0, confirmedBy: 'supervisor:li' }]);
    expect(await refused(commit(t, 0, s[0]!.commitment))).toEqual({
      code: 'ceremony.commitment-present',
      zh: `“${L0}”已经密封提交，不能更改`,
      en: `"${L0}" is already sealed and cannot be changed`,
      where: { field: 'sources[0]' },
    });
    // Nothing is revealed or replaced before every value is sealed.
    expect(await refused(reveal(t, 0, VALUES[0], s[0]!.salt))).toEqual({
      code: 'ceremony.sealing',
      zh: '还有见证人尚未密封提交：全部密封后才能揭示',
      en: 'some witnesses have not sealed their values yet; reveals begin only when all are sealed',
      where: { field: 'sources[0]' },
    });
    expect(await refused(reveal(t, 1, VALUES[1], s[1]!.salt))).toEqual({
      code: 'ceremony.not-committed',
      zh: `“${L1}”尚未密封提交，不能揭示`,
      en: `"${L1}" has not been sealed; there is nothing to reveal`,
      where: { field: 'sources[1]' },
    });
    expect(await refused(replace(t, 0, '缺席'))).toEqual({
      code: 'ceremony.sealing',
      zh: '揭示阶段尚未开始（须全部密封并录入公开数），不能替换',
      en: 'the reveal phase has not begun (all sealed, public numbers entered); nothing can be replaced yet',
      where: { field: 'sources[0]' },
    });
    expect(await refused(replace(t, 1, '缺席'))).toEqual({
      code: 'ceremony.not-committed',
      zh: `“${L1}”没有密封提交：替换只针对已密封、未揭示的值`,
      en: `"${L1}" was never sealed; only a sealed value not revealed is replaced`,
      where: { field: 'sources[1]' },
    });
    // A phone entry keeps no confirmation, even if one is sent along.
    expect(
      await commitValue(t.office, t.id, { index: 1, commitment: s[1]!.commitment, via: 'phone', confirmedBy: 'supervisor:li' }, OP),
    ).toEqual({ index: 1, label: L1, commitment: s[1]!.commitment, allCommitted: false });
    expect((await t.office.store.repos.ceremony.commitments(t.id)).map((c) => c.confirmed_by)).toEqual(['supervisor:li', null]);
    expect(await logged(t, 'ceremony.hall-confirm')).toHaveLength(1);
    expect(await steps(t, 'sealed')).toEqual([]);
    // At the very moment the round is produced, no seal any more.
    t.clock.t = new Date(ROUND_AT);
    expect(await refused(commit(t, 2, s[2]!.commitment))).toEqual({
      code: 'ceremony.too-late',
      zh: `drand 信标已于 ${ROUND_AT} 产生，此后不能再密封提交：否则密封提交的人可能已知道信标。未揭示的值按公示规则替换`,
      en: `the drand round was produced at ${ROUND_AT}; no one may seal a value after that, as they could know the beacon. A value not revealed is replaced as the published rules say`,
      where: { field: 'sources[2]' },
    });
    t.clock.t = new Date(Date.parse(ROUND_AT) - 1);
    expect(await commit(t, 2, s[2]!.commitment)).toEqual({ index: 2, label: L2, commitment: s[2]!.commitment, allCommitted: true });
    expect(await steps(t, 'commitment')).toEqual(
      [0, 1, 2].map((i) => ({
        index: i,
        label: LABELS[i],
        commitment: s[i]!.commitment,
        via: i === 0 ? 'hall' : 'phone',
        at: expect.any(String),
      })),
    );
    expect(await steps(t, 'sealed')).toEqual([{ commitments: 3, deadline: ROUND_AT }]);

    // The reveals.
    expect(await refused(reveal(t, 1, VALUES[1], 'abc'))).toEqual({
      code: 'ceremony.salt-format',
      zh: '密封码须为 64 位十六进制（可分组书写）',
      en: 'the sealing code must be 64 hex digits (groups may be separated by spaces)',
      where: { field: 'sources[1].salt' },
    });
    expect(await refused(reveal(t, 1, '418306', s[1]!.salt))).toEqual({
      code: 'ceremony.reveal-mismatch',
      zh: `“${L1}”揭示的值和密封码与密封时的承诺不符，未被接受。请核对密封时记下的值和密封码`,
      en: `the value and sealing code revealed for "${L1}" do not open its commitment; nothing was stored. Check the value and code written down at sealing`,
      where: { field: 'sources[1]' },
    });
    // The sealing code as written down: in groups, with spaces and dashes, in capitals.
    const written = s[1]!.salt.toUpperCase().match(/.{8}/g)!.join(' - ');
    expect(await reveal(t, 1, VALUES[1], written)).toEqual({ index: 1, label: L1, value: VALUES[1], complete: false });
    expect(await t.office.store.repos.ceremony.values(t.id)).toMatchObject([
      { idx: 1, kind: 'witness', label: L1, value: VALUES[1], entered_by: L1, via: 'phone' },
    ]);
    expect(await logged(t, 'ceremony.reveal')).toEqual([{ index: 1, label: L1, value: VALUES[1], salt: s[1]!.salt }]);
    expect(await steps(t, 'value')).toEqual([
      // A sealed value is entered by its slot, shown by the rules' label (a person would be masked).
      {
        index: 1,
        kind: 'witness',
        label: L1,
        value: VALUES[1],
        by: L1,
        via: 'phone',
        salt: s[1]!.salt,
        commitment: s[1]!.commitment,
      },
    ]);
    expect(await refused(reveal(t, 1, VALUES[1], s[1]!.salt))).toEqual({
      code: 'ceremony.value-present',
      zh: `“${L1}”已经揭示（或已替换），不能更改`,
      en: `"${L1}" is already revealed (or replaced) and cannot be changed`,
      where: { field: 'sources[1]' },
    });
    expect(await refused(replace(t, 1, '缺席'))).toEqual({
      code: 'ceremony.value-present',
      zh: `“${L1}”已经揭示`,
      en: `"${L1}" is already revealed`,
      where: { field: 'sources[1]' },
    });
    // Before the round, the witness may still reveal: no replacement.
    expect(await refused(replace(t, 0, '缺席'))).toEqual({
      code: 'ceremony.replace-early',
      zh: `见证人可以在 drand 信标产生（${ROUND_AT}）之前揭示；此后才能按规则替换`,
      en: `the witness may reveal until the drand round is produced (${ROUND_AT}); only after that is the value replaced`,
      where: { field: 'sources[0]' },
    });
    for (const reason of ['  ', '']) {
      expect(await refused(replace(t, 0, reason))).toEqual({
        code: 'ceremony.reason',
        zh: '请写明替换的原因',
        en: 'give the reason for the replacement',
        where: { field: 'reason' },
      });
    }
    expect(await refused(replace(t, 0, '缺'.repeat(201)))).toEqual({
      code: 'ceremony.reason',
      zh: '原因过长（最多 200 个字）',
      en: 'the reason is too long (200 characters at most)',
      where: { field: 'reason' },
    });
    expect(await refused(replace(t, 0, '缺席\u0007'))).toMatchObject({ code: 'text.control', where: { field: 'reason' } });
    t.clock.t = new Date(ROUND_AT);
    expect(await refused(reveal(t, 0, VALUES[0], s[0]!.salt))).toEqual({
      code: 'ceremony.too-late',
      zh: `drand 信标已于 ${ROUND_AT} 产生，此后不能再揭示：否则揭示的人可能已知道信标。未揭示的值按公示规则替换`,
      en: `the drand round was produced at ${ROUND_AT}; no one may reveal after that, as they could know the beacon. A value not revealed is replaced as the published rules say`,
      where: { field: 'sources[0]' },
    });
    // From the moment of the round on, the published rule replaces what was not revealed; 200 characters are enough.
    const long = '缺'.repeat(200);
    expect(await replace(t, 2, long)).toEqual({ index: 2, label: L2, value: '未揭示', complete: false });
    // A reason typed in decomposed form is stored composed (NFC), not refused.
    expect(await replace(t, 0, ' 信标产生前未揭示（Cafe\u0301） ')).toEqual({ index: 0, label: L0, value: '未揭示', complete: true });
    expect(await t.office.store.repos.ceremony.values(t.id)).toMatchObject([
      { idx: 0, kind: 'witness', label: L0, value: '未揭示', entered_by: OP, via: 'replaced' },
      { idx: 1, via: 'phone' },
      { idx: 2, kind: 'witness', label: L2, value: '未揭示', entered_by: OP, via: 'replaced' },
    ]);
    expect(await logged(t, 'ceremony.replace')).toEqual([
      { index: 2, label: L2, value: '未揭示', reason: long },
      { index: 0, label: L0, value: '未揭示', reason: '信标产生前未揭示（Caf\u00e9）' },
    ]);
    expect((await steps(t, 'value')).slice(1)).toEqual([
      { index: 2, kind: 'witness', label: L2, value: '未揭示', by: L2, via: 'replaced', reason: long },
      {
        index: 0,
        kind: 'witness',
        label: L0,
        value: '未揭示',
        by: L0,
        via: 'replaced',
        reason: '信标产生前未揭示（Caf\u00e9）',
      },
    ]);
  });
});

describe('sealing without a drand round', () => {
  it('takes the public numbers before the reveals and the reveals in the published order', async () => {
    const t = await ready({ drandRound: null, publicLabel: '当日福彩3D开奖号码' });
    const s = [0, 1, 2].map((i) => seal(t, i));
    for (const i of [0, 1, 2]) await commit(t, i, s[i]!.commitment);
    expect(await steps(t, 'sealed')).toEqual([{ commitments: 3 }]);
    expect(await refused(reveal(t, 0, VALUES[0], s[0]!.salt))).toEqual({
      code: 'ceremony.public-first',
      zh: '请先录入公开数，然后才能揭示',
      en: 'enter the public numbers first; the reveals follow',
      where: { field: 'sources[0]' },
    });
    expect(await refused(replace(t, 0, '缺席'))).toMatchObject({ code: 'ceremony.sealing' });
    await enterValue(t.office, t.id, 3, '582', OP);
    expect(await refused(reveal(t, 1, VALUES[1], s[1]!.salt))).toEqual({
      code: 'ceremony.order',
      zh: `请按公示的顺序揭示：请先揭示“${L0}”`,
      en: `values are revealed in the published order: first "${L0}"`,
      where: { field: 'sources[1]' },
    });
    expect(await refused(replace(t, 2, '缺席'))).toEqual({
      code: 'ceremony.order',
      zh: `请按公示的顺序处理：请先处理“${L0}”`,
      en: `values are taken in the published order: first "${L0}"`,
      where: { field: 'sources[2]' },
    });
    expect(await reveal(t, 0, VALUES[0], s[0]!.salt)).toMatchObject({ complete: false });
    expect(await refused(commit(t, 1, seal(t, 1).commitment))).toEqual({
      code: 'ceremony.reveal-started',
      zh: '揭示已经开始，不能再密封提交',
      en: 'the reveals have begun; no value can be sealed any more',
      where: { field: 'sources[1]' },
    });
    // The first witness done, the second's turn: the third still waits for it.
    expect(await refused(reveal(t, 2, VALUES[2], s[2]!.salt))).toMatchObject({ code: 'ceremony.order', en: expect.stringContaining(L1) });
    expect(await replace(t, 1, '见证人离场')).toEqual({ index: 1, label: L1, value: '未揭示', complete: false });
    expect(await reveal(t, 2, VALUES[2], s[2]!.salt)).toEqual({ index: 2, label: L2, value: VALUES[2], complete: true });
  });

  it('marks a substitute’s entries as such, never by name', async () => {
    const t = await ready({
      drandRound: null,
      roster: [
        ['王建国', '李家长'],
        ['赵家长', null],
        ['陈公证员', null],
      ],
    });
    await substituteWitness(t.office, t.id, 0, OP);
    const s = [0, 1, 2].map((i) => seal(t, i));
    for (const i of [0, 1, 2]) await commit(t, i, s[i]!.commitment);
    await reveal(t, 0, VALUES[0], s[0]!.salt);
    expect((await t.office.store.repos.ceremony.commitments(t.id)).map((c) => c.entered_by)).toEqual([`${L0}（替补）`, L1, L2]);
    expect((await t.office.store.repos.ceremony.values(t.id)).map((v) => v.entered_by)).toEqual([`${L0}（替补）`]);
  });

  it('refuses a replacement the published rules do not provide for, and any entry once the event has left the frozen state', async () => {
    const t = await ready({ drandRound: null });
    const s = [0, 1, 2].map((i) => seal(t, i));
    for (const i of [0, 1, 2]) await commit(t, i, s[i]!.commitment);
    await dropTriggers(t.office);
    // A publication from before the rules stated the handling of a value not revealed.
    const rules = JSON.parse((await t.office.store.repos.publications.latest(t.id))!.rules_text) as { sealing?: unknown };
    delete rules.sealing;
    await sql`UPDATE publications SET rules_text = ${JSON.stringify(rules)}`.execute(t.office.store.db);
    expect(await refused(replace(t, 0, '缺席'))).toEqual({
      code: 'ceremony.no-rule',
      zh: '公示的规则没有规定未揭示值的处理办法，不能替换',
      en: 'the published rules state no handling of an unrevealed value; it cannot be replaced',
      where: { field: 'sealing' },
    });
    expect(await t.office.store.repos.ceremony.values(t.id)).toEqual([]);
    await sql`UPDATE events SET status = 'drawn'`.execute(t.office.store.db);
    for (const p of [reveal(t, 0, VALUES[0], s[0]!.salt), replace(t, 0, '缺席'), commit(t, 0, s[0]!.commitment)]) {
      expect(await refused(p)).toEqual({
        code: 'ceremony.drawn',
        zh: '已正式摇号，不能再录入',
        en: 'the official draw has happened',
        where: { field: 'event' },
      });
    }
  });
});

describe('the published rule, the phases and the formats', () => {
  it('reads the rule for a value not revealed only when it is a fixed, non-empty replacement', () => {
    expect(sealingRuleOf(JSON.stringify({ sealing: { unrevealed: 'fixed', replacement: '未揭示' } }))).toEqual({
      unrevealed: 'fixed',
      replacement: '未揭示',
    });
    for (const sealing of [
      undefined,
      null,
      {},
      { unrevealed: 'alternate', replacement: 'x' },
      { unrevealed: 'fixed' },
      { unrevealed: 'fixed', replacement: '' },
      { unrevealed: 'fixed', replacement: 7 },
    ]) {
      expect(sealingRuleOf(JSON.stringify({ sealing }))).toBeUndefined();
    }
  });

  it('moves from commit to public numbers to reveal to complete', () => {
    const declared = [
      { kind: 'witness' as const, label: 'A' },
      { kind: 'public' as const, label: 'P' },
      { kind: 'witness' as const, label: 'B' },
    ];
    const c = (idx: number) => ({ idx }) as CommitmentRow;
    const v = (idx: number) => ({ idx }) as HeldValueRow;
    const state = (cs: number[], vs: number[]) => {
      const s = sealingStateOf(declared, cs.map(c), vs.map(v));
      return {
        phase: s.phase,
        witnesses: s.witnesses,
        allCommitted: s.allCommitted,
        publicDone: s.publicDone,
        revealStarted: s.revealStarted,
        deadline: s.deadline,
      };
    };
    const base = { witnesses: [0, 2], deadline: undefined };
    expect(state([], [])).toEqual({ ...base, phase: 'commit', allCommitted: false, publicDone: false, revealStarted: false });
    expect(state([0], [1])).toEqual({ ...base, phase: 'commit', allCommitted: false, publicDone: true, revealStarted: false });
    expect(state([0, 2], [])).toEqual({ ...base, phase: 'public', allCommitted: true, publicDone: false, revealStarted: false });
    expect(state([0, 2], [1])).toEqual({ ...base, phase: 'reveal', allCommitted: true, publicDone: true, revealStarted: false });
    expect(state([0, 2], [1, 2])).toEqual({ ...base, phase: 'reveal', allCommitted: true, publicDone: true, revealStarted: true });
    expect(state([0, 2], [1, 2, 0])).toEqual({ ...base, phase: 'complete', allCommitted: true, publicDone: true, revealStarted: true });
    const withDrand = sealingStateOf([...declared, { kind: 'drand', chain: DRAND_QUICKNET.chainHash, round: 1000 }], [], []);
    expect(withDrand.deadline).toBe(ROUND_AT);
    expect(drandDeadline(declared)).toBeUndefined();
    expect(drandDeadline([{ kind: 'drand', chain: DRAND_QUICKNET.chainHash, round: 1000 }])).toBe(Date.parse(ROUND_AT));
  });

  it('normalises a commitment and a sealing code as people type them', () => {
    const hex = '0123456789abcdef'.repeat(4);
    expect(normaliseCommitment(`  ${hex.toUpperCase()}\n`, 2)).toBe(hex);
    expect(() => normaliseCommitment(`${hex}0`, 2)).toThrow(/64 hex/);
    expect(() => normaliseCommitment(`x${hex.slice(1)}`, 2)).toThrow(/64 hex/);
    expect(normaliseSalt(hex.toUpperCase().match(/.{4}/g)!.join('-'), 1)).toBe(hex);
    expect(normaliseSalt(hex.match(/.{16}/g)!.join(' \t '), 1)).toBe(hex);
    expect(() => normaliseSalt(`${hex}0`, 1)).toThrow(/64 hex/);
    expect(() => normaliseSalt(`g${hex.slice(1)}`, 1)).toThrow(/64 hex/);
  });
});

describe('sealing: what the earlier tests left unsaid', () => {
  it('says "all sealed" only when every witness is sealed, with four witnesses too', async () => {
    const labels = [...LABELS, '人大代表'];
    const t = await testOffice(beforeRound1000());
    open.push(t);
    const id = await frozenEvent(t.office, { witnesses: labels });
    await openCeremony(t.office, id, OP);
    await recordMeeting(t.office, id, { place: '自流井区教育局三楼会议室', startedAt: '2020-07-20T09:30' }, OP);
    const values = [...VALUES, '88'];
    const sealed = labels.map((label, i) => sealedValue(id, i, label, values[i]!));
    const put = (i: number) =>
      commitValue(t.office, id, { index: i, commitment: sealed[i]!.commitment, via: 'phone' }, `witness:${labels[i]}`);
    const all: boolean[] = [];
    for (const i of [0, 1, 2, 3]) all.push((await put(i)).allCommitted);
    // Three of four sealed is not all: no reveal may start, no 'sealed' step is shown before the fourth.
    expect(all).toEqual([false, false, false, true]);
    const sealedSteps = (await ceremonyLog(t.office, id)).filter((e) => e.type === 'sealed').map((e) => e.payload);
    expect(sealedSteps).toEqual([{ commitments: 4, deadline: ROUND_AT }]);
  });

  it('refuses an empty revealed value, naming the value field, and stores nothing', async () => {
    const t = await ready();
    const s = [0, 1, 2].map((i) => seal(t, i));
    for (const i of [0, 1, 2]) await commit(t, i, s[i]!.commitment);
    expect(await refused(reveal(t, 0, ' \t ', s[0]!.salt))).toEqual({
      code: 'sources.value',
      zh: `“${L0}”的值不能为空`,
      en: `the value of "${L0}" must not be empty`,
      where: { field: 'sources[0].value' },
    });
    expect(await t.office.store.repos.ceremony.values(t.id)).toEqual([]);
  });

  it('refuses a replacement before the ceremony is opened and after it is closed, saying what was asked', async () => {
    const t = await testOffice(beforeRound1000());
    open.push(t);
    const id = await frozenEvent(t.office);
    expect(await refused(replaceValue(t.office, id, { index: 0, reason: '见证人缺席' }, OP))).toEqual({
      code: 'ceremony.not-open',
      zh: '摇号仪式尚未开始（请先“开始仪式”核对公示数据），不能按规则替换未揭示的值',
      en: 'the ceremony has not been opened (open it to check the published data first); cannot replace an unrevealed value',
      where: { field: 'ceremony' },
    });
    expect(await t.office.store.repos.ceremony.values(id)).toEqual([]);
  });
});
