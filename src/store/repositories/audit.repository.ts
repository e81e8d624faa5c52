/** The audit log (append-only; triggers refuse updates and deletes) and its signed checkpoints. */
import type { DB } from '../db.js';
import type { AuditLogTable } from '../schema.js';
import type { AuditEntry, Checkpoint, Signature } from '../../core/audit.js';
import type { Json } from '../../core/encoding.js';
import { crashPoint } from '../crash-points.js';

export class AuditRepository {
  /** `logged` collects what a transaction appends (see Store.tx). */
  constructor(
    private readonly db: DB,
    private readonly logged?: { event: string; action: string }[],
  ) {}

  async last(eventId: string): Promise<AuditEntry | undefined> {
    const r = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r && toEntry(r);
  }

  async append(e: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        event_id: e.event,
        seq: e.seq,
        at: e.at,
        actor: e.actor,
        action: e.action,
        details: JSON.stringify(e.details),
        prev: e.prev,
        hash: e.hash,
      })
      .execute();
    this.logged?.push({ event: e.event, action: e.action });
    crashPoint(`${e.action}:logged`);
  }

  async list(eventId: string): Promise<AuditEntry[]> {
    const rows = await this.db.selectFrom('audit_log').selectAll().where('event_id', '=', eventId).orderBy('seq').execute();
    return rows.map(toEntry);
  }

  async checkpoints(eventId: string): Promise<Checkpoint[]> {
    const rows = await this.db.selectFrom('checkpoints').selectAll().where('event_id', '=', eventId).orderBy('seq').execute();
    return rows.map((r) => {
      const signatures = readJson(r.signatures);
      // Unreadable signatures count as none: the check then names this checkpoint.
      return {
        event: r.event_id,
        seq: r.seq,
        hash: r.hash,
        signatures: Array.isArray(signatures) ? (signatures as unknown as Signature[]) : [],
      };
    });
  }

  async insertCheckpoint(c: Checkpoint): Promise<void> {
    await this.db
      .insertInto('checkpoints')
      .values({ event_id: c.event, seq: c.seq, hash: c.hash, signatures: JSON.stringify(c.signatures) })
      .execute();
  }

  async setSignatures(eventId: string, seq: number, signatures: Signature[]): Promise<void> {
    await this.db
      .updateTable('checkpoints')
      .set({ signatures: JSON.stringify(signatures) })
      .where('event_id', '=', eventId)
      .where('seq', '=', seq)
      .execute();
  }
}

/**
 * A stored JSON column; a damaged one (not JSON) is kept as its text, so the chain check finds the
 * entry's hash no longer matching and names the entry, instead of failing on a parse.
 */
function readJson(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

function toEntry(r: AuditLogTable): AuditEntry {
  return {
    event: r.event_id,
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    details: readJson(r.details),
    prev: r.prev,
    hash: r.hash,
  };
}
