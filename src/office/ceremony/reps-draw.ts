/**
 * 家长代表抽选: before the main draw, N parent representatives per unit are drawn by lot from the
 * families who volunteered, or from all applicants of that unit. It is a draw of its own with the
 * same engine (fairdraw/v1): its rules (drawId `<event>.reps-<unit>`, one unit with N seats, one
 * witness source) and its list are fixed and shown first; then the value is entered and the draw
 * runs once. Anyone can recompute it from its three files.
 */
import { FairDrawError } from '../../core/errors.js';
import { jcs, type Json, type JsonObject } from '../../core/encoding.js';
import { fromUtf8, toHex, utf8 } from '../../core/bytes.js';
import { sha256 } from '../../core/hash.js';
import { draw } from '../../core/draw.js';
import { parseRules } from '../../core/rules.js';
import { parseList } from '../../core/list.js';
import { idStrings } from '../../core/id-table.js';
import { checkIdentifier } from '../../core/identifier-check.js';
import { logAction, logMilestone } from '../audit-trail.js';
import { maskName } from '../masking.js';
import { buildSources } from '../sources-input.js';
import type { Actor, Office } from '../ports.js';
import type { RepsRow } from '../../store/repositories/ceremony.repository.js';
import { appendStep } from './steps.js';
import { loadCeremony } from './state.js';
import { cleanValue } from './enter-value.js';
import type { PublicPerson } from './log-types.js';

export const DEFAULT_REPS = 5;
export const MAX_REPS = 50;
export const DEFAULT_REPS_SOURCE = '公证员（家长代表抽选）';

export interface PrepareRepsInput {
  unit: string;
  seats?: number;
  /** Registration numbers of the families who volunteered; absent or empty: all applicants of the unit. */
  volunteers?: readonly string[];
  /** The label of the witness value that will draw them (e.g. the notary's dice). */
  sourceLabel?: string;
}

export interface RepsView {
  unit: string;
  drawId: string;
  seats: number;
  pool: 'volunteers' | 'all';
  poolSize: number;
  paramsSha256: string;
  listRoot: string;
  sourceLabel: string;
  drawn: boolean;
  seed?: string;
  recordSha256?: string;
  reps?: PublicPerson[];
}

/** Registration numbers of everyone in the frozen list who listed `unit`. */
function applicantsOfUnit(listText: string, unit: string): string[] {
  const out: string[] = [];
  for (const line of listText.split('\n')) {
    if (!line) continue;
    const rec = JSON.parse(line) as { id: string; choices: { unit: string }[] };
    if (rec.choices.some((c) => c.unit === unit)) out.push(rec.id);
  }
  return out;
}

export function repsDrawId(eventId: string, unit: string): string {
  return `${eventId}.reps-${unit}`;
}

export async function prepareReps(office: Office, eventId: string, input: PrepareRepsInput, actor: Actor): Promise<RepsView> {
  return office.store.tx(async (repos) => {
    const { ev } = await loadCeremony(repos, eventId, ['open'], { zh: '准备家长代表抽选', en: 'prepare the representatives draw' });
    if (ev.status !== 'frozen') {
      throw new FairDrawError('ceremony.drawn', '家长代表须在正式摇号之前抽选', 'representatives are drawn before the official draw', {
        field: 'event',
      });
    }
    const pub = (await repos.publications.latest(eventId))!;
    const units = JSON.parse(pub.unit_counts) as { id: string; name: string }[];
    const unit = units.find((u) => u.id === input.unit);
    if (!unit) throw new FairDrawError('ceremony.unit', `没有招生单元 ${input.unit}`, `there is no unit ${input.unit}`, { field: 'unit' });
    const prior = await repos.ceremony.repsOf(eventId, unit.id);
    if (prior?.record_text) {
      throw new FairDrawError(
        'ceremony.reps-drawn',
        `${unit.name}的家长代表已经抽选，不能重抽`,
        `the representatives of ${unit.name} are already drawn`,
        {
          field: 'unit',
        },
      );
    }
    const seats = input.seats ?? DEFAULT_REPS;
    if (!Number.isSafeInteger(seats) || seats < 1 || seats > MAX_REPS) {
      throw new FairDrawError('ceremony.reps-seats', `代表人数须为 1–${MAX_REPS}`, `the number of representatives must be 1–${MAX_REPS}`, {
        field: 'seats',
      });
    }
    const all = applicantsOfUnit(pub.list_text, unit.id);
    const known = new Set(all);
    // Registration numbers are read aloud and typed: accept lower case for the system's upper-case ones.
    const volunteers = (input.volunteers ?? [])
      .map((v) => v.normalize('NFC').trim())
      .filter((v) => v.length > 0)
      .map((v) => (known.has(v) ? v : v.toUpperCase()));
    let pool = all;
    if (volunteers.length > 0) {
      const twice = volunteers.filter((v, i) => volunteers.indexOf(v) !== i);
      if (twice.length > 0) {
        throw new FairDrawError(
          'ceremony.reps-duplicate',
          `报名号重复：${[...new Set(twice)].join('、')}`,
          `listed twice: ${[...new Set(twice)].join(', ')}`,
          {
            field: 'volunteers',
          },
        );
      }
      const unknown = volunteers.filter((v) => !known.has(v));
      if (unknown.length > 0) {
        throw new FairDrawError(
          'ceremony.reps-unknown',
          `以下报名号不在${unit.name}的冻结名单中：${unknown.join('、')}`,
          `not in the frozen list of ${unit.name}: ${unknown.join(', ')}`,
          { field: 'volunteers' },
        );
      }
      pool = [...volunteers].sort();
    }
    if (pool.length === 0) {
      throw new FairDrawError('ceremony.reps-empty', `${unit.name}没有可抽选的家庭`, `${unit.name} has nobody to draw from`, {
        field: 'volunteers',
      });
    }
    const drawId = checkIdentifier(
      repsDrawId(eventId, unit.id),
      { field: 'drawId' },
      { zh: '代表抽选编号', en: 'the representatives draw id' },
    );
    const sourceLabel = cleanValue(input.sourceLabel ?? DEFAULT_REPS_SOURCE, 'label', 'sourceLabel');
    const kind = volunteers.length > 0 ? 'volunteers' : 'all';
    const rules: JsonObject = {
      spec: 'fairdraw/v1',
      drawId,
      title: `${ev.title} · 家长代表抽选（${unit.name}）`,
      purpose: 'parent-representatives',
      event: eventId,
      pool: kind,
      mechanism: 'immediate-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
      units: [{ id: unit.id, name: unit.name, seats }],
      declaredSources: [{ kind: 'witness', label: sourceLabel }],
    };
    const rulesText = jcs(rules);
    const listText = pool.map((id) => `${jcs({ choices: [{ tier: 1, unit: unit.id }], id })}\n`).join('');
    const parsedRules = parseRules(utf8(rulesText), 'rules.json');
    const parsedList = parseList(utf8(listText), parsedRules.rules, 'list.jsonl');
    const now = office.clock.now().toISOString();
    const row: RepsRow = {
      event_id: eventId,
      unit_id: unit.id,
      draw_id: drawId,
      seats,
      pool: kind,
      source_label: sourceLabel,
      rules_text: rulesText,
      list_text: listText,
      params_sha256: parsedRules.paramsSha256,
      list_root: parsedList.listRoot,
      list_size: parsedList.size,
      sources_text: null,
      record_text: null,
      record_sha256: null,
      seed: null,
      prepared_at: now,
      drawn_at: null,
    };
    await repos.ceremony.saveRepsPrepared(row);
    const payload = {
      unit: unit.id,
      unitName: unit.name,
      drawId,
      seats,
      pool: kind,
      poolSize: parsedList.size,
      paramsSha256: row.params_sha256,
      listRoot: row.list_root,
      sourceLabel,
    } as const;
    await logAction(repos, office, eventId, actor, 'ceremony.reps-prepare', { ...payload, pool: kind });
    await appendStep(repos, office, eventId, 'reps-prepared', payload);
    return { ...payload, drawn: false };
  });
}

export async function drawReps(office: Office, eventId: string, unitId: string, value: string, actor: Actor): Promise<RepsView> {
  return office.store.tx(async (repos) => {
    await loadCeremony(repos, eventId, ['open'], { zh: '抽选家长代表', en: 'draw the representatives' });
    const row = await repos.ceremony.repsOf(eventId, unitId);
    if (!row) {
      throw new FairDrawError('ceremony.reps-unprepared', '请先确定抽选范围（准备抽选）', 'prepare the representatives draw first', {
        field: 'unit',
      });
    }
    if (row.record_text) {
      throw new FairDrawError('ceremony.reps-drawn', '该单元的家长代表已经抽选，不能重抽', 'these representatives are already drawn', {
        field: 'unit',
      });
    }
    const rules = parseRules(utf8(row.rules_text), 'rules.json');
    const clean = cleanValue(value, row.source_label, 'value');
    const sources = buildSources(rules.rules.declaredSources, [{ label: row.source_label, value: clean }]);
    const sourcesText = jcs(sources as unknown as Json);
    const result = draw({ rules: utf8(row.rules_text), list: utf8(row.list_text), sources: utf8(sourcesText) });
    const recordSha256 = toHex(sha256(result.recordBytes));
    const now = office.clock.now().toISOString();
    await repos.ceremony.setRepsDrawn(eventId, unitId, {
      sources_text: sourcesText,
      record_text: fromUtf8(result.recordBytes),
      record_sha256: recordSha256,
      seed: result.header.seed,
      drawn_at: now,
    });
    const admitted = idStrings(result.units[0]!.admitted);
    const names = new Map(
      (await repos.applicants.listByEvent(eventId)).filter((a) => admitted.includes(a.reg_no)).map((a) => [a.reg_no, a.name]),
    );
    const reps = admitted.map((regNo) => ({ regNo, name: maskName(names.get(regNo) ?? '') }));
    const pub = (await repos.publications.latest(eventId))!;
    const unitName = (JSON.parse(pub.unit_counts) as { id: string; name: string }[]).find((u) => u.id === unitId)?.name ?? unitId;
    await logMilestone(repos, office, eventId, actor, 'ceremony.reps-draw', {
      unit: unitId,
      drawId: row.draw_id,
      paramsSha256: row.params_sha256,
      listRoot: row.list_root,
      sources: sources as unknown as Json,
      sourcesSha256: result.header.sourcesSha256,
      seed: result.header.seed,
      recordSha256,
      reps: admitted,
    });
    await appendStep(repos, office, eventId, 'reps-drawn', {
      unit: unitId,
      unitName,
      drawId: row.draw_id,
      sourceLabel: row.source_label,
      value: clean,
      sourcesSha256: result.header.sourcesSha256,
      seed: result.header.seed,
      recordSha256,
      reps,
    });
    return {
      unit: unitId,
      drawId: row.draw_id,
      seats: row.seats,
      pool: row.pool,
      poolSize: row.list_size,
      paramsSha256: row.params_sha256,
      listRoot: row.list_root,
      sourceLabel: row.source_label,
      drawn: true,
      seed: result.header.seed,
      recordSha256,
      reps,
    };
  });
}

/** The stored files of a representatives draw, for anyone who wants to recompute it. */
export async function repsFiles(
  office: Office,
  eventId: string,
  unitId: string,
): Promise<{ 'rules.json': string; 'list.jsonl': string; 'sources.json': string; 'record.json': string }> {
  const row = await office.store.repos.ceremony.repsOf(eventId, unitId);
  if (!row?.record_text || !row.sources_text) {
    throw new FairDrawError('ceremony.reps-undrawn', '该单元的家长代表尚未抽选', 'these representatives are not drawn yet', {
      field: 'unit',
    });
  }
  return { 'rules.json': row.rules_text, 'list.jsonl': row.list_text, 'sources.json': row.sources_text, 'record.json': row.record_text };
}
