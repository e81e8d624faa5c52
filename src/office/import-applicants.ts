/**
 * 导入报名名单: reads an .xlsx or .csv, checks every row, and stores all applicants in one
 * transaction — or, if any row is wrong, stores nothing and reports every error with its row.
 * Each applicant gets a random registration number (报名号) that reveals nothing about them.
 */
import { existsSync } from 'node:fs';
import { FairDrawError } from '../core/errors.js';
import { checkApplicantsFile, IMPORT_WORKER_FILE, WORKER_MIN_BYTES, type CheckedFile, type ImportHelper } from './import/in-worker.js';
import type { ImportError, ImportLimits, ImportOptions, ImportSummary, SkippedRow } from './import/index.js';
import { ApplicantRows } from './import/rows.js';
import { logAction } from './audit-trail.js';
import { loadEvent } from './load-event.js';
import { privacySettingsOf } from './privacy/settings.js';
import type { Actor, Office } from './ports.js';
import { sqliteOf, type Repos } from '../store/index.js';
import { importInProgress } from '../store/errors.js';
import { holdCheckpoints, isAbandoned, markStoring } from '../store/import-parts.js';
import type { ApplicantRow } from '../store/repositories/applicants.repository.js';

export class ImportRejected extends FairDrawError {
  constructor(
    readonly file: string,
    readonly errors: ImportError[],
  ) {
    const first = errors[0]!;
    const zhSheet = first.sheet === undefined ? '' : `工作表“${first.sheet}”`;
    const enSheet = first.sheet === undefined ? '' : `sheet "${first.sheet}", `;
    super(
      'import.invalid',
      `文件有 ${errors.length} 处错误，未导入任何记录。第一处：${zhSheet}第${first.row}行“${first.field}”：${first.zh}`,
      `the file has ${errors.length} error(s); nothing was imported. First: ${enSheet}row ${first.row}, column "${first.field}": ${first.en}`,
      { file, line: first.row, field: first.field },
    );
  }
}

export interface ImportOutcome {
  imported: number;
  summary: ImportSummary;
  /** The sheet read, for a workbook. */
  sheet?: string;
  /** Rows left out on purpose (the import template's worked example). */
  skipped: SkippedRow[];
}

export interface ImportFileOptions {
  /** The worksheet to read, when more than one sheet looks like an applicant list. */
  sheet?: string;
  limits?: Partial<ImportLimits>;
  /**
   * Read and check a large file (1 MiB or more) on the import's helper thread, so that this thread
   * keeps answering (the server). With the system's random source the helper also stores the list,
   * in parts on its own connection (importInParts); otherwise the checked applicants are handed
   * back and stored here, which costs some CPU time. Off by default.
   */
  helperThread?: boolean;
  /**
   * Store while reading (the command line): a large file is read and checked on the helper thread
   * while this thread stores each row as soon as it passes its own checks, so both cores work on
   * the import. All in the one transaction, rolled back if the file turns out to have an error;
   * the store's writes wait for the whole import meanwhile, so not for the server.
   */
  overlap?: boolean;
  /** With `overlap`: the helper thread, started beforehand (the caller ends it if it goes unused). */
  helper?: ImportHelper;
}

/** Applicants stored per statement batch; between batches other requests get a turn. */
const STORE_BATCH = 500;

export type ImportProgress = (phase: 'check' | 'store', done: number, total: number) => void;

export async function importApplicants(
  office: Office,
  eventId: string,
  bytes: Uint8Array,
  fileName: string,
  actor: Actor,
  onProgress?: ImportProgress,
  fileOptions: ImportFileOptions = {},
): Promise<ImportOutcome> {
  const repos = office.store.repos;
  const ev = await loadEvent(repos, eventId, ['draft', 'published'], {
    zh: '导入报名名单（冻结后不能再导入）',
    en: 'import applicants (not after freezing)',
  });
  const units = await repos.events.listUnits(eventId);
  if (units.length === 0)
    throw new FairDrawError('import.no-units', '请先添加招生单元，再导入报名名单', 'add the units before importing applicants', {
      field: 'units',
    });
  const privacy = await privacySettingsOf(repos, eventId);
  const options: ImportOptions = {
    units: units.map((u) => ({ id: u.id, name: u.name })),
    ageWindow: ev.born_from || ev.born_to ? { bornFrom: ev.born_from ?? '0000-01-01', bornTo: ev.born_to ?? '9999-12-31' } : undefined,
    existingIdNumbers: await repos.applicants.idNumbers(eventId),
    ...(privacy.chosen ? { collected: privacy.columns } : {}),
    onProgress: onProgress && ((d, t) => onProgress('check', d, t)),
    ...(fileOptions.sheet !== undefined && fileOptions.sheet !== '' ? { sheet: fileOptions.sheet } : {}),
    ...(fileOptions.limits !== undefined ? { limits: fileOptions.limits } : {}),
  };
  // The helper's parts are written on an SQLite connection of its own; on PostgreSQL the list is
  // stored here, in batches, in one transaction (the server's other writes wait for it).
  // A file large enough for the helper thread, and the helper built.
  const large = bytes.length >= WORKER_MIN_BYTES && existsSync(IMPORT_WORKER_FILE);
  const job: ImportJob = { office, eventId, bytes, fileName, actor, options, onProgress, helper: fileOptions.helper };
  if (large && fileOptions.helperThread && office.random.system === true && office.store.dialect === 'sqlite') return importInParts(job);
  if (large && fileOptions.overlap) return importWhileReading(job);
  const result = await checkApplicantsFile(bytes, fileName, options, fileOptions.helperThread ? {} : { worker: false });
  if (!result.ok) throw new ImportRejected(fileName, result.errors);

  return office.store.tx(
    async (tx) => {
      await loadEvent(tx, eventId, ['draft', 'published']);
      const rows = new ApplicantRows(eventId, office.clock.now().toISOString(), office.random, await tx.applicants.regNos(eventId));
      // Rows for the database are made a batch at a time: a list of 600,000 is never held twice.
      const applicants = result.applicants;
      const total = applicants.length;
      for (let i = 0; i < total; i += STORE_BATCH) {
        const batch: ApplicantRow[] = [];
        for (let j = i; j < Math.min(total, i + STORE_BATCH); j++) batch.push(rows.row(applicants[j]!));
        await tx.applicants.insertMany(batch);
        onProgress?.('store', i + batch.length, total);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await logImport(tx, office, eventId, actor, fileName, result, total, rows.groups.size);
      return outcome(result, total);
    },
    { bulk: true },
  );
}

/** One import, as the ways of storing a large file are given it. */
interface ImportJob {
  office: Office;
  eventId: string;
  bytes: Uint8Array;
  fileName: string;
  actor: Actor;
  options: ImportOptions;
  onProgress: ImportProgress | undefined;
  helper: ImportHelper | undefined;
}

/**
 * A large file from the command line: the helper thread reads and checks it and sends each row on
 * as soon as it passes its own checks; this thread stores them in the meantime, in one
 * transaction. A file with an error stores nothing: the transaction is rolled back.
 */
async function importWhileReading(job: ImportJob): Promise<ImportOutcome> {
  const { office, eventId, bytes, fileName, actor, options, onProgress, helper } = job;
  return office.store.tx(
    async (tx) => {
      await loadEvent(tx, eventId, ['draft', 'published']);
      const rows = new ApplicantRows(eventId, office.clock.now().toISOString(), office.random, await tx.applicants.regNos(eventId));
      let stored = 0;
      // The rows the file holds, as far as the reading knows yet: the total the progress shows.
      let rowsSeen = 0;
      const check = options.onProgress;
      const result = await checkApplicantsFile(
        bytes,
        fileName,
        {
          ...options,
          onProgress: (done, total) => {
            rowsSeen = total;
            check?.(done, total);
          },
        },
        {
          helper,
          onChecked: async (applicants) => {
            await tx.applicants.insertMany(applicants.map((a) => rows.row(a)));
            stored += applicants.length;
            onProgress?.('store', stored, Math.max(stored, rowsSeen));
          },
        },
      );
      if (!result.ok) throw new ImportRejected(fileName, result.errors);
      const expected = result.summary.applicants;
      if (result.streamed !== stored || stored !== expected) throw new Error(`the import stored ${stored} of ${expected} applicants`);
      onProgress?.('store', stored, stored);
      await logImport(tx, office, eventId, actor, fileName, result, stored, rows.groups.size);
      return outcome(result, stored);
    },
    { bulk: true },
  );
}

/**
 * A large file on the server: read, checked and stored by the import's helper thread, the list in
 * parts on the helper's own database connection (src/store/import-parts.ts), so that this thread
 * neither builds the rows nor waits for their commits. The list becomes part of the event whole,
 * with its audit entry, in one small transaction here; until then no read includes its rows, and
 * an import cut short is deleted (here on a failure; after a crash, by the next import of the event).
 */
async function importInParts(job: ImportJob): Promise<ImportOutcome> {
  const { office, eventId, bytes, fileName, actor, options, onProgress } = job;
  const importId = `I${office.random.registrationNumber()}`;
  await office.store.tx(async (tx) => {
    await loadEvent(tx, eventId, ['draft', 'published']);
    for (const other of await tx.applicants.importsInParts(eventId)) {
      if (!isAbandoned(other)) throw importInProgress();
      await tx.applicants.dropImport(other.id);
    }
    await tx.applicants.startImport(importId, eventId);
  });
  markStoring(importId, true);
  const letCheckpoint = holdCheckpoints(sqliteOf(office.store.db));
  try {
    const result = await checkApplicantsFile(bytes, fileName, options, {
      store: {
        file: sqliteOf(office.store.db).name,
        eventId,
        importId,
        now: office.clock.now().toISOString(),
        gate: office.store.gate,
      },
      onStored: onProgress && ((d, t) => onProgress('store', d, t)),
    });
    if (!result.ok) throw new ImportRejected(fileName, result.errors);
    if (result.stored === undefined) throw new Error('the import helper thread did not store the list');
    const { count, groups } = result.stored;
    if (count !== result.summary.applicants) throw new Error(`the import stored ${count} of ${result.summary.applicants} applicants`);
    return await office.store.tx(async (tx) => {
      await loadEvent(tx, eventId, ['draft', 'published']);
      if (!(await tx.applicants.finishImport(importId))) throw importInProgress();
      await logImport(tx, office, eventId, actor, fileName, result, result.summary.applicants, groups);
      return outcome(result, result.summary.applicants);
    });
  } catch (e) {
    // Only an unfinished import is deleted: its row in `imports` is gone once the list is complete.
    await office.store.tx((tx) => tx.applicants.dropImport(importId)).catch(() => undefined);
    throw e;
  } finally {
    letCheckpoint();
    markStoring(importId, false);
  }
}

async function logImport(
  tx: Repos,
  office: Office,
  eventId: string,
  actor: Actor,
  fileName: string,
  result: CheckedFile,
  imported: number,
  groups: number,
) {
  await logAction(tx, office, eventId, actor, 'applicants.import', {
    file: fileName,
    fileSha256: result.fileSha256,
    imported,
    groups,
    ...(result.source?.kind === 'xlsx' ? { sheet: result.source.sheet } : {}),
    ...(result.skipped.length > 0 ? { skippedRows: result.skipped.map((r) => r.row) } : {}),
  });
}

function outcome(result: CheckedFile, imported: number): ImportOutcome {
  return {
    imported,
    summary: result.summary,
    skipped: result.skipped,
    ...(result.source?.kind === 'xlsx' ? { sheet: result.source.sheet } : {}),
  };
}
