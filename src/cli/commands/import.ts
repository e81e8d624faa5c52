/**
 * `fairdraw import`: reads an applicant file into an event. A large file's helper thread starts
 * first, so that it loads the reader while this thread loads the store and opens the database;
 * then the helper reads and checks the file while this thread stores each row it passes.
 */
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { FairDrawError } from '../../core/errors.js';
import { SheetChoiceRequired } from '../../office/import/sheet-choice.js';
import { DEFAULT_LIMITS, fileTooLarge } from '../../office/import/limits.js';
import { ImportHelper, WORKER_MIN_BYTES } from '../../office/import/in-worker.js';
import { parseFlags, required, type Flags } from '../args.js';
import { actorOf, officeFlags, withOffice } from '../office-context.js';
import { readInput, writeAtomic, type Output } from '../io.js';

export async function importFile(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    { ...officeFlags, event: { type: 'string' }, report: { type: 'string' }, sheet: { type: 'string' } },
    true,
  );
  const event = required(values, 'event');
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw new FairDrawError('cli.file', '请给出一个要导入的文件', 'give exactly one file to import', { field: 'FILE' });
  const size = file !== '-' && existsSync(file) ? statSync(file).size : 0;
  // A file over the limit is refused before it is read into memory.
  if (size > DEFAULT_LIMITS.maxFileBytes) throw fileTooLarge(basename(file), DEFAULT_LIMITS.maxFileBytes);
  const helper = size >= WORKER_MIN_BYTES ? ImportHelper.start() : undefined;
  try {
    return await importRead({ values, event, file, bytes: readInput(file), helper }, io);
  } finally {
    await helper?.stop();
  }
}

interface ImportRequest {
  values: Flags;
  event: string;
  file: string;
  bytes: Uint8Array;
  helper: ImportHelper | undefined;
}

async function importRead({ values, event, file, bytes, helper }: ImportRequest, io: Output): Promise<number> {
  const sheet = typeof values.sheet === 'string' ? values.sheet : undefined;
  // The store, the office and their libraries, loaded while the helper loads the reader.
  const { importApplicants, ImportRejected } = await import('../../office/import-applicants.js');
  return withOffice(values, async (office) => {
    const last = { check: 0, store: 0 };
    try {
      const r = await importApplicants(
        office,
        event,
        bytes,
        basename(file),
        actorOf(values),
        (phase, done, total) => {
          if (done === total || done - last[phase] >= 10_000) {
            last[phase] = done;
            process.stderr.write(`${phase === 'check' ? 'checked 已校验' : 'stored 已保存'} ${done}/${total}\n`);
          }
        },
        // Both cores: the helper thread reads and checks a large file while this one stores it.
        { overlap: true, helper, ...(sheet !== undefined ? { sheet } : {}) },
      );
      for (const s of r.skipped) io.err(`note: ${s.en} / 注意：${s.zh}`);
      const from = r.sheet === undefined ? basename(file) : `${basename(file)} (sheet ${r.sheet})`;
      const zhFrom = r.sheet === undefined ? '' : `（工作表“${r.sheet}”）`;
      io.out(`imported ${r.imported} applicants from ${from} / 已导入 ${r.imported} 名报名者${zhFrom}`);
      return 0;
    } catch (e) {
      if (e instanceof SheetChoiceRequired) {
        io.err(`error: ${e.describe()}`);
        for (const s of e.sheets) io.err(`  --sheet ${/[\s'"]/.test(s) ? JSON.stringify(s) : s}`);
        return 2;
      }
      if (e instanceof ImportRejected) {
        io.err(`error: ${e.describe()}`);
        for (const err of e.errors) {
          const where = `row ${err.row} 第${err.row}行${err.sheet === undefined ? '' : ` (sheet ${err.sheet} 工作表“${err.sheet}”)`}`;
          io.err(`  ${where} [${err.field}] ${err.zh} / ${err.en}`);
        }
        if (typeof values.report === 'string') {
          // The workbook writer (ExcelJS) is loaded only when a report is asked for.
          const { errorsWorkbook } = await import('../../office/import/errors-workbook.js');
          writeAtomic(values.report, await errorsWorkbook(e.errors, basename(file)));
          io.err(`report written to ${values.report} / 错误报告已写入 ${values.report}`);
        }
        return 2;
      }
      throw e;
    }
  });
}
