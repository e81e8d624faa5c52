/** The store: repositories over one Kysely handle, and transactions that hand out the same set. */
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { sqliteHandleOf, type DB } from './db.js';
import { dialectOf, type Dialect } from './dialect.js';
import { pgListen } from './postgres.js';
import { crashPoint } from './crash-points.js';
import { enterWrite, leaveWrite, newWriteGate, type WriteGate } from './import-parts.js';
import { EventsRepository } from './repositories/events.repository.js';
import { ApplicantsRepository } from './repositories/applicants.repository.js';
import { PublicationsRepository } from './repositories/publications.repository.js';
import { DrawsRepository } from './repositories/draws.repository.js';
import { OffersRepository } from './repositories/offers.repository.js';
import { AuditRepository } from './repositories/audit.repository.js';
import { AccountsRepository } from './repositories/accounts.repository.js';
import { CeremonyRepository } from './repositories/ceremony.repository.js';
import { DocumentSettingsRepository } from './repositories/document-settings.repository.js';
import { PrivacyRepository } from './repositories/privacy.repository.js';
import { DistrictsRepository } from './repositories/districts.repository.js';

export interface Repos {
  events: EventsRepository;
  applicants: ApplicantsRepository;
  publications: PublicationsRepository;
  draws: DrawsRepository;
  offers: OffersRepository;
  audit: AuditRepository;
  accounts: AccountsRepository;
  ceremony: CeremonyRepository;
  documentSettings: DocumentSettingsRepository;
  privacy: PrivacyRepository;
  districts: DistrictsRepository;
}

/** What a transaction wrote to the audit logs: its events and actions, in order. */
export interface Logged {
  event: string;
  action: string;
}

/**
 * `sqlite`: the connection under `db`, for the statements a repository prepares once (the import's
 * insert). Given only to a transaction's repositories: outside one, a raw statement could slip into
 * a transaction another request has open on the same connection.
 */
export function repositories(db: DB, logged?: Logged[], sqlite?: SQLite.Database): Repos {
  return {
    events: new EventsRepository(db),
    applicants: new ApplicantsRepository(db, sqlite),
    publications: new PublicationsRepository(db),
    draws: new DrawsRepository(db),
    offers: new OffersRepository(db),
    audit: new AuditRepository(db, logged),
    accounts: new AccountsRepository(db),
    ceremony: new CeremonyRepository(db),
    documentSettings: new DocumentSettingsRepository(db),
    privacy: new PrivacyRepository(db),
    districts: new DistrictsRepository(db),
  };
}

export interface Store {
  db: DB;
  /** SQLite (the embedded file) or PostgreSQL (a shared server). */
  dialect: Dialect;
  repos: Repos;
  /**
   * The same repositories over a read-only connection of their own, for the public pages, the live
   * feed and the witnesses' phones: they read the last committed state and never wait for a write
   * transaction (an import) that is open on the other connection. Never for a read that a write
   * depends on: that belongs in `tx`.
   */
  reads: Repos;
  /**
   * Runs `fn` in one transaction: all of it is stored, or none. `bulk`: the transaction
   * writes many rows (an applicant import), so the connection's page cache is raised to 64 MB for
   * it and put back afterwards; the list's indexes have random keys (registration and ID-card
   * numbers) and outgrow the connection's default cache.
   */
  tx<T>(fn: (repos: Repos) => Promise<T>, options?: { bulk?: boolean }): Promise<T>;
  /**
   * Calls `listener` after every committed transaction that wrote audit entries, with what it
   * wrote (so `serve` can take a backup after a milestone); returns a function that stops it.
   */
  onCommit(listener: (logged: readonly Logged[]) => void): () => void;
  /**
   * Calls `listener` with the event's id whenever a ceremony step is committed by any process on
   * the database (PostgreSQL: LISTEN/NOTIFY; so a live feed reaches the viewers of every server
   * instance). On SQLite there is one server process, which knows its own steps: never called.
   */
  onCeremonyStep(listener: (eventId: string) => void): () => void;
  /**
   * Shared with the import's helper threads, which store a large list in parts on connections of
   * their own: `tx` counts itself in, and a helper starts no part while a transaction waits.
   */
  gate: WriteGate;
  close(): Promise<void>;
}

/** The page cache of a bulk transaction, in KiB (SQLite's negative cache_size). */
const BULK_CACHE_KIB = 65536;

/**
 * On PostgreSQL, every write transaction first takes this advisory lock (until it ends): writers
 * run one at a time, as on SQLite (BEGIN IMMEDIATE), whichever process or connection they come
 * from, so what a transaction reads before it writes (the audit log's last entry, an event's
 * status) is still so when it commits. Waiting longer than the busy timeout ends in store.busy.
 */
const WRITE_LOCK = 0x46447277;

/** `reader`: a read-only connection to the same database (openReader), for `reads`; without it `reads` is `repos`. */
export function createStore(db: DB, reader?: DB): Store {
  const listeners = new Set<(logged: readonly Logged[]) => void>();
  const stopping = new Set<() => Promise<void>>();
  const sqlite = sqliteHandleOf(db);
  const dialect = dialectOf(db);
  const gate = newWriteGate();
  // On PostgreSQL, this process's write transactions also take turns before they take a pooled
  // connection: those waiting for the lock never hold every connection of the pool while the one
  // holding it needs another for a read.
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const mine = turn.then(run, run);
    turn = mine.catch(() => undefined);
    return mine;
  };
  return {
    db,
    dialect,
    gate,
    repos: repositories(db),
    reads: reader ? repositories(reader) : repositories(db),
    async tx(fn, options) {
      const logged: Logged[] = [];
      await enterWrite(gate);
      let result: Awaited<ReturnType<typeof fn>>;
      try {
        // One connection: while Kysely runs this transaction, its statements and the prepared ones are the transaction's.
        const transaction = () =>
          db.transaction().execute(async (trx) => {
            if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx);
            if (!options?.bulk || !sqlite) return fn(repositories(trx, logged, sqlite));
            const cache = sqlite.pragma('cache_size', { simple: true }) as number;
            sqlite.pragma(`cache_size = ${-BULK_CACHE_KIB}`);
            try {
              return await fn(repositories(trx, logged, sqlite));
            } finally {
              sqlite.pragma(`cache_size = ${cache}`);
            }
          });
        result = await (dialect === 'postgres' ? inTurn(transaction) : transaction());
      } finally {
        leaveWrite(gate);
      }
      for (const l of logged) crashPoint(`${l.action}:committed`);
      if (logged.length > 0) for (const listener of listeners) listener(logged);
      return result;
    },
    onCommit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onCeremonyStep(listener) {
      if (dialect !== 'postgres') return () => undefined;
      const stop = pgListen(db, 'fairdraw_ceremony_log', listener);
      stopping.add(stop);
      return () => {
        stopping.delete(stop);
        void stop();
      };
    },
    close: async () => {
      await Promise.all([...stopping].map((stop) => stop()));
      await reader?.destroy();
      await db.destroy();
    },
  };
}

export { openDatabase, openReader, dataDirFrom, dataPaths, databaseUrlFrom, sqliteOf, sqliteHandleOf, DB_FILE, type DB } from './db.js';
export { dialectOf, isPostgres, isPostgresUrl, type Dialect } from './dialect.js';
