/** What the console shows of an event: its state, units with figures, documents' digests, draws. */
import type { DeclaredSource } from '../core/rules.js';
import { drandRoundTime } from '../core/drand.js';
import { choicesOf, declaredSourcesOf } from './rules-and-list.js';
import { loadEvent } from './load-event.js';
import { summariseRecord } from './run-draw.js';
import type { Office } from './ports.js';
import type { EventStatus } from '../store/schema.js';

export interface EventOverview {
  id: string;
  title: string;
  status: EventStatus;
  version: number;
  mechanism: string;
  tieBreak: string;
  groupFit: string;
  bornFrom: string | null;
  bornTo: string | null;
  declaredSources: (DeclaredSource & { producedAt?: string })[];
  applicants: number;
  units: { id: string; name: string; seats: number; applicants: number; firstChoice: number; lotteryNeeded: boolean }[];
  publications: { version: number; paramsSha256: string; listRoot: string; listSize: number; createdAt: string }[];
  official?: {
    drawId: string;
    seed: string;
    recordSha256: string;
    createdAt: string;
    units: { id: string; seats: number; admitted: number; waitlist: number; applicants: number }[];
  };
  rehearsals: { drawId: string; seed: string; createdAt: string }[];
  organiserPublicKey: string;
  /** 撤回: withdrawn before its draw (see withdraw-event.ts). */
  withdrawn: { reason: string; at: string; statusAt: string; actor: string } | null;
}

export async function eventOverview(office: Office, eventId: string): Promise<EventOverview> {
  const repos = office.store.repos;
  const ev = await loadEvent(repos, eventId);
  const units = await repos.events.listUnits(eventId);
  const applicants = await repos.applicants.listByEvent(eventId);
  const any = new Map<string, number>();
  const first = new Map<string, number>();
  for (const a of applicants) {
    const cs = choicesOf(a);
    cs.forEach((c, i) => {
      any.set(c.unit, (any.get(c.unit) ?? 0) + 1);
      if (i === 0) first.set(c.unit, (first.get(c.unit) ?? 0) + 1);
    });
  }
  const official = await repos.draws.official(eventId);
  return {
    id: ev.id,
    title: ev.title,
    status: ev.status,
    version: ev.version,
    mechanism: ev.mechanism,
    tieBreak: ev.tie_break,
    groupFit: ev.group_fit,
    bornFrom: ev.born_from,
    bornTo: ev.born_to,
    declaredSources: declaredSourcesOf(ev).map((s) =>
      s.kind === 'drand' ? { ...s, producedAt: new Date(drandRoundTime(s.round) * 1000).toISOString() } : s,
    ),
    applicants: applicants.length,
    units: units.map((u) => ({
      id: u.id,
      name: u.name,
      seats: u.seats,
      applicants: any.get(u.id) ?? 0,
      firstChoice: first.get(u.id) ?? 0,
      lotteryNeeded: (any.get(u.id) ?? 0) > u.seats,
    })),
    publications: (await repos.publications.listVersions(eventId)).map((p) => ({
      version: p.version,
      paramsSha256: p.params_sha256,
      listRoot: p.list_root,
      listSize: p.list_size,
      createdAt: p.created_at,
    })),
    official: official && {
      drawId: official.draw_id,
      seed: official.seed,
      recordSha256: official.record_sha256,
      createdAt: official.created_at,
      units: summariseRecord(official.record_text),
    },
    rehearsals: (await repos.draws.rehearsals(eventId)).map((d) => ({ drawId: d.draw_id, seed: d.seed, createdAt: d.created_at })),
    organiserPublicKey: await office.keys.publicKey(),
    withdrawn: await repos.events
      .withdrawal(eventId)
      .then((w) => (w ? { reason: w.reason, at: w.at, statusAt: w.status_at, actor: w.actor } : null)),
  };
}
