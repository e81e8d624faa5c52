/**
 * 导入 drand 信标: the beacon of the declared round, as the drand HTTP API returns it
 * (`{"round":…,"randomness":"…","signature":"…"}`), brought in by paste, file, QR text or a fetch
 * from the public relays, and verified here, offline, against the pinned quicknet parameters (§4.3):
 * round = declared, randomness = SHA-256(signature), BLS signature under the quicknet key.
 */
import { FairDrawError, type ErrorCode } from '../../core/errors.js';
import { DRAND_QUICKNET, drandRoundTime, verifyDrandRound } from '../../core/drand.js';
import { logAction } from '../audit-trail.js';
import type { Actor, Office } from '../ports.js';
import type { Repos } from '../../store/index.js';
import { appendStep } from './steps.js';
import { loadCeremony } from './state.js';

export interface Beacon {
  round: number;
  randomness: string;
  signature: string;
}

export type DrandVia = 'paste' | 'file' | 'qr' | 'fetch' | 'phone';

const where = { file: 'drand', field: 'beacon' };
function refuse(code: ErrorCode, zh: string, en: string): never {
  throw new FairDrawError(code, zh, en, where);
}

/** Reads and verifies a beacon for the declared round; every refusal is bilingual and names the cause. */
export function parseBeacon(text: string, declaredRound: number): Beacon {
  let doc: unknown;
  try {
    doc = JSON.parse(text.trim());
  } catch {
    refuse(
      'drand.json',
      '无法读取 drand 信标：内容不是有效的 JSON。请粘贴 drand 接口返回的完整内容，例如 {"round":…,"randomness":"…","signature":"…"}',
      'cannot read the drand beacon: not valid JSON. Paste the whole answer of the drand API, e.g. {"round":…,"randomness":"…","signature":"…"}',
    );
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return refuse('drand.json', 'drand 信标必须是一个 JSON 对象', 'the drand beacon must be a JSON object');
  }
  const b = doc as Record<string, unknown>;
  const chain = b.chain ?? b.chainHash ?? b.chain_hash ?? b.hash;
  if (chain !== undefined && chain !== DRAND_QUICKNET.chainHash) {
    refuse(
      'drand.chain',
      `该信标来自另一条 drand 链（${String(chain)}）；本次摇号只接受 quicknet 链（${DRAND_QUICKNET.chainHash}）`,
      `this beacon is from another drand chain (${String(chain)}); this draw accepts only quicknet (${DRAND_QUICKNET.chainHash})`,
    );
  }
  if (typeof b.previous_signature === 'string' && b.previous_signature.length > 0) {
    refuse(
      'drand.chain',
      '该信标带有 previous_signature，来自 drand 的链式主网，而不是公示的 quicknet 链',
      'this beacon carries a previous_signature: it is from the chained drand mainnet, not the published quicknet chain',
    );
  }
  const { round, randomness, signature } = b;
  if (typeof round !== 'number' || !Number.isSafeInteger(round) || round < 1) {
    refuse('drand.fields', 'drand 信标缺少有效的轮次 round', 'the drand beacon has no valid round');
  }
  if (typeof signature !== 'string' || typeof randomness !== 'string') {
    refuse('drand.fields', 'drand 信标缺少 signature 或 randomness', 'the drand beacon lacks signature or randomness');
  }
  const r = round as number;
  if (r !== declaredRound) {
    refuse(
      'drand.round-mismatch',
      `轮次不符：公示声明的是第 ${declaredRound} 轮，导入的是第 ${r} 轮`,
      `wrong round: the published rules declare round ${declaredRound}, this is round ${r}`,
    );
  }
  const sig = (signature as string).trim().toLowerCase();
  const rnd = (randomness as string).trim().toLowerCase();
  if (/^[0-9a-f]{192}$/.test(sig)) {
    refuse(
      'drand.chain',
      '签名长 96 字节：这是另一条 drand 链（如默认主网）的信标；quicknet 的签名为 48 字节',
      'the signature is 96 bytes: this beacon is from another drand chain (e.g. the default mainnet); quicknet signatures are 48 bytes',
    );
  }
  if (!/^[0-9a-f]{96}$/.test(sig)) {
    refuse('drand.signature-format', 'drand 签名必须是 96 位十六进制（48 字节）', 'the drand signature must be 96 hex digits (48 bytes)');
  }
  if (!/^[0-9a-f]{64}$/.test(rnd)) {
    refuse('drand.randomness-format', 'drand 随机数必须是 64 位十六进制', 'the drand randomness must be 64 hex digits');
  }
  const check = verifyDrandRound(r, sig, rnd);
  if (!check.ok) {
    if (check.reason === 'randomness') {
      refuse(
        'drand.randomness',
        'drand 随机数不等于签名的 SHA-256：信标数据被改动过',
        'the drand randomness is not SHA-256 of the signature: the beacon was altered',
      );
    }
    refuse(
      'drand.signature',
      `第 ${r} 轮的 BLS 签名无法用 quicknet 公钥验证：数据被改动，或来自另一条链`,
      `the BLS signature of round ${r} does not verify under the quicknet public key: altered, or from another chain`,
    );
  }
  return { round: r, randomness: rnd, signature: sig };
}

/** Stores the verified beacon in the declared drand slot, inside the caller's transaction. */
export async function importDrandIn(
  repos: Repos,
  office: Office,
  eventId: string,
  text: string,
  via: DrandVia,
  actor: Actor,
): Promise<Beacon> {
  const { ev, declared } = await loadCeremony(repos, eventId, ['open'], { zh: '导入 drand 信标', en: 'import the drand beacon' });
  if (ev.status !== 'frozen') {
    throw new FairDrawError('ceremony.drawn', '已正式摇号，不能再导入', 'the official draw has happened', { field: 'event' });
  }
  const index = declared.findIndex((d) => d.kind === 'drand');
  const d = declared[index];
  if (!d || d.kind !== 'drand') {
    throw new FairDrawError('ceremony.no-drand', '本批次没有声明 drand 信标', 'this event declares no drand beacon', {
      field: 'declaredSources',
    });
  }
  const producedAt = new Date(drandRoundTime(d.round) * 1000).toISOString();
  if (office.clock.now().toISOString() < producedAt) {
    throw new FairDrawError(
      'drand.not-yet',
      `drand 第 ${d.round} 轮在 ${producedAt} 才产生：请核对本机时钟，到时再导入`,
      `drand round ${d.round} is produced at ${producedAt}; check this computer's clock and import it then`,
      where,
    );
  }
  const beacon = parseBeacon(text, d.round);
  if ((await repos.ceremony.values(eventId)).some((v) => v.idx === index)) {
    throw new FairDrawError('ceremony.value-present', 'drand 信标已经导入', 'the drand beacon is already imported', {
      field: `sources[${index}]`,
    });
  }
  await repos.ceremony.insertValue({
    event_id: eventId,
    idx: index,
    kind: 'drand',
    label: `drand #${beacon.round}`,
    value: JSON.stringify(beacon),
    entered_by: actor,
    via,
    at: office.clock.now().toISOString(),
  });
  await logAction(repos, office, eventId, actor, 'ceremony.drand', { index, ...beacon, chain: DRAND_QUICKNET.chainHash, via });
  await appendStep(repos, office, eventId, 'drand', { index, ...beacon, producedAt, via });
  return beacon;
}

export async function importDrand(office: Office, eventId: string, text: string, via: DrandVia, actor: Actor): Promise<Beacon> {
  return office.store.tx((repos) => importDrandIn(repos, office, eventId, text, via, actor));
}
