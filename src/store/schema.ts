/** Table types for Kysely. Times are ISO 8601 text; JSON columns are text holding JCS. */
import type { Generated } from 'kysely';

export type EventStatus = 'draft' | 'published' | 'frozen' | 'drawn' | 'results';

export interface EventsTable {
  id: string;
  title: string;
  mechanism: string;
  tie_break: string;
  group_fit: string;
  born_from: string | null;
  born_to: string | null;
  declared_sources: string;
  rules_text: string | null;
  status: EventStatus;
  version: number;
  created_at: string;
  updated_at: string;
  /** The district the event belongs to (0015); null: no district (a single-district install, or the city's own). */
  district_id?: string | null;
}

export interface UnitsTable {
  event_id: string;
  id: string;
  name: string;
  seats: number;
  position: number;
}

export interface ApplicantsTable {
  event_id: string;
  reg_no: string;
  name: string;
  sex: string;
  id_number: string;
  birth_date: string;
  guardian: string;
  phone: string;
  tier: number;
  choices: string;
  group_label: string | null;
  group_id: string | null;
  extra: string;
  source_row: number;
  created_at: string;
  /** 64 hex: the salt of the person commitment (0006); null only on rows of older databases. */
  salt: string | null;
  /** 64 hex: the person commitment, kept when the data behind it is erased (0010); absent before. */
  person_commitment?: string | null;
  /** When the personal data of this row was erased (0010); null while it is held. */
  erased_at?: string | null;
  /**
   * The import that stored the row (0014; null on rows stored in one transaction): while that
   * import still has its row in `imports`, the row is not part of the list.
   */
  import_id?: string | null;
}

export interface PublicationsTable {
  event_id: string;
  version: number;
  rules_text: string;
  list_text: string;
  params_sha256: string;
  list_root: string;
  list_size: number;
  unit_counts: string;
  created_at: string;
}

export interface DrawsTable {
  event_id: string;
  draw_id: string;
  kind: 'official' | 'rehearsal';
  version: number;
  sources_text: string;
  record_text: string;
  record_sha256: string;
  seed: string;
  created_at: string;
}

export interface OffersTable {
  id: Generated<number>;
  event_id: string;
  reg_no: string;
  unit_id: string;
  status: 'offered' | 'confirmed' | 'declined' | 'revoked' | 'released';
  origin: 'draw' | 'waitlist';
  reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  event_id: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  details: string;
  prev: string;
  hash: string;
}

export interface CheckpointsTable {
  event_id: string;
  seq: number;
  hash: string;
  signatures: string;
}

export type Role = 'admin' | 'operator' | 'supervisor';

export interface AccountsTable {
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  disabled: number;
  created_at: string;
  /** 1 after a one-time password (first admin, reset): every request but a password change is refused. (0007) */
  must_change_password: number;
  password_changed_at: string | null;
  /** Random, public: the audit log and live feed name an account as `role:tag`, never by username. (0007) */
  tag: string;
  /** The district the account works for (0015); null: the city (or a single-district install). */
  district_id?: string | null;
}

/** 区县 (0015-districts): added, never renamed or removed. */
export interface DistrictsTable {
  /** 1–64 of [0-9A-Za-z_.-]: how the API and the command line name it. */
  id: string;
  /** 行政区划代码: six digits. */
  code: string;
  /** Its Chinese name, e.g. 徐汇区. */
  name: string;
  created_at: string;
}

export interface SessionsTable {
  token_hash: string;
  username: string;
  csrf: string;
  created_at: string;
  expires_at: string;
}

export interface Database extends CeremonyDatabase {
  accounts: AccountsTable;
  sessions: SessionsTable;
  events: EventsTable;
  units: UnitsTable;
  applicants: ApplicantsTable;
  publications: PublicationsTable;
  draws: DrawsTable;
  offers: OffersTable;
  audit_log: AuditLogTable;
  checkpoints: CheckpointsTable;
  backups: BackupsTable;
  document_settings: DocumentSettingsTable;
  privacy_settings: PrivacySettingsTable;
  access_log: AccessLogTable;
  event_withdrawals: EventWithdrawalsTable;
  imports: ImportsTable;
  districts: DistrictsTable;
}

/** An import being stored in parts (0014-import-parts); deleted when its list is complete. */
export interface ImportsTable {
  id: string;
  event_id: string;
  /** The process storing it. */
  pid: number;
  started_at: string;
  /** When it last stored a part. */
  touched_at: string;
}

/** What an event collects and how long it keeps it (0010-privacy). */
export interface PrivacySettingsTable {
  event_id: string;
  /** JSON array of the optional personal columns collected (birthDate, guardian, phone, address). */
  columns: string;
  /** YYYY-MM-DD: the personal data is erased on this day. */
  retain_until: string | null;
  updated_at: string;
}

/** The private access log (0010-privacy): append-only, never published. */
export interface AccessLogTable {
  id: Generated<number>;
  at: string;
  /** role:username */
  actor: string;
  event_id: string | null;
  what: string;
  families: number;
  reason: string | null;
  /** JSON */
  details: string;
}

/** 撤回 (0011-withdrawals): a published event withdrawn before its draw; final. */
export interface EventWithdrawalsTable {
  event_id: string;
  reason: string;
  /** The status the event had when it was withdrawn (published or frozen). */
  status_at: string;
  actor: string;
  at: string;
}

/** The backup log (0009-backups): append-only. */
export interface BackupsTable {
  id: Generated<number>;
  taken_at: string;
  actor: string;
  reason: string;
  file: string;
  manifest_sha256: string;
  db_sha256: string;
  size: number;
}

/** The documents' settings of an event (0008-document-settings): a JSON object, see src/office/documents/settings.ts. */
export interface DocumentSettingsTable {
  event_id: string;
  settings: string;
  updated_at: string;
}

/** The draw ceremony (0003-ceremony). */
export type CeremonyPhase = 'open' | 'halted' | 'drawn' | 'closed';

export interface CeremoniesTable {
  event_id: string;
  phase: CeremonyPhase;
  /** JSON: published and recomputed digests (see src/office/ceremony/digests.ts). */
  digests: string;
  /** JSON {zh, en} when halted. */
  halted: string | null;
  revealed: number;
  opened_at: string;
  updated_at: string;
}

export interface CeremonyRosterTable {
  event_id: string;
  idx: number;
  label: string;
  witness_name: string | null;
  alternate_name: string | null;
  substituted: number;
  updated_at: string;
}

export interface CeremonyValuesTable {
  event_id: string;
  idx: number;
  kind: 'witness' | 'public' | 'drand';
  label: string;
  /** The value as entered; for drand, JSON {round, randomness, signature}. */
  value: string;
  entered_by: string;
  via: string;
  at: string;
}

export interface CeremonyLinksTable {
  token_hash: string;
  event_id: string;
  idx: number;
  person: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export interface CeremonyRepsTable {
  event_id: string;
  unit_id: string;
  draw_id: string;
  seats: number;
  pool: 'volunteers' | 'all';
  source_label: string;
  rules_text: string;
  list_text: string;
  params_sha256: string;
  list_root: string;
  list_size: number;
  sources_text: string | null;
  record_text: string | null;
  record_sha256: string | null;
  seed: string | null;
  prepared_at: string;
  drawn_at: string | null;
}

/** Sealed values (0005-commitments): a witness's commitment, before any value is revealed. */
export interface CeremonyCommitmentsTable {
  event_id: string;
  idx: number;
  label: string;
  /** 64 lowercase hex (src/core/commitment.ts). */
  commitment: string;
  via: 'phone' | 'hall';
  /** Who sealed it: the witness's role label (never a full name). */
  entered_by: string;
  /** A hall entry: the second staff account that confirmed it (role:username). */
  confirmed_by: string | null;
  at: string;
}

export interface CeremonyLogTable {
  id: Generated<number>;
  event_id: string;
  at: string;
  type: string;
  payload: string;
}

export interface CeremonyDatabase {
  ceremonies: CeremoniesTable;
  ceremony_roster: CeremonyRosterTable;
  ceremony_values: CeremonyValuesTable;
  ceremony_links: CeremonyLinksTable;
  ceremony_reps: CeremonyRepsTable;
  ceremony_log: CeremonyLogTable;
  ceremony_commitments: CeremonyCommitmentsTable;
}
