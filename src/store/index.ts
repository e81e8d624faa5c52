/** The store: repositories over one Kysely handle, and transactions that hand out the same set. */
import type { DB } from './db.js';
import { EventsRepository } from './repositories/events.repository.js';
import { ApplicantsRepository } from './repositories/applicants.repository.js';
import { PublicationsRepository } from './repositories/publications.repository.js';
import { DrawsRepository } from './repositories/draws.repository.js';
import { OffersRepository } from './repositories/offers.repository.js';
import { AuditRepository } from './repositories/audit.repository.js';
import { AccountsRepository } from './repositories/accounts.repository.js';
import { CeremonyRepository } from './repositories/ceremony.repository.js';
import { DocumentSettingsRepository } from './repositories/document-settings.repository.js';

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
}

export function repositories(db: DB): Repos {
  return {
    events: new EventsRepository(db),
    applicants: new ApplicantsRepository(db),
    publications: new PublicationsRepository(db),
    draws: new DrawsRepository(db),
    offers: new OffersRepository(db),
    audit: new AuditRepository(db),
    accounts: new AccountsRepository(db),
    ceremony: new CeremonyRepository(db),
    documentSettings: new DocumentSettingsRepository(db),
  };
}

export interface Store {
  db: DB;
  repos: Repos;
  /** Runs `fn` in one SQLite transaction: all of it is stored, or none. */
  tx<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function createStore(db: DB): Store {
  return {
    db,
    repos: repositories(db),
    tx: (fn) => db.transaction().execute((trx) => fn(repositories(trx))),
    close: () => db.destroy(),
  };
}

export { openDatabase, dataDirFrom, type DB } from './db.js';
