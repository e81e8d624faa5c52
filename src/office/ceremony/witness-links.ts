/**
 * 见证人手机录入: the operator shows a QR code holding a link for one declared slot; the witness opens
 * it on their own phone on the hall's network (no login). For a witness value the phone seals the
 * value (sends only its commitment), then, once every value is sealed, reveals value and salt
 * (sealing.ts); the link is used up by the reveal. For the drand slot the phone sends the beacon.
 * The token is random (256 bits), stored only as its SHA-256, and expires.
 */
import { createHash, randomBytes } from 'node:crypto';
import { FairDrawError } from '../../core/errors.js';
import { logAction } from '../audit-trail.js';
import type { Actor, Office } from '../ports.js';
import type { LinkRow } from '../../store/repositories/ceremony.repository.js';
import { commitValueIn, revealValueIn, sealingState } from './sealing.js';
import { importDrandIn } from './drand-import.js';
import { declaredAt, loadCeremony, personOf, rosterSlots, sourceLabel } from './state.js';
import { declaredSourcesOf } from '../rules-and-list.js';
import type { LinkView } from '../../api/ceremony.js';

export const DEFAULT_LINK_MINUTES = 30;
export const MAX_LINK_MINUTES = 240;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface IssuedLink {
  token: string;
  index: number;
  label: string;
  person: string;
  expiresAt: string;
}

export async function issueWitnessLink(
  office: Office,
  eventId: string,
  index: number,
  actor: Actor,
  minutes = DEFAULT_LINK_MINUTES,
): Promise<IssuedLink> {
  return office.store.tx(async (repos) => {
    const { declared } = await loadCeremony(repos, eventId, ['open'], { zh: '生成见证人链接', en: 'issue a witness link' });
    const d = declaredAt(declared, index);
    const field = `sources[${index}]`;
    if (d.kind === 'public') {
      throw new FairDrawError(
        'ceremony.slot',
        '公开数由工作人员在现场录入，不发手机链接',
        'public numbers are typed by the operator; no phone link',
        {
          field,
        },
      );
    }
    if ((await repos.ceremony.values(eventId)).some((v) => v.idx === index)) {
      throw new FairDrawError('ceremony.value-present', `“${sourceLabel(d)}”的值已录入`, `"${sourceLabel(d)}" is already entered`, {
        field,
      });
    }
    const m = Math.min(Math.max(Math.round(minutes), 1), MAX_LINK_MINUTES);
    const now = office.clock.now();
    const expiresAt = new Date(now.getTime() + m * 60_000).toISOString();
    const slot = rosterSlots(declared, await repos.ceremony.roster(eventId)).find((s) => s.index === index);
    const person = d.kind === 'witness' ? personOf(slot, d.label) : sourceLabel(d);
    // A new link replaces any unused one for the slot: only the QR code on screen now works.
    await repos.ceremony.revokeLinks(eventId, index, now.toISOString());
    const token = randomBytes(32).toString('base64url');
    await repos.ceremony.insertLink({
      token_hash: hashToken(token),
      event_id: eventId,
      idx: index,
      person,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      revoked_at: null,
    });
    await logAction(repos, office, eventId, actor, 'ceremony.link', { index, label: sourceLabel(d), person, expiresAt });
    return { token, index, label: sourceLabel(d), person, expiresAt };
  });
}

export type LinkState = 'ready' | 'waiting' | 'used' | 'expired' | 'revoked' | 'closed';

export type { LinkView };

function unknownLink(): FairDrawError {
  return new FairDrawError(
    'ceremony.link-unknown',
    '链接无效：请让工作人员重新生成二维码',
    'this link is not valid; ask the operator for a new QR code',
    { field: 'token' },
  );
}

async function find(office: Office, token: string): Promise<LinkRow> {
  const link = typeof token === 'string' && token.length >= 20 ? await office.store.repos.ceremony.link(hashToken(token)) : undefined;
  if (!link) throw unknownLink();
  return link;
}

/** What the witness's phone shows: the slot, who it is for, and whether it may be entered now. */
export async function witnessLinkView(office: Office, token: string): Promise<LinkView> {
  const link = await find(office, token);
  const repos = office.store.repos;
  const ev = (await repos.events.getById(link.event_id))!;
  const declared = declaredSourcesOf(ev);
  const d = declaredAt(declared, link.idx);
  const ceremony = await repos.ceremony.get(link.event_id);
  const sealing = await sealingState(repos, link.event_id, declared);
  const values = sealing.values;
  const commitment = sealing.commitments.find((c) => c.idx === link.idx)?.commitment;
  const now = office.clock.now().toISOString();
  let state: LinkState = 'ready';
  let waitingFor: string | undefined;
  const step = d.kind === 'witness' ? (commitment ? 'reveal' : 'commit') : undefined;
  if (link.used_at) state = 'used';
  else if (link.revoked_at) state = 'revoked';
  else if (link.expires_at <= now) state = 'expired';
  else if (!ceremony || ceremony.phase !== 'open' || ev.status !== 'frozen' || values.some((v) => v.idx === link.idx)) state = 'closed';
  else if (sealing.deadline !== undefined && now >= sealing.deadline && d.kind === 'witness') state = 'closed';
  else if (step === 'commit' && sealing.revealStarted) state = 'closed';
  else if (step === 'reveal') {
    if (!sealing.allCommitted) {
      state = 'waiting';
      waitingFor = declared
        .filter((x, i) => x.kind === 'witness' && !sealing.commitments.some((c) => c.idx === i))
        .map(sourceLabel)
        .join('、');
    } else if (!sealing.publicDone) {
      state = 'waiting';
      waitingFor = declared
        .filter((x, i) => x.kind === 'public' && !values.some((v) => v.idx === i))
        .map(sourceLabel)
        .join('、');
    } else if (sealing.deadline === undefined) {
      const before = sealing.witnesses.find((w) => w < link.idx && !values.some((v) => v.idx === w));
      if (before !== undefined) {
        state = 'waiting';
        waitingFor = sourceLabel(declared[before]!);
      }
    }
  }
  return {
    event: ev.id,
    drawId: ev.id,
    title: ev.title,
    index: link.idx,
    kind: d.kind === 'drand' ? 'drand' : 'witness',
    label: sourceLabel(d),
    person: link.person,
    state,
    ...(waitingFor ? { waitingFor } : {}),
    ...(step ? { step } : {}),
    ...(commitment ? { commitment } : {}),
    ...(sealing.deadline ? { deadline: sealing.deadline } : {}),
    expiresAt: link.expires_at,
    ...(d.kind === 'drand' ? { round: d.round, chain: d.chain } : {}),
  };
}

function expired(): FairDrawError {
  return new FairDrawError(
    'ceremony.link-expired',
    '链接已过期：请让工作人员重新生成二维码',
    'this link has expired; ask the operator for a new QR code',
    { field: 'token' },
  );
}

function used(): FairDrawError {
  return new FairDrawError(
    'ceremony.link-used',
    '此链接已使用或已作废，请让工作人员重新生成二维码',
    'this link has been used or withdrawn; ask the operator for a new QR code',
    { field: 'token' },
  );
}

/** The witness's phone seals its value: only the commitment arrives here. The link stays for the reveal. */
export async function commitByLink(office: Office, token: string, commitment: string): Promise<{ label: string; commitment: string }> {
  const link = await find(office, token);
  return office.store.tx(async (repos) => {
    const now = office.clock.now().toISOString();
    if (link.expires_at <= now) throw expired();
    const fresh = await repos.ceremony.link(link.token_hash);
    if (!fresh || fresh.used_at || fresh.revoked_at) throw used();
    const ev = (await repos.events.getById(link.event_id))!;
    const label = sourceLabel(declaredAt(declaredSourcesOf(ev), link.idx));
    const r = await commitValueIn(repos, office, link.event_id, { index: link.idx, commitment, via: 'phone' }, `witness:${label}`);
    return { label: r.label, commitment: r.commitment };
  });
}

/** The witness reveals value and salt; the link is used up in the same transaction that stores the value. */
export async function revealByLink(office: Office, token: string, value: string, salt: string): Promise<{ label: string; value: string }> {
  const link = await find(office, token);
  return office.store.tx(async (repos) => {
    const now = office.clock.now().toISOString();
    if (link.expires_at <= now) throw expired();
    if (!(await repos.ceremony.useLink(link.token_hash, now))) throw used();
    const ev = (await repos.events.getById(link.event_id))!;
    const label = sourceLabel(declaredAt(declaredSourcesOf(ev), link.idx));
    const r = await revealValueIn(repos, office, link.event_id, { index: link.idx, value, salt, via: 'phone' }, `witness:${label}`);
    return { label: r.label, value: r.value };
  });
}

/** The drand slot's link: the beacon, brought by a phone. Witness values are sealed instead (commitByLink). */
export async function submitByLink(office: Office, token: string, value: string): Promise<{ label: string; value: string }> {
  const link = await find(office, token);
  return office.store.tx(async (repos) => {
    const now = office.clock.now().toISOString();
    if (link.expires_at <= now) throw expired();
    const { declared } = await loadCeremony(repos, link.event_id, ['open'], { zh: '录入随机值', en: 'enter a value' });
    if (declared[link.idx]?.kind !== 'drand') {
      throw new FairDrawError(
        'ceremony.sealed-entry',
        '见证人的值须先密封提交，全部密封后再揭示',
        "a witness's value is sealed first and revealed once all are sealed",
        { field: 'token' },
      );
    }
    if (!(await repos.ceremony.useLink(link.token_hash, now))) throw used();
    const b = await importDrandIn(repos, office, link.event_id, value, 'phone', `witness:drand`);
    return { label: `drand #${b.round}`, value: b.randomness };
  });
}
