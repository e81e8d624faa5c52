/**
 * 录取与递补: after the draw, offers follow the record. An admitted applicant confirms or
 * declines; a decline or a revocation for false information frees the seat, and the next eligible
 * applicant on that unit's waitlist (the record's order) is offered it — never a new draw.
 *
 * Eligible for a waitlist offer at unit U: never offered U before; has not declined or been
 * revoked; holds no live offer at U or at a unit ranked above U. A multiple-birth group moves as a
 * whole (strict: all members must fit in the free seats; overflow: one free seat suffices). Taking
 * an offer releases the applicant's live offer at a lower-ranked unit, whose seat is then offered
 * on in turn.
 */
import { FairDrawError } from '../core/errors.js';
import { offersDigest } from '../core/audit.js';
import type { Json } from '../core/encoding.js';
import type { Repos } from '../store/index.js';
import type { OfferRow } from '../store/repositories/offers.repository.js';
import { choicesOf } from './rules-and-list.js';
import { logAction, logMilestone } from './audit-trail.js';
import { loadEvent } from './load-event.js';
import { checkedOfficialRecord } from './exports/stored-record.js';
import type { Actor, Office } from './ports.js';
import { refusePersonalNumbers } from './masking.js';

const LIVE = new Set<OfferRow['status']>(['offered', 'confirmed']);

/** The offers table as the log fixes it: its digest (every column of every row) and its size. */
export async function offersState(repos: Repos, eventId: string): Promise<{ offersSha256: string; offers: number }> {
  const rows = await repos.offers.listByEvent(eventId);
  const offersSha256 = offersDigest(
    rows.map((o) => ({
      id: o.id,
      regNo: o.reg_no,
      unit: o.unit_id,
      status: o.status,
      origin: o.origin,
      reason: o.reason,
      createdAt: o.created_at,
      updatedAt: o.updated_at,
    })),
  );
  return { offersSha256, offers: rows.length };
}

/** 公布结果: the official record becomes the published result, and the admitted are offered their seats. */
export async function publishResults(office: Office, eventId: string, actor: Actor): Promise<{ offers: number }> {
  return office.store.tx(async (repos) => {
    await loadEvent(repos, eventId, ['drawn'], { zh: '公布结果（须先正式摇号）', en: 'publish results (after the official draw)' });
    const { draw: official, record: rec } = await checkedOfficialRecord(repos, eventId);
    const now = office.clock.now().toISOString();
    const rows = rec.units.flatMap((u) =>
      u.admitted.map((reg) => ({
        event_id: eventId,
        reg_no: reg,
        unit_id: u.id,
        status: 'offered' as const,
        origin: 'draw' as const,
        reason: null,
        created_at: now,
        updated_at: now,
      })),
    );
    await repos.offers.insertMany(rows);
    await repos.events.setStatus(eventId, 'results', now);
    await logMilestone(repos, office, eventId, actor, 'results.publish', {
      recordSha256: official.record_sha256,
      ...(await offersState(repos, eventId)),
    });
    return { offers: rows.length };
  });
}

type Act = 'confirm' | 'decline' | 'revoke';

export interface OfferChange {
  regNo: string;
  unit: string;
  status: OfferRow['status'];
  reason?: string;
}

/** Confirms, declines or revokes a live offer; declines and revocations pass the seat on. */
export async function changeOffer(
  office: Office,
  eventId: string,
  regNo: string,
  act: Act,
  reason: string | undefined,
  actor: Actor,
): Promise<OfferChange[]> {
  return office.store.tx(async (repos) => {
    await loadEvent(repos, eventId, ['results'], { zh: '处理录取（须先公布结果）', en: 'handle offers (after results are published)' });
    if (act !== 'confirm' && !reason?.trim()) {
      throw new FairDrawError(
        'offer.reason',
        act === 'decline' ? '放弃学位须登记理由' : '取消资格须登记理由（如提供虚假材料）',
        `a ${act} needs a reason`,
        { field: 'reason' },
      );
    }
    if (reason) refusePersonalNumbers(reason, 'reason');
    if (!(await repos.applicants.getByRegNo(eventId, regNo))) {
      throw new FairDrawError(
        'offer.unknown',
        `批次 ${eventId} 中没有报名号 ${regNo}`,
        `event ${eventId} has no registration number ${regNo}`,
        {
          field: 'regNo',
        },
      );
    }
    const offers = await repos.offers.listByApplicant(eventId, regNo);
    const live = offers.find((o) => LIVE.has(o.status));
    if (act === 'revoke' && offers.some((o) => o.status === 'revoked')) {
      throw new FairDrawError(
        'offer.revoked',
        `报名号 ${regNo} 的资格已经取消过，不能重复取消`,
        `registration number ${regNo} has already been revoked; it cannot be revoked again`,
        { field: 'regNo' },
      );
    }
    if (!live && act === 'decline' && offers.some((o) => o.status === 'declined')) {
      throw new FairDrawError('offer.declined', `报名号 ${regNo} 已经放弃过学位`, `registration number ${regNo} has already declined`, {
        field: 'regNo',
      });
    }
    if (!live && act !== 'revoke') {
      throw new FairDrawError('offer.none', `报名号 ${regNo} 当前没有可处理的录取`, `registration number ${regNo} holds no live offer`, {
        field: 'regNo',
      });
    }
    const now = office.clock.now().toISOString();
    const changes: OfferChange[] = [];
    if (act === 'confirm') {
      if (live!.status === 'confirmed')
        throw new FairDrawError('offer.confirmed', '该录取已确认', 'the offer is already confirmed', { field: 'regNo' });
      await repos.offers.setStatus(live!.id, 'confirmed', null, now);
      await logAction(repos, office, eventId, actor, 'offer.confirm', { regNo, unit: live!.unit_id });
      await logOffersState(repos, office, eventId, actor, `confirm ${regNo}`);
      return [{ regNo, unit: live!.unit_id, status: 'confirmed' }];
    }
    const status = act === 'decline' ? 'declined' : 'revoked';
    if (live) {
      await repos.offers.setStatus(live.id, status, reason!, now);
      changes.push({ regNo, unit: live.unit_id, status, reason: reason! });
    } else {
      // Revoking someone without a live offer (e.g. on a waitlist) keeps them out of later offers.
      await repos.offers.insert({
        event_id: eventId,
        reg_no: regNo,
        unit_id: '-',
        status: 'revoked',
        origin: 'waitlist',
        reason: reason!,
        created_at: now,
        updated_at: now,
      });
      changes.push({ regNo, unit: '-', status, reason: reason! });
    }
    await logAction(repos, office, eventId, actor, `offer.${act}`, { regNo, unit: live?.unit_id ?? null, reason: reason! });
    if (live) changes.push(...(await passOn(repos, office, eventId, [live.unit_id], actor, `${status} by ${regNo}`)));
    await logOffersState(repos, office, eventId, actor, `${act} ${regNo}`);
    return changes;
  });
}

/**
 * Closes every change of offers with a signed entry fixing the whole table's digest, so `audit
 * verify` can recompute it: any later edit of an offer row, with or without the log, shows.
 */
async function logOffersState(repos: Repos, office: Office, eventId: string, actor: Actor, cause: string): Promise<void> {
  await logMilestone(repos, office, eventId, actor, 'offers.state', { cause, ...(await offersState(repos, eventId)) });
}

/** Offers freed seats down the waitlists; cascades through released lower-ranked offers. */
async function passOn(repos: Repos, office: Office, eventId: string, queue: string[], actor: Actor, cause: string): Promise<OfferChange[]> {
  const ev = await loadEvent(repos, eventId);
  const { record: rec } = await checkedOfficialRecord(repos, eventId);
  const applicants = new Map((await repos.applicants.listByEvent(eventId)).map((a) => [a.reg_no, a]));
  const members = new Map<string, string[]>();
  for (const a of applicants.values()) if (a.group_id) members.set(a.group_id, [...(members.get(a.group_id) ?? []), a.reg_no]);
  const rankOf = (reg: string, unit: string): number => choicesOf(applicants.get(reg)!).findIndex((c) => c.unit === unit);
  const changes: OfferChange[] = [];
  const now = office.clock.now().toISOString();

  // The offers are read once and kept in step with every change made below, so a long waitlist
  // costs one pass, not one query per candidate.
  const offers = await repos.offers.listByEvent(eventId);
  const byApplicant = new Map<string, OfferRow[]>();
  const liveAt = new Map<string, number>();
  const track = (o: OfferRow): void => {
    byApplicant.set(o.reg_no, [...(byApplicant.get(o.reg_no) ?? []), o]);
    if (LIVE.has(o.status)) liveAt.set(o.unit_id, (liveAt.get(o.unit_id) ?? 0) + 1);
  };
  offers.forEach(track);

  while (queue.length > 0) {
    const unitId = queue.shift()!;
    const unit = rec.units.find((u) => u.id === unitId)!;
    for (let i = 0; i < unit.waitlist.length; i++) {
      const free = unit.seats - (liveAt.get(unitId) ?? 0);
      if (free <= 0) break;
      const reg = unit.waitlist[i]!;
      const group = applicants.get(reg)?.group_id;
      const party = group ? (members.get(group) ?? [reg]).slice().sort() : [reg];
      if (group && party[0] !== reg) continue; // the group is considered at its first member
      const eligible = party.every((m) => {
        const own = byApplicant.get(m) ?? [];
        if (own.some((o) => o.unit_id === unitId || o.status === 'declined' || o.status === 'revoked')) return false;
        const holding = own.find((o) => LIVE.has(o.status));
        return !holding || rankOf(m, holding.unit_id) > rankOf(m, unitId);
      });
      if (!eligible) continue;
      if (ev.group_fit === 'strict' ? party.length > free : free < 1) continue;
      for (const m of party) {
        const holding = (byApplicant.get(m) ?? []).find((o) => LIVE.has(o.status));
        if (holding) {
          await repos.offers.setStatus(holding.id, 'released', `moved up to ${unitId}`, now);
          holding.status = 'released';
          liveAt.set(holding.unit_id, (liveAt.get(holding.unit_id) ?? 1) - 1);
          changes.push({ regNo: m, unit: holding.unit_id, status: 'released', reason: `moved up to ${unitId}` });
          await logAction(repos, office, eventId, actor, 'offer.release', { regNo: m, unit: holding.unit_id, to: unitId });
          if (!queue.includes(holding.unit_id)) queue.push(holding.unit_id);
        }
        const row = {
          event_id: eventId,
          reg_no: m,
          unit_id: unitId,
          status: 'offered' as const,
          origin: 'waitlist' as const,
          reason: cause,
          created_at: now,
          updated_at: now,
        };
        track({ ...row, id: await repos.offers.insert(row) });
        changes.push({ regNo: m, unit: unitId, status: 'offered', reason: cause });
        await logAction(repos, office, eventId, actor, 'offer.waitlist', {
          regNo: m,
          unit: unitId,
          waitlistPosition: unit.waitlist.indexOf(m) + 1,
          cause,
        } as Json);
      }
    }
  }
  return changes;
}
