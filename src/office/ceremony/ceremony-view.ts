/** What the operator's control panel shows: the event, the ceremony's phase, each declared slot, the representatives' draws. */
import { drandRoundTime } from '../../core/drand.js';
import { maskName } from '../masking.js';
import type { Office } from '../ports.js';
import { declaredSourcesOf } from '../rules-and-list.js';
import { loadEvent } from '../load-event.js';
import type { Bilingual, DigestCheck, PublicPerson } from './log-types.js';
import { personOf, rosterSlots, sourceLabel } from './state.js';
import { sealingRuleOf, sealingStateOf } from './sealing.js';
import type { RepsView } from './reps-draw.js';
import type { CeremonyView, SlotView } from '../../api/ceremony.js';

export type { CeremonyView, SlotView };

export async function ceremonyView(office: Office, eventId: string): Promise<CeremonyView> {
  const repos = office.store.repos;
  const ev = await loadEvent(repos, eventId);
  const declared = declaredSourcesOf(ev);
  const c = await repos.ceremony.get(eventId);
  const values = await repos.ceremony.values(eventId);
  const commitments = await repos.ceremony.commitments(eventId);
  const sealing = sealingStateOf(declared, commitments, values);
  const roster = rosterSlots(declared, await repos.ceremony.roster(eventId));
  const links = await repos.ceremony.links(eventId);
  const now = office.clock.now().toISOString();
  const pub = await repos.publications.latest(eventId);
  const units = pub
    ? (JSON.parse(pub.unit_counts) as CeremonyView['units']).map((u) => ({
        id: u.id,
        name: u.name,
        seats: u.seats,
        applicants: u.applicants,
      }))
    : [];
  const slots: SlotView[] = declared.map((d, index) => {
    const r = roster.find((s) => s.index === index);
    const v = values.find((x) => x.idx === index);
    const c = commitments.find((x) => x.idx === index);
    const earlierOpen = sealing.deadline === undefined && sealing.witnesses.some((w) => w < index && !values.some((x) => x.idx === w));
    const link = [...links].reverse().find((l) => l.idx === index && !l.revoked_at);
    return {
      index,
      kind: d.kind,
      label: sourceLabel(d),
      ...(d.kind === 'drand' ? { round: d.round, producedAt: new Date(drandRoundTime(d.round) * 1000).toISOString() } : {}),
      witness: r?.witness ?? null,
      alternate: r?.alternate ?? null,
      substituted: r?.substituted ?? false,
      person: d.kind === 'witness' ? personOf(r, d.label) : sourceLabel(d),
      waiting: d.kind === 'witness' && !v && (sealing.phase !== 'reveal' || earlierOpen),
      ...(c ? { commitment: { commitment: c.commitment, via: c.via, at: c.at } } : {}),
      ...(v
        ? {
            value: {
              value: d.kind === 'drand' ? (JSON.parse(v.value) as { randomness: string }).randomness : v.value,
              by: v.entered_by,
              via: v.via,
              at: v.at,
            },
          }
        : {}),
      ...(link
        ? { link: { expiresAt: link.expires_at, state: link.used_at ? 'used' : link.expires_at <= now ? 'expired' : 'active' } }
        : {}),
    } as SlotView;
  });
  const reps: RepsView[] = [];
  const applicantNames = new Map<string, string>();
  const repRows = await repos.ceremony.reps(eventId);
  if (repRows.some((r) => r.record_text)) for (const a of await repos.applicants.listByEvent(eventId)) applicantNames.set(a.reg_no, a.name);
  for (const r of repRows) {
    const admitted = r.record_text ? (JSON.parse(r.record_text) as { units: { admitted: string[] }[] }).units[0]!.admitted : undefined;
    reps.push({
      unit: r.unit_id,
      drawId: r.draw_id,
      seats: r.seats,
      pool: r.pool,
      poolSize: r.list_size,
      paramsSha256: r.params_sha256,
      listRoot: r.list_root,
      sourceLabel: r.source_label,
      drawn: !!r.record_text,
      ...(r.seed ? { seed: r.seed } : {}),
      ...(r.record_sha256 ? { recordSha256: r.record_sha256 } : {}),
      ...(admitted ? { reps: admitted.map((regNo): PublicPerson => ({ regNo, name: maskName(applicantNames.get(regNo) ?? '') })) } : {}),
    });
  }
  const audit = await repos.audit.list(eventId);
  const meetingEntry = [...audit].reverse().find((e) => e.action === 'ceremony.meeting');
  const official = await repos.draws.official(eventId);
  return {
    event: { id: ev.id, title: ev.title, status: ev.status },
    ceremony: c
      ? {
          phase: c.phase,
          revealed: c.revealed,
          check: JSON.parse(c.digests) as DigestCheck,
          halted: c.halted ? (JSON.parse(c.halted) as Bilingual) : null,
        }
      : null,
    units,
    slots,
    ready: declared.length > 0 && declared.every((_, i) => values.some((v) => v.idx === i)),
    sealing: {
      phase: sealing.phase,
      deadline: sealing.deadline ?? null,
      rule: pub ? (sealingRuleOf(pub.rules_text) ?? null) : null,
    },
    reps,
    meeting: meetingEntry ? (meetingEntry.details as { place: string; startedAt: string }) : null,
    witnesses: audit.filter((e) => e.action === 'ceremony.witness').map((e) => e.details as { name: string; role: string }),
    recordings: audit
      .filter((e) => e.action === 'ceremony.recording')
      .map((e) => e.details as { fileName: string; sha256: string; size: number }),
    official: official ? { drawId: official.draw_id, seed: official.seed, recordSha256: official.record_sha256 } : null,
  };
}
