/**
 * The audit log as a hash chain with signed checkpoints. Pure functions, so the server writes
 * the chain and the CLI and the browser verifier check it with the same code.
 *
 * entry.hash = SHA256(JCS({ "at", "action", "actor", "details", "event", "prev", "seq" }))
 * checkpoint message = enc("fairdraw/checkpoint/v1") ‖ enc(event) ‖ u64be(seq) ‖ hash(32 raw bytes)
 * signed with Ed25519 (RFC 8032) by the organiser, and optionally co-signed by a notary.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { concat, enc, fromHex, toHex, utf8 } from './bytes.js';
import { jcs, type Json } from './encoding.js';
import { sha256 } from './hash.js';
import { MerkleTree } from './merkle.js';

export const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  event: string;
  seq: number;
  /** ISO 8601 time, as the office's clock gave it. */
  at: string;
  actor: string;
  action: string;
  details: Json;
  prev: string;
  hash: string;
}

export interface Signature {
  /** Who signed: the organiser, or a notary by name. */
  signer: string;
  role: 'organiser' | 'notary' | 'supervisor';
  publicKey: string;
  signature: string;
  at: string;
}

export interface Checkpoint {
  event: string;
  seq: number;
  hash: string;
  signatures: Signature[];
}

/** The hash of an entry from its fields (its own `hash` is ignored). */
export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  const doc = { at: e.at, action: e.action, actor: e.actor, details: e.details, event: e.event, prev: e.prev, seq: e.seq };
  return toHex(sha256(utf8(jcs(doc))));
}

/** Builds the next entry of a chain. */
export function nextEntry(
  prev: AuditEntry | undefined,
  fields: { event: string; at: string; actor: string; action: string; details: Json },
): AuditEntry {
  const base = { ...fields, seq: prev ? prev.seq + 1 : 1, prev: prev ? prev.hash : GENESIS };
  return { ...base, hash: entryHash(base) };
}

/** The bytes a checkpoint signature covers. */
export function checkpointMessage(event: string, seq: number, hash: string): Uint8Array {
  const n = new Uint8Array(8);
  new DataView(n.buffer).setBigUint64(0, BigInt(seq));
  return concat([enc(utf8('fairdraw/checkpoint/v1')), enc(utf8(event)), n, fromHex(hash, 32) ?? new Uint8Array(32)]);
}

export function signCheckpoint(secretKey: Uint8Array, event: string, seq: number, hash: string): string {
  return toHex(ed25519.sign(checkpointMessage(event, seq, hash), secretKey));
}

export function publicKeyOf(secretKey: Uint8Array): string {
  return toHex(ed25519.getPublicKey(secretKey));
}

export function verifySignature(publicKey: string, signature: string, message: Uint8Array): boolean {
  const pk = fromHex(publicKey, 32);
  const sig = fromHex(signature, 64);
  if (!pk || !sig || !isStrongPublicKey(publicKey)) return false;
  try {
    // Strict RFC 8032 decoding: ZIP-215's lenient encodings are refused.
    return ed25519.verify(sig, message, pk, { zip215: false });
  } catch {
    return false;
  }
}

/**
 * Whether `publicKey` (64 hex) is a usable Ed25519 public key: a canonical encoding of a point
 * that is not of small order (8·A ≠ identity). A small-order key (the all-zero encoding is one)
 * lets a signer "sign" without any secret, so such a key proves nothing and is refused.
 */
export function isStrongPublicKey(publicKey: string): boolean {
  const pk = fromHex(publicKey, 32);
  if (!pk) return false;
  try {
    return !ed25519.Point.fromBytes(pk, false).isSmallOrder();
  } catch {
    return false;
  }
}

export type ChainCheck = { ok: true; entries: number; checkpoints: number } | { ok: false; seq: number; reason: string; zh: string };

/**
 * Checks a chain: consecutive seq from 1, each prev = the previous hash, each hash recomputed;
 * every checkpoint names an entry whose hash it repeats, and each signature verifies (the
 * organiser's under `organiserKey`). Names the first broken entry.
 */
export function verifyChain(entries: readonly AuditEntry[], checkpoints: readonly Checkpoint[], organiserKey: string): ChainCheck {
  let prev = GENESIS;
  const bySeq = new Map<number, AuditEntry>();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.seq !== i + 1)
      return { ok: false, seq: e.seq, reason: `entry ${i + 1} has seq ${e.seq}`, zh: `第 ${i + 1} 条记录的序号为 ${e.seq}，日志不连续` };
    if (e.prev !== prev)
      return {
        ok: false,
        seq: e.seq,
        reason: `entry ${e.seq} does not link to the one before`,
        zh: `第 ${e.seq} 条记录未接续上一条（链条断裂）`,
      };
    if (entryHash(e) !== e.hash)
      return {
        ok: false,
        seq: e.seq,
        reason: `entry ${e.seq} was altered (its hash does not match its content)`,
        zh: `第 ${e.seq} 条记录被改动（内容与哈希不符）`,
      };
    prev = e.hash;
    bySeq.set(e.seq, e);
  }
  for (const c of checkpoints) {
    const e = bySeq.get(c.seq);
    if (!e || e.hash !== c.hash)
      return {
        ok: false,
        seq: c.seq,
        reason: `checkpoint at entry ${c.seq} does not match the log`,
        zh: `第 ${c.seq} 条处的签名检查点与日志不符`,
      };
    const msg = checkpointMessage(c.event, c.seq, c.hash);
    if (!c.signatures.some((s) => s.role === 'organiser' && s.publicKey === organiserKey)) {
      return {
        ok: false,
        seq: c.seq,
        reason: `checkpoint at entry ${c.seq} lacks the organiser's signature`,
        zh: `第 ${c.seq} 条处的检查点缺少组织方签名`,
      };
    }
    for (const s of c.signatures) {
      if (!verifySignature(s.publicKey, s.signature, msg)) {
        return {
          ok: false,
          seq: c.seq,
          reason: `the signature of ${s.signer} on checkpoint ${c.seq} does not verify`,
          zh: `${s.signer} 在第 ${c.seq} 条检查点上的签名无法验证`,
        };
      }
    }
  }
  return { ok: true, entries: entries.length, checkpoints: checkpoints.length };
}

/**
 * The commitment to the person behind a registration number (公示时对个人信息的承诺):
 *
 *   SHA256( enc(str("fairdraw/person/v1")) ‖ enc(str(regNo)) ‖ enc(str(name))
 *           ‖ enc(str(idNumber)) ‖ enc(str(birthDate)) ‖ enc(salt) )
 *
 * with a random 32-byte salt per applicant, kept by the bureau and printed on the family's receipt.
 * The log holds only the Merkle root of these commitments (leaves in list order, each the 32 raw
 * bytes): nothing personal enters it in clear, and the salt keeps a name and ID number from being
 * found by trying candidates. With its salt, a family recomputes its own commitment and checks it
 * against the root with its inclusion proof — its registration number is bound to its own child.
 */
export const PERSON_DOMAIN = 'fairdraw/person/v1';

export interface Person {
  regNo: string;
  name: string;
  idNumber: string;
  birthDate: string;
  /** 64 lowercase hex (32 bytes). */
  salt: string;
}

/** The commitment to one person (64 hex); undefined when the salt is not 32 bytes of hex. */
export function personCommitment(p: Person): string | undefined {
  const salt = fromHex(p.salt, 32);
  if (!salt) return undefined;
  return toHex(
    sha256(
      concat([enc(utf8(PERSON_DOMAIN)), enc(utf8(p.regNo)), enc(utf8(p.name)), enc(utf8(p.idNumber)), enc(utf8(p.birthDate)), enc(salt)]),
    ),
  );
}

/** The RFC 6962 tree over the commitments (in list order), for the root and each family's proof. */
export function personsTree(commitments: readonly string[]): MerkleTree {
  return MerkleTree.fromEntries(commitments.map((c) => fromHex(c, 32) ?? utf8(c)));
}

/**
 * A key's fingerprint, as the ceremony screen and the announcement show it and a notary reads it
 * aloud: SHA-256 of the 32 key bytes, its first 20 hex digits in groups of four.
 */
export function keyFingerprint(publicKey: string): string {
  const pk = fromHex(publicKey, 32);
  const h = toHex(sha256(pk ?? utf8(publicKey))).slice(0, 20);
  return h.match(/.{4}/g)!.join(' ');
}

/** The head of a log as someone outside the bureau holds it: `seq:hash`, or the hash alone. */
export interface Head {
  seq?: number;
  hash: string;
}

export function formatHead(h: { seq: number; hash: string }): string {
  return `${h.seq}:${h.hash}`;
}

/** Reads `HEX` or `SEQ:HEX` (64 hex, any case); undefined when it is neither. */
export function parseHead(text: string): Head | undefined {
  const m = /^\s*(?:(\d{1,15}):)?([0-9a-fA-F]{64})\s*$/.exec(text);
  if (!m) return undefined;
  const hash = m[2]!.toLowerCase();
  return m[1] === undefined ? { hash } : { seq: Number(m[1]), hash };
}

/** Where a held head stands in the log: found, or the reason it is not there. */
export function checkHead(
  entries: readonly AuditEntry[],
  head: Head,
): { ok: true; seq: number } | { ok: false; seq: number; reason: string; zh: string } {
  const at = head.seq === undefined ? entries.find((e) => e.hash === head.hash) : entries.find((e) => e.seq === head.seq);
  const shown = head.seq === undefined ? head.hash.slice(0, 16) : `${head.seq}:${head.hash.slice(0, 16)}`;
  if (!at) {
    const seq = head.seq ?? entries.length + 1;
    return {
      ok: false,
      seq,
      reason: `the held head ${shown}… is not in the log: entries up to it were removed or changed`,
      zh: `所持日志头 ${shown}… 不在日志中：其之前（含）的记录被删除或改动`,
    };
  }
  if (at.hash !== head.hash) {
    return {
      ok: false,
      seq: at.seq,
      reason: `entry ${at.seq} is not the held head ${shown}…: the log was changed at or before it`,
      zh: `第 ${at.seq} 条与所持日志头 ${shown}… 不符：该条或其之前的记录被改动`,
    };
  }
  return { ok: true, seq: at.seq };
}

/** The audit action that registers the notary's key (before the list is frozen). */
export const NOTARY_KEY_ACTION = 'audit.notary-key';
export const COSIGN_ACTION = 'audit.cosign';

export interface NotaryKey {
  publicKey: string;
  fingerprint: string;
  name: string;
  seq: number;
}

type Problem = { seq: number; reason: string; zh: string };

/**
 * The notary key the log registered: the last `audit.notary-key` entry, which must come before
 * the first `event.freeze`. A registration after the freeze is a problem, not a key.
 */
export function registeredNotaryKey(entries: readonly AuditEntry[]): { key?: NotaryKey; problem?: Problem } {
  const freeze = entries.find((e) => e.action === 'event.freeze');
  let key: NotaryKey | undefined;
  for (const e of entries) {
    if (e.action !== NOTARY_KEY_ACTION) continue;
    const d = (e.details ?? {}) as { publicKey?: unknown; name?: unknown };
    if (freeze && e.seq > freeze.seq) {
      return {
        problem: {
          seq: e.seq,
          reason: `entry ${e.seq} registers a notary key after the list was frozen (entry ${freeze.seq})`,
          zh: `第 ${e.seq} 条在名单冻结（第 ${freeze.seq} 条）之后才登记公证员公钥`,
        },
      };
    }
    if (typeof d.publicKey !== 'string' || !fromHex(d.publicKey, 32)) {
      return { problem: { seq: e.seq, reason: `entry ${e.seq} registers no valid key`, zh: `第 ${e.seq} 条登记的公证员公钥无效` } };
    }
    key = { publicKey: d.publicKey, fingerprint: keyFingerprint(d.publicKey), name: typeof d.name === 'string' ? d.name : '', seq: e.seq };
  }
  return { key };
}

/**
 * Every byte of the checkpoints is accounted for: the organiser's signature is named `organiser`
 * and dated with its entry; every other signature is under the registered notary key and is the
 * one an `audit.cosign` entry of the log records (signer, key, signature and time).
 */
export function checkCosignatures(
  entries: readonly AuditEntry[],
  checkpoints: readonly Checkpoint[],
  organiserKey: string,
): Problem | undefined {
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  const { key, problem } = registeredNotaryKey(entries);
  if (problem) return problem;
  const logged = entries.filter((e) => e.action === COSIGN_ACTION);
  for (const e of logged) {
    const d = (e.details ?? {}) as { publicKey?: unknown };
    if (!key || d.publicKey !== key.publicKey) {
      return {
        seq: e.seq,
        reason: `entry ${e.seq} records a co-signature under a key that is not the registered notary key`,
        zh: `第 ${e.seq} 条记录的会签所用公钥不是登记的公证员公钥`,
      };
    }
  }
  for (const c of checkpoints) {
    const entry = bySeq.get(c.seq);
    for (const [i, s] of c.signatures.entries()) {
      if (s.publicKey === organiserKey && s.role === 'organiser') {
        if (s.signer !== 'organiser' || !entry || s.at !== entry.at) {
          return {
            seq: c.seq,
            reason: `the organiser's signature ${i} on checkpoint ${c.seq} is not named or dated as its entry`,
            zh: `第 ${c.seq} 条检查点上组织方签名的署名或时间与日志不符`,
          };
        }
        continue;
      }
      if (!key || s.publicKey !== key.publicKey) {
        return {
          seq: c.seq,
          reason: `signature ${i} on checkpoint ${c.seq} is under a key that is neither the organiser's nor the registered notary key`,
          zh: `第 ${c.seq} 条检查点上的第 ${i + 1} 个签名既不是组织方的，也不是登记的公证员公钥`,
        };
      }
      const rec = logged.find((e) => {
        const d = (e.details ?? {}) as { [k: string]: unknown };
        return (
          d.seq === c.seq &&
          d.publicKey === s.publicKey &&
          d.signature === s.signature &&
          d.signer === s.signer &&
          d.role === s.role &&
          e.at === s.at
        );
      });
      if (!rec) {
        return {
          seq: c.seq,
          reason: `the notary's signature on checkpoint ${c.seq} is not the one the log records`,
          zh: `第 ${c.seq} 条检查点上的公证员签名与日志中的会签记录不符`,
        };
      }
    }
  }
  return undefined;
}

/** An offer as it is hashed (the offers table, every column). */
export interface OfferState {
  id: number;
  regNo: string;
  unit: string;
  status: string;
  origin: string;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `SHA256(JCS(offers by id))`: logged with every change of offers, recomputed by `audit verify`. */
export function offersDigest(offers: readonly OfferState[]): string {
  const rows = [...offers].sort((a, b) => a.id - b.id).map((o) => ({ ...o }) as unknown as Json);
  return toHex(sha256(utf8(jcs(rows))));
}
