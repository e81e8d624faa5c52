/**
 * 密封录入，全部密封后揭示 (commit, then reveal). See docs/ceremony-protocol.md.
 *
 *   1. commit   each witness seals their value: their phone (or the hall keyboard, in an entry the
 *               witness makes themself, confirmed by a second staff member of another role) computes
 *               the commitment (src/core/commitment.ts) and sends only that. Nobody, the server
 *               included, learns a value in this phase; the room sees each commitment as it arrives.
 *   2. public   once every witness commitment is in, the public numbers are typed (before any reveal).
 *   3. reveal   each witness reveals value and salt; the server checks them against the commitment.
 *               Without a drand round, in the declared order, so who reveals last is fixed by the
 *               published rules. A value not revealed is replaced as the published rules say
 *               (rules.json `sealing`), by the operator, with a reason, and logged.
 *   4. draw     only when every witness value is revealed or replaced (ceremony-draw.ts).
 *
 * With a drand round declared, every commitment and every reveal must be logged before that round
 * is produced (genesis + (round − 1) × period), so nobody who reveals, or refuses to, knows the
 * beacon; a replacement happens only after that moment, when no reveal can come any more.
 *
 * The audit log carries exactly what the verifiers check: `ceremony.commit` {index, label,
 * commitment, via}, `ceremony.reveal` {index, label, value, salt}, `ceremony.replace` {index, label,
 * value, reason}. Witnesses appear by their declared role label, never by name.
 */
import { FairDrawError } from '../../core/errors.js';
import { checkText } from '../../core/encoding.js';
import { drandRoundTime } from '../../core/drand.js';
import {
  COMMIT_ACTION,
  REPLACE_ACTION,
  REVEAL_ACTION,
  opens,
  type CommitDetails,
  type ReplaceDetails,
  type RevealDetails,
} from '../../core/commitment.js';
import type { DeclaredSource } from '../../core/rules.js';
import { logAction, logMilestone } from '../audit-trail.js';
import type { Actor, Office } from '../ports.js';
import type { Repos } from '../../store/index.js';
import type { CommitmentRow, HeldValueRow } from '../../store/repositories/ceremony.repository.js';
import { appendStep } from './steps.js';
import { declaredAt, loadCeremony, rosterSlots, type Loaded } from './state.js';
import { cleanValue } from './enter-value.js';

export interface SealingRule {
  /** 'fixed': a value not revealed in time is replaced by `replacement`. */
  unrevealed: 'fixed';
  replacement: string;
}

/** The rule the published rules.json states (`sealing`), or undefined when it states none. */
export function sealingRuleOf(rulesText: string): SealingRule | undefined {
  const doc = JSON.parse(rulesText) as { sealing?: { unrevealed?: unknown; replacement?: unknown } };
  const s = doc.sealing;
  if (!s || s.unrevealed !== 'fixed' || typeof s.replacement !== 'string' || !s.replacement) return undefined;
  return { unrevealed: 'fixed', replacement: s.replacement };
}

export type SealingPhase = 'commit' | 'public' | 'reveal' | 'complete';

export interface SealingState {
  phase: SealingPhase;
  witnesses: number[];
  commitments: CommitmentRow[];
  values: HeldValueRow[];
  allCommitted: boolean;
  publicDone: boolean;
  /** A witness value has been revealed or replaced. */
  revealStarted: boolean;
  /** With a drand round: the moment it is produced (ISO); commitments and reveals must come before. */
  deadline?: string;
}

/** The declared drand round's production time (ms), if one is declared. */
export function drandDeadline(declared: readonly DeclaredSource[]): number | undefined {
  const d = declared.find((x) => x.kind === 'drand');
  return d && d.kind === 'drand' ? drandRoundTime(d.round) * 1000 : undefined;
}

export function sealingStateOf(declared: readonly DeclaredSource[], commitments: CommitmentRow[], values: HeldValueRow[]): SealingState {
  const witnesses = declared.flatMap((d, i) => (d.kind === 'witness' ? [i] : []));
  const publics = declared.flatMap((d, i) => (d.kind === 'public' ? [i] : []));
  const has = (rows: { idx: number }[], i: number) => rows.some((r) => r.idx === i);
  const allCommitted = witnesses.every((i) => has(commitments, i));
  const publicDone = publics.every((i) => has(values, i));
  const revealStarted = witnesses.some((i) => has(values, i));
  const allFixed = witnesses.every((i) => has(values, i));
  const phase: SealingPhase = !allCommitted ? 'commit' : !publicDone ? 'public' : !allFixed ? 'reveal' : 'complete';
  const deadline = drandDeadline(declared);
  return {
    phase,
    witnesses,
    commitments,
    values,
    allCommitted,
    publicDone,
    revealStarted,
    ...(deadline !== undefined ? { deadline: new Date(deadline).toISOString() } : {}),
  };
}

export async function sealingState(repos: Repos, eventId: string, declared: readonly DeclaredSource[]): Promise<SealingState> {
  return sealingStateOf(declared, await repos.ceremony.commitments(eventId), await repos.ceremony.values(eventId));
}

const where = (index: number) => ({ field: `sources[${index}]` });

/** Refuses once the declared drand round is produced: whoever acts then could know the beacon. */
function beforeDeadline(office: Office, state: SealingState, index: number, act: { zh: string; en: string }): void {
  if (state.deadline === undefined) return;
  if (office.clock.now().toISOString() < state.deadline) return;
  throw new FairDrawError(
    'ceremony.too-late',
    `drand 信标已于 ${state.deadline} 产生，此后不能再${act.zh}：否则${act.zh}的人可能已知道信标。未揭示的值按公示规则替换`,
    `the drand round was produced at ${state.deadline}; no one may ${act.en} after that, as they could know the beacon. A value not revealed is replaced as the published rules say`,
    where(index),
  );
}

function witnessSlot(declared: readonly DeclaredSource[], index: number): DeclaredSource & { kind: 'witness' } {
  const d = declaredAt(declared, index);
  if (d.kind !== 'witness') {
    throw new FairDrawError(
      'ceremony.slot',
      `第 ${index + 1} 个随机来源不是现场见证人，不密封`,
      `source ${index + 1} is not a witness; it is not sealed`,
      where(index),
    );
  }
  return d;
}

async function loadOpen(repos: Repos, eventId: string, act: { zh: string; en: string }): Promise<Loaded> {
  const loaded = await loadCeremony(repos, eventId, ['open'], act);
  if (loaded.ev.status !== 'frozen') {
    throw new FairDrawError('ceremony.drawn', '已正式摇号，不能再录入', 'the official draw has happened', { field: 'event' });
  }
  return loaded;
}

/** A witness slot shown by its role label; a substitute is marked, never named. */
async function sealedBy(repos: Repos, eventId: string, declared: readonly DeclaredSource[], index: number, label: string): Promise<string> {
  const slot = rosterSlots(declared, await repos.ceremony.roster(eventId)).find((s) => s.index === index);
  return slot?.substituted ? `${label}（替补）` : label;
}

/** Without a drand round, reveals follow the declared order: the first earlier witness not yet revealed or replaced. */
function earlierOpen(state: SealingState, declared: readonly DeclaredSource[], index: number): string | undefined {
  if (state.deadline !== undefined) return undefined;
  const i = state.witnesses.find((w) => w < index && !state.values.some((v) => v.idx === w));
  return i === undefined ? undefined : (declared[i] as { label: string }).label;
}

export function normaliseCommitment(raw: string, index: number): string {
  const c = raw.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(c)) {
    throw new FairDrawError(
      'ceremony.commitment-format',
      '密封值（承诺）须为 64 位十六进制',
      'the commitment must be 64 hex digits',
      where(index),
    );
  }
  return c;
}

/** The salt as written down at sealing: 64 hex, spaces and dashes allowed between groups. */
export function normaliseSalt(raw: string, index: number): string {
  const s = raw.replace(/[\s-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(s)) {
    throw new FairDrawError(
      'ceremony.salt-format',
      '密封码须为 64 位十六进制（可分组书写）',
      'the sealing code must be 64 hex digits (groups may be separated by spaces)',
      { field: `sources[${index}].salt` },
    );
  }
  return s;
}

export interface CommitInput {
  index: number;
  commitment: string;
  via: 'phone' | 'hall';
  /** A hall entry: the second staff member, of another role, who confirmed it (role:username). */
  confirmedBy?: string;
}

export interface CommitOutcome {
  index: number;
  label: string;
  commitment: string;
  /** Every witness value is now sealed: the public numbers, then the reveals, may follow. */
  allCommitted: boolean;
}

/** 密封: stores one witness's commitment, inside the caller's transaction. */
export async function commitValueIn(
  repos: Repos,
  office: Office,
  eventId: string,
  input: CommitInput,
  actor: Actor,
): Promise<CommitOutcome> {
  const act = { zh: '密封提交', en: 'seal a value' };
  const { declared } = await loadOpen(repos, eventId, act);
  const d = witnessSlot(declared, input.index);
  const commitment = normaliseCommitment(input.commitment, input.index);
  const state = await sealingState(repos, eventId, declared);
  if (state.revealStarted) {
    throw new FairDrawError(
      'ceremony.reveal-started',
      '揭示已经开始，不能再密封提交',
      'the reveals have begun; no value can be sealed any more',
      where(input.index),
    );
  }
  if (state.commitments.some((c) => c.idx === input.index)) {
    throw new FairDrawError(
      'ceremony.commitment-present',
      `“${d.label}”已经密封提交，不能更改`,
      `"${d.label}" is already sealed and cannot be changed`,
      where(input.index),
    );
  }
  beforeDeadline(office, state, input.index, act);
  if (!(await repos.audit.list(eventId)).some((e) => e.action === 'ceremony.meeting')) {
    throw new FairDrawError(
      'ceremony.no-meeting',
      '请先登记摇号现场的地点和时间（会议记录），再由见证人密封提交',
      "record the ceremony's place and time (the meeting record) before the witnesses seal their values",
      { field: 'meeting' },
    );
  }
  if (input.via === 'hall' && !input.confirmedBy) {
    throw new FairDrawError(
      'ceremony.confirm',
      '大厅键盘密封录入须由另一角色的工作人员确认',
      'a sealed entry on the hall keyboard must be confirmed by a staff member of another role',
      { field: 'confirm' },
    );
  }
  const at = office.clock.now().toISOString();
  await repos.ceremony.insertCommitment({
    event_id: eventId,
    idx: input.index,
    label: d.label,
    commitment,
    via: input.via,
    entered_by: await sealedBy(repos, eventId, declared, input.index, d.label),
    confirmed_by: input.via === 'hall' ? (input.confirmedBy ?? null) : null,
    at,
  });
  const details: CommitDetails = { index: input.index, label: d.label, commitment, via: input.via };
  await logAction(repos, office, eventId, actor, COMMIT_ACTION, { ...details });
  if (input.via === 'hall') {
    await logAction(repos, office, eventId, actor, 'ceremony.hall-confirm', {
      index: input.index,
      label: d.label,
      confirmedBy: input.confirmedBy!,
    });
  }
  await appendStep(repos, office, eventId, 'commitment', { ...details, at });
  const allCommitted = state.witnesses.every((i) => i === input.index || state.commitments.some((c) => c.idx === i));
  if (allCommitted) {
    await appendStep(repos, office, eventId, 'sealed', {
      commitments: state.witnesses.length,
      ...(state.deadline ? { deadline: state.deadline } : {}),
    });
  }
  return { index: input.index, label: d.label, commitment, allCommitted };
}

export async function commitValue(office: Office, eventId: string, input: CommitInput, actor: Actor): Promise<CommitOutcome> {
  return office.store.tx((repos) => commitValueIn(repos, office, eventId, input, actor));
}

export interface RevealInput {
  index: number;
  value: string;
  salt: string;
  via: 'phone' | 'hall';
}

export interface RevealOutcome {
  index: number;
  label: string;
  value: string;
  /** Every witness value is now revealed or replaced: the draw may start (after the beacon, if declared). */
  complete: boolean;
}

/** 揭示: the value and salt that open a commitment, checked before anything is stored. */
export async function revealValueIn(
  repos: Repos,
  office: Office,
  eventId: string,
  input: RevealInput,
  actor: Actor,
): Promise<RevealOutcome> {
  const act = { zh: '揭示', en: 'reveal' };
  const { ev, declared } = await loadOpen(repos, eventId, act);
  const d = witnessSlot(declared, input.index);
  const state = await sealingState(repos, eventId, declared);
  const c = state.commitments.find((x) => x.idx === input.index);
  if (!c) {
    throw new FairDrawError(
      'ceremony.not-committed',
      `“${d.label}”尚未密封提交，不能揭示`,
      `"${d.label}" has not been sealed; there is nothing to reveal`,
      where(input.index),
    );
  }
  if (state.values.some((v) => v.idx === input.index)) {
    throw new FairDrawError(
      'ceremony.value-present',
      `“${d.label}”已经揭示（或已替换），不能更改`,
      `"${d.label}" is already revealed (or replaced) and cannot be changed`,
      where(input.index),
    );
  }
  if (!state.allCommitted) {
    throw new FairDrawError(
      'ceremony.sealing',
      '还有见证人尚未密封提交：全部密封后才能揭示',
      'some witnesses have not sealed their values yet; reveals begin only when all are sealed',
      where(input.index),
    );
  }
  if (!state.publicDone) {
    throw new FairDrawError(
      'ceremony.public-first',
      '请先录入公开数，然后才能揭示',
      'enter the public numbers first; the reveals follow',
      where(input.index),
    );
  }
  beforeDeadline(office, state, input.index, act);
  const before = earlierOpen(state, declared, input.index);
  if (before !== undefined) {
    throw new FairDrawError(
      'ceremony.order',
      `请按公示的顺序揭示：请先揭示“${before}”`,
      `values are revealed in the published order: first "${before}"`,
      where(input.index),
    );
  }
  const value = cleanValue(input.value, d.label, `sources[${input.index}].value`);
  const salt = normaliseSalt(input.salt, input.index);
  if (!opens(c.commitment, { drawId: ev.id, index: input.index, label: d.label, value, salt })) {
    throw new FairDrawError(
      'ceremony.reveal-mismatch',
      `“${d.label}”揭示的值和密封码与密封时的承诺不符，未被接受。请核对密封时记下的值和密封码`,
      `the value and sealing code revealed for "${d.label}" do not open its commitment; nothing was stored. Check the value and code written down at sealing`,
      where(input.index),
    );
  }
  const at = office.clock.now().toISOString();
  const by = await sealedBy(repos, eventId, declared, input.index, d.label);
  await repos.ceremony.insertValue({
    event_id: eventId,
    idx: input.index,
    kind: 'witness',
    label: d.label,
    value,
    entered_by: by,
    via: input.via,
    at,
  });
  const details: RevealDetails = { index: input.index, label: d.label, value, salt };
  await logAction(repos, office, eventId, actor, REVEAL_ACTION, { ...details });
  await appendStep(repos, office, eventId, 'value', {
    index: input.index,
    kind: 'witness',
    label: d.label,
    value,
    by,
    via: input.via,
    salt,
    commitment: c.commitment,
  });
  const complete = state.witnesses.every((i) => i === input.index || state.values.some((v) => v.idx === i));
  return { index: input.index, label: d.label, value, complete };
}

export async function revealValue(office: Office, eventId: string, input: RevealInput, actor: Actor): Promise<RevealOutcome> {
  return office.store.tx((repos) => revealValueIn(repos, office, eventId, input, actor));
}

export interface ReplaceInput {
  index: number;
  /** Why (e.g. 见证人缺席 / 未在信标产生前揭示), for the log and the room. */
  reason: string;
}

/**
 * 按规则替换: a sealed value its witness did not reveal is replaced by the fixed value the published
 * rules state. With a drand round, only once the round is produced (no reveal can come any more);
 * without one, in the witness's turn of the declared order, when the witness is absent.
 */
export async function replaceValue(office: Office, eventId: string, input: ReplaceInput, actor: Actor): Promise<RevealOutcome> {
  return office.store.tx(async (repos) => {
    const act = { zh: '按规则替换未揭示的值', en: 'replace an unrevealed value' };
    const { declared } = await loadOpen(repos, eventId, act);
    const d = witnessSlot(declared, input.index);
    const state = await sealingState(repos, eventId, declared);
    const reasonField = { field: 'reason' };
    const reason = input.reason.normalize('NFC').trim();
    if (!reason) throw new FairDrawError('ceremony.reason', '请写明替换的原因', 'give the reason for the replacement', reasonField);
    checkText(reason, reasonField);
    if ([...reason].length > 200) {
      throw new FairDrawError(
        'ceremony.reason',
        '原因过长（最多 200 个字）',
        'the reason is too long (200 characters at most)',
        reasonField,
      );
    }
    if (!state.commitments.some((c) => c.idx === input.index)) {
      throw new FairDrawError(
        'ceremony.not-committed',
        `“${d.label}”没有密封提交：替换只针对已密封、未揭示的值`,
        `"${d.label}" was never sealed; only a sealed value not revealed is replaced`,
        where(input.index),
      );
    }
    if (state.values.some((v) => v.idx === input.index)) {
      throw new FairDrawError('ceremony.value-present', `“${d.label}”已经揭示`, `"${d.label}" is already revealed`, where(input.index));
    }
    if (!state.allCommitted || !state.publicDone) {
      throw new FairDrawError(
        'ceremony.sealing',
        '揭示阶段尚未开始（须全部密封并录入公开数），不能替换',
        'the reveal phase has not begun (all sealed, public numbers entered); nothing can be replaced yet',
        where(input.index),
      );
    }
    if (state.deadline !== undefined && office.clock.now().toISOString() < state.deadline) {
      throw new FairDrawError(
        'ceremony.replace-early',
        `见证人可以在 drand 信标产生（${state.deadline}）之前揭示；此后才能按规则替换`,
        `the witness may reveal until the drand round is produced (${state.deadline}); only after that is the value replaced`,
        where(input.index),
      );
    }
    const before = earlierOpen(state, declared, input.index);
    if (before !== undefined) {
      throw new FairDrawError(
        'ceremony.order',
        `请按公示的顺序处理：请先处理“${before}”`,
        `values are taken in the published order: first "${before}"`,
        where(input.index),
      );
    }
    const pub = await repos.publications.latest(eventId);
    const rule = pub ? sealingRuleOf(pub.rules_text) : undefined;
    if (!rule) {
      throw new FairDrawError(
        'ceremony.no-rule',
        '公示的规则没有规定未揭示值的处理办法，不能替换',
        'the published rules state no handling of an unrevealed value; it cannot be replaced',
        { field: 'sealing' },
      );
    }
    const at = office.clock.now().toISOString();
    await repos.ceremony.insertValue({
      event_id: eventId,
      idx: input.index,
      kind: 'witness',
      label: d.label,
      value: rule.replacement,
      entered_by: actor,
      via: 'replaced',
      at,
    });
    const details: ReplaceDetails = { index: input.index, label: d.label, value: rule.replacement, reason };
    await logMilestone(repos, office, eventId, actor, REPLACE_ACTION, { ...details });
    await appendStep(repos, office, eventId, 'value', {
      index: input.index,
      kind: 'witness',
      label: d.label,
      value: rule.replacement,
      by: d.label,
      via: 'replaced',
      reason,
    });
    const complete = state.witnesses.every((i) => i === input.index || state.values.some((v) => v.idx === i));
    return { index: input.index, label: d.label, value: rule.replacement, complete };
  });
}
