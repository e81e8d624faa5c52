/**
 * 公示公告: what an event announces to the public — its rules, units, seats and applicant counts,
 * the schedule as the signed audit log recorded it, the declared sources of randomness, the
 * published digests and the organiser's public key; after results, the draw's values too.
 */
import { drandRoundTime } from '../../core/drand.js';
import type { Office } from '../ports.js';
import { publicEvent, resultsPublished } from './access.js';
import { drawn, published } from './published.js';
import { availableBundleFiles } from './bundle-files.js';
import type {
  Announcement,
  PublicDeclaredSource,
  PublicDistrict,
  PublicEventSummary,
  PublicWithdrawal,
  ScheduleItem,
} from '../../api/public.js';

const SCHEDULE: Record<string, ScheduleItem['action']> = {
  'event.publish': 'publish',
  'event.correct': 'correct',
  'event.freeze': 'freeze',
  'draw.official': 'draw',
  'results.publish': 'results',
  'event.withdraw': 'withdraw',
};

export async function announcement(office: Office, eventId: string): Promise<Announcement> {
  const repos = office.store.repos;
  const ev = await publicEvent(repos, eventId);
  const pub = await published(office, ev);
  const { rules, list } = pub;
  const results = resultsPublished(ev);

  const any = rules.units.map(() => 0);
  const first = rules.units.map(() => 0);
  const tiers = rules.units.map(() => new Set<number>());
  for (let i = 0; i < list.size; i++) {
    for (let c = list.choiceStart[i]!; c < list.choiceStart[i + 1]!; c++) {
      const u = list.choiceUnit[c]!;
      any[u]!++;
      if (c === list.choiceStart[i]) first[u]!++;
      tiers[u]!.add(list.choiceTier[c]!);
    }
  }
  const groups = new Map<string, number>();
  for (const g of list.groups) if (g !== undefined) groups.set(g, (groups.get(g) ?? 0) + 1);

  const schedule: ScheduleItem[] = [];
  for (const e of await repos.audit.list(eventId)) {
    const action = SCHEDULE[e.action];
    if (!action) continue;
    const d = (e.details ?? {}) as { version?: unknown; reason?: unknown };
    const item: ScheduleItem = { at: e.at, action };
    if (typeof d.version === 'number') item.version = d.version;
    if ((action === 'correct' || action === 'withdraw') && typeof d.reason === 'string') item.reason = d.reason;
    schedule.push(item);
  }

  const doc = rules.document as { ageWindow?: { bornFrom?: string | null; bornTo?: string | null } };
  const official = results ? await drawn(office, ev, pub) : undefined;
  return {
    id: ev.id,
    title: ev.title,
    status: ev.status,
    resultsPublished: results,
    withdrawn: await withdrawalOf(office, ev.id),
    rules: {
      drawId: rules.drawId,
      mechanism: rules.mechanism,
      tieBreak: rules.tieBreak,
      groupFit: rules.groupFit,
      ageWindow: doc.ageWindow ? { bornFrom: doc.ageWindow.bornFrom ?? null, bornTo: doc.ageWindow.bornTo ?? null } : null,
    },
    units: rules.units.map((u, i) => ({
      id: u.id,
      name: u.name ?? u.id,
      seats: u.seats,
      applicants: any[i]!,
      firstChoice: first[i]!,
      tiers: [...tiers[i]!].sort((a, b) => a - b),
      lotteryNeeded: any[i]! > u.seats,
    })),
    applicants: list.size,
    groups: { count: groups.size, members: [...groups.values()].reduce((a, b) => a + b, 0) },
    schedule,
    declaredSources: rules.declaredSources.map((s): PublicDeclaredSource =>
      s.kind === 'drand'
        ? { kind: 'drand', chain: s.chain, round: s.round, producedAt: new Date(drandRoundTime(s.round) * 1000).toISOString() }
        : { kind: s.kind, label: s.label },
    ),
    publications: (await repos.publications.listVersions(eventId)).map((p) => ({
      version: p.version,
      paramsSha256: p.params_sha256,
      listRoot: p.list_root,
      listSize: p.list_size,
      at: p.created_at,
    })),
    draw: official
      ? {
          drawId: official.drawId,
          at: official.createdAt,
          sources: official.record.sources.map((s) =>
            s.kind === 'drand'
              ? { kind: 'drand' as const, round: s.round, randomness: s.randomness }
              : { kind: s.kind, label: s.label, value: s.value },
          ),
          sourcesSha256: official.record.sourcesSha256,
          seed: official.record.seed,
          recordSha256: official.recordSha256,
        }
      : null,
    organiserPublicKey: await office.keys.publicKey(),
    bundle: availableBundleFiles(ev),
  };
}

/** The city's districts, as the portal lists them (none for an install without districts). */
export async function publicDistricts(office: Office): Promise<PublicDistrict[]> {
  return (await office.store.repos.districts.list()).map((d) => ({ id: d.id, code: d.code, name: d.name }));
}

/** The events the public can see, newest first, each with its district (when it has one). */
export async function publicEvents(office: Office): Promise<PublicEventSummary[]> {
  const repos = office.store.repos;
  const out: PublicEventSummary[] = [];
  const districts = new Map((await publicDistricts(office)).map((d) => [d.id, d]));
  for (const ev of await repos.events.list()) {
    if (ev.status === 'draft') continue;
    const versions = await repos.publications.listVersions(ev.id);
    const latest = versions[versions.length - 1];
    const log = ev.status === 'results' ? await repos.audit.list(ev.id) : [];
    out.push({
      id: ev.id,
      title: ev.title,
      status: ev.status,
      applicants: latest?.list_size ?? 0,
      units: latest ? (JSON.parse(latest.unit_counts) as unknown[]).length : 0,
      publishedAt: versions[0]?.created_at ?? null,
      resultsAt: log.find((e) => e.action === 'results.publish')?.at ?? null,
      withdrawn: await withdrawalOf(office, ev.id),
      ...(ev.district_id && districts.has(ev.district_id) ? { district: districts.get(ev.district_id)! } : {}),
    });
  }
  return out;
}

async function withdrawalOf(office: Office, eventId: string): Promise<PublicWithdrawal | null> {
  const w = await office.store.repos.events.withdrawal(eventId);
  return w ? { at: w.at, reason: w.reason } : null;
}
