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
  if (!pk || !sig) return false;
  try {
    return ed25519.verify(sig, message, pk);
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
