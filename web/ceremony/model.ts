/**
 * The ceremony as the room sees it, folded from the public log in id order. Plain TypeScript: the
 * big screen, the live view and the print page all render this one model.
 */
import type { Bilingual, LogEntry, RosterSlot, StepPayloads } from '../../src/office/ceremony/log-types.js';

export type Stage = 'waiting' | 'check' | 'reps' | 'sources' | 'seed' | 'reveal' | 'summary' | 'halted';

/** Index of each stage in the step bar (waiting and halted have none). */
export const STAGE_ORDER: Stage[] = ['check', 'reps', 'sources', 'seed', 'reveal', 'summary'];

export interface HeldValue {
  id: number;
  at: string;
  label: string;
  value: string;
  by: string;
  via: string;
  /** A witness value: the salt that opens its commitment, or why it was replaced. */
  salt?: string;
  reason?: string;
}

export interface Sealed {
  id: number;
  at: string;
  commitment: string;
  via: 'phone' | 'hall';
}

export interface RepsState {
  prepared: StepPayloads['reps-prepared'];
  drawn?: StepPayloads['reps-drawn'];
  /** Log id of the latest step about this unit. */
  id: number;
}

export interface Model {
  lastId: number;
  stage: Stage;
  /** Log id of the entry that set the stage (an animation starts when it arrives live). */
  stageId: number;
  opened?: StepPayloads['opened'];
  halted?: Bilingual;
  roster: RosterSlot[];
  meeting?: StepPayloads['meeting'];
  witnesses: StepPayloads['witness'][];
  reps: RepsState[];
  values: Map<number, HeldValue>;
  /** Each witness's commitment, shown as it arrives (the value itself only once all are sealed and it is revealed). */
  commitments: Map<number, Sealed>;
  sealed?: StepPayloads['sealed'];
  substitutions: StepPayloads['substitute'][];
  drand?: StepPayloads['drand'] & { id: number };
  draw?: StepPayloads['draw'];
  reveals: (StepPayloads['reveal'] & { id: number })[];
  summary?: StepPayloads['summary'];
  recordings: StepPayloads['recording'][];
}

export function emptyModel(): Model {
  return {
    lastId: 0,
    stage: 'waiting',
    stageId: 0,
    roster: [],
    witnesses: [],
    reps: [],
    values: new Map(),
    commitments: new Map(),
    substitutions: [],
    reveals: [],
    recordings: [],
  };
}

/** Applies one entry; entries at or below `lastId` are ignored (a resumed stream never counts twice). */
export function apply(m: Model, e: LogEntry): Model {
  if (e.id <= m.lastId) return m;
  const n: Model = { ...m, lastId: e.id, values: new Map(m.values), commitments: new Map(m.commitments) };
  const stage = (s: Stage) => {
    if (n.stage === 'halted') return;
    n.stage = s;
    n.stageId = e.id;
  };
  switch (e.type) {
    case 'opened':
      n.opened = e.payload;
      n.roster = e.payload.roster;
      stage('check');
      break;
    case 'halted':
      n.halted = e.payload;
      n.stage = 'halted';
      n.stageId = e.id;
      break;
    case 'roster':
      n.roster = e.payload.slots;
      break;
    case 'meeting':
      n.meeting = e.payload;
      break;
    case 'witness':
      n.witnesses = [...m.witnesses, e.payload];
      break;
    case 'reps-prepared': {
      const others = m.reps.filter((r) => r.prepared.unit !== e.payload.unit);
      n.reps = [...others, { prepared: e.payload, id: e.id }];
      stage('reps');
      break;
    }
    case 'reps-drawn':
      n.reps = m.reps.map((r) => (r.prepared.unit === e.payload.unit ? { ...r, drawn: e.payload, id: e.id } : r));
      stage('reps');
      break;
    case 'substitute':
      n.substitutions = [...m.substitutions, e.payload];
      n.roster = m.roster.map((s) => (s.index === e.payload.index ? { ...s, substituted: true } : s));
      stage('sources');
      break;
    case 'commitment':
      n.commitments.set(e.payload.index, { id: e.id, at: e.at, commitment: e.payload.commitment, via: e.payload.via });
      stage('sources');
      break;
    case 'sealed':
      n.sealed = e.payload;
      stage('sources');
      break;
    case 'value':
      n.values.set(e.payload.index, {
        id: e.id,
        at: e.at,
        label: e.payload.label,
        value: e.payload.value,
        by: e.payload.by,
        via: e.payload.via,
        ...(e.payload.salt ? { salt: e.payload.salt } : {}),
        ...(e.payload.reason ? { reason: e.payload.reason } : {}),
      });
      stage('sources');
      break;
    case 'drand':
      n.drand = { ...e.payload, id: e.id };
      n.values.set(e.payload.index, {
        id: e.id,
        at: e.at,
        label: `drand #${e.payload.round}`,
        value: e.payload.randomness,
        by: 'drand',
        via: e.payload.via,
      });
      stage('sources');
      break;
    case 'draw':
      n.draw = e.payload;
      stage('seed');
      break;
    case 'reveal':
      n.reveals = [...m.reveals, { ...e.payload, id: e.id }];
      stage('reveal');
      break;
    case 'summary':
      n.summary = e.payload;
      stage('summary');
      break;
    case 'recording':
      n.recordings = [...m.recordings, e.payload];
      break;
  }
  return n;
}

/** A digest as groups of eight, in `lines` lines, so the room can read it out. */
export function hexGroups(hex: string, lines = 2): string[] {
  const groups = hex.match(/.{1,8}/g) ?? [];
  const per = Math.ceil(groups.length / lines);
  const out: string[] = [];
  for (let i = 0; i < groups.length; i += per) out.push(groups.slice(i, i + per).join(' '));
  return out;
}

export type StepState = 'done' | 'current' | 'skipped' | 'todo';

/**
 * The step bar's marks, from what the log holds: a step is done only when it happened (the check
 * matched, representatives were drawn, every declared source is in, the seed is stored, every unit
 * is revealed, the summary is shown). A step the ceremony went past without it is `skipped`.
 */
export function stepStates(m: Model): StepState[] {
  const declared = m.opened?.declaredSources.length ?? 0;
  const happened: Record<string, boolean> = {
    check: m.opened?.check.match === true,
    reps: m.reps.some((r) => r.drawn),
    sources: declared > 0 && m.values.size >= declared,
    seed: m.draw !== undefined,
    reveal: m.reveals.length > 0 && m.reveals.length >= (m.reveals[0]?.of ?? Number.POSITIVE_INFINITY),
    summary: m.summary !== undefined,
  };
  const at = STAGE_ORDER.indexOf(m.stage);
  return STAGE_ORDER.map((s, i) => {
    if (i === at) return s === 'summary' && happened.summary ? 'done' : 'current';
    if (happened[s]) return 'done';
    return at >= 0 && i < at ? 'skipped' : 'todo';
  });
}
