/**
 * 导入报名名单: reads an .xlsx or .csv, checks every row, and stores all applicants in one
 * transaction — or, if any row is wrong, stores nothing and reports every error with its row.
 * Each applicant gets a random registration number (报名号) that reveals nothing about them.
 */
import { FairDrawError } from '../core/errors.js';
import { checkApplicantsFile } from './import/in-worker.js';
import { type ImportError, type ImportLimits, type ImportSummary, type SkippedRow } from './import/index.js';
import type { ImportedApplicant } from './import/validate.js';
import { logAction } from './audit-trail.js';
import { loadEvent } from './load-event.js';
import { privacySettingsOf } from './privacy/settings.js';
import type { Actor, Office } from './ports.js';
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
   * keeps answering (the server). Off by default: the hand-over of the checked applicants costs
   * some CPU time, which a command on the command line has no reason to spend.
   */
  helperThread?: boolean;
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
  const result = await checkApplicantsFile(
    bytes,
    fileName,
    {
      units: units.map((u) => ({ id: u.id, name: u.name })),
      ageWindow: ev.born_from || ev.born_to ? { bornFrom: ev.born_from ?? '0000-01-01', bornTo: ev.born_to ?? '9999-12-31' } : undefined,
      existingIdNumbers: await repos.applicants.idNumbers(eventId),
      ...(privacy.chosen ? { collected: privacy.columns } : {}),
      onProgress: onProgress && ((d, t) => onProgress('check', d, t)),
      ...(fileOptions.sheet !== undefined && fileOptions.sheet !== '' ? { sheet: fileOptions.sheet } : {}),
      ...(fileOptions.limits !== undefined ? { limits: fileOptions.limits } : {}),
    },
    fileOptions.helperThread ? {} : { worker: false },
  );
  if (!result.ok) throw new ImportRejected(fileName, result.errors);

  return office.store.tx(
    async (tx) => {
      await loadEvent(tx, eventId, ['draft', 'published']);
      const taken = await tx.applicants.regNos(eventId);
      const groups = new Map<string, string>();
      const now = office.clock.now().toISOString();
      // Rows for the database are made a batch at a time: a list of 600,000 is never held twice.
      const applicants = result.applicants;
      const total = applicants.length;
      const toRow = (a: ImportedApplicant): ApplicantRow => {
        let reg = office.random.registrationNumber();
        while (taken.has(reg)) reg = office.random.registrationNumber();
        taken.add(reg);
        let groupId: string | null = null;
        if (a.group !== undefined) {
          groupId = groups.get(a.group) ?? office.random.groupId();
          groups.set(a.group, groupId);
        }
        return {
          event_id: eventId,
          reg_no: reg,
          name: a.name,
          sex: a.sex,
          id_number: a.idNumber,
          birth_date: a.birthDate,
          guardian: a.guardian,
          phone: a.phone,
          tier: a.tier,
          choices: JSON.stringify(a.choices.map((unit) => ({ unit, tier: a.tier }))),
          group_label: a.group ?? null,
          group_id: groupId,
          extra: JSON.stringify(a.extra),
          source_row: a.row,
          created_at: now,
          salt: office.random.salt(),
        };
      };
      for (let i = 0; i < total; i += STORE_BATCH) {
        const batch = applicants.slice(i, i + STORE_BATCH).map(toRow);
        await tx.applicants.insertMany(batch);
        onProgress?.('store', i + batch.length, total);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await logAction(tx, office, eventId, actor, 'applicants.import', {
        file: fileName,
        fileSha256: result.fileSha256,
        imported: total,
        groups: groups.size,
        ...(result.source?.kind === 'xlsx' ? { sheet: result.source.sheet } : {}),
        ...(result.skipped.length > 0 ? { skippedRows: result.skipped.map((r) => r.row) } : {}),
      });
      return {
        imported: total,
        summary: result.summary,
        skipped: result.skipped,
        ...(result.source?.kind === 'xlsx' ? { sheet: result.source.sheet } : {}),
      };
    },
    { bulk: true },
  );
}
