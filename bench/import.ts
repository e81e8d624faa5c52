/**
 * The applicant import at city scale, each step in its own process so that peak memory is the
 * import's own. Prints one JSON line per case.
 *
 *   tsx bench/import.ts gen ROWS FILE          writes an applicant workbook (invented data)
 *   tsx bench/import.ts import FILE            imports it into a fresh data directory
 *   tsx bench/import.ts all [ROWS...]          both, for 100,000 and 600,000 rows by default
 *
 * Targets (2-core machine): 100,000 rows ≤ 4 s and ≤ 400 MB peak; 600,000 rows ≤ 1.5 GB peak.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { idCheckChar } from '../src/office/import/id-card.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The schools of the benchmark's event: 20, so that a row names three of them. */
export const BENCH_UNITS = Array.from({ length: 20 }, (_, i) => ({ id: `S${String(i + 1).padStart(2, '0')}`, name: `第${i + 1}小学` }));
export const BENCH_WINDOW = { bornFrom: '2013-09-01', bornTo: '2014-08-31' };

/**
 * Applicant i: a unique invented ID number (area 110000 + i / 365,000, a birth date in the window,
 * a sequence), three choices, tier 1–3; every 500th pair are twins. The columns of the demo files
 * (demo/applicants.xlsx) with 志愿1–志愿3.
 */
export function benchRow(i: number): (string | number)[] {
  const day = i % 365;
  const birth = new Date(Date.UTC(2013, 8, 1 + day)).toISOString().slice(0, 10);
  const k = Math.floor(i / 365);
  const area = String(110000 + Math.floor(k / 1000));
  const first17 = `${area}${birth.replaceAll('-', '')}${String(k % 1000).padStart(3, '0')}`;
  const id = first17 + idCheckChar(first17);
  const sex = (k % 1000) % 2 === 1 ? '男' : '女';
  const twin = i % 500 === 10 || i % 500 === 11;
  const u = twin ? 0 : i % BENCH_UNITS.length;
  const choices = [0, 7, 13].map((d) => BENCH_UNITS[(u + d) % BENCH_UNITS.length]!.name);
  return [`学生${i}`, sex, id, birth, `家长${i}`, `138${String(i).padStart(8, '0')}`, ...choices, twin ? 1 : 1 + (i % 3), twin ? `T${Math.floor(i / 500)}` : ''];
}

export const BENCH_HEADER = ['姓名', '性别', '身份证号', '出生日期', '监护人', '联系电话', '志愿1', '志愿2', '志愿3', '类别', '多胞胎组'];

/** Writes the workbook as Excel does: shared strings, one sheet 报名名单. */
export async function generateWorkbook(rows: number, file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('报名名单');
  ws.addRow(BENCH_HEADER).commit();
  for (let i = 0; i < rows; i++) ws.addRow(benchRow(i)).commit();
  ws.commit();
  await wb.commit();
}

async function importOnce(file: string): Promise<void> {
  const { openOffice } = await import('../src/app.js');
  const { createEvent } = await import('../src/office/create-event.js');
  const { addUnit } = await import('../src/office/add-unit.js');
  const { importApplicants } = await import('../src/office/import-applicants.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'fairdraw-bench-import-'));
  const office = await openOffice({ dataDir });
  try {
    await createEvent(
      office,
      { id: 'bench', title: '导入基准', mechanism: 'deferred-acceptance', tieBreak: 'single', groupFit: 'strict', ...BENCH_WINDOW },
      'bench',
    );
    for (const u of BENCH_UNITS) await addUnit(office, { event: 'bench', id: u.id, name: u.name, seats: 1000 }, 'bench');
    const bytes = new Uint8Array(readFileSync(file));
    const phases: Record<string, number> = {};
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await importApplicants(office, 'bench', bytes, basename(file), 'bench', (phase, done, total) => {
      if (phase === 'store' && phases.checkMs === undefined) phases.checkMs = Math.round(performance.now() - t0);
      void done;
      void total;
    });
    const totalMs = Math.round(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    console.log(
      JSON.stringify({
        case: `import-xlsx`,
        rows: r.imported,
        fileMB: Math.round(statSync(file).size / 1e5) / 10,
        totalMs,
        checkMs: phases.checkMs,
        storeMs: totalMs - (phases.checkMs ?? 0),
        // On a shared machine the wall time includes waiting for a core; the CPU time does not.
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      }),
    );
  } finally {
    await office.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function child(args: string[]): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) return JSON.stringify({ case: args.join(' '), failed: r.status });
  return r.stdout.trim();
}

/** Generates each size in one process and imports it in another; prints the import's line. */
export function runImportBench(sizes: number[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'fairdraw-bench-xlsx-'));
  try {
    return sizes.map((n) => {
      const file = join(dir, `applicants-${n}.xlsx`);
      child(['gen', String(n), file]);
      return child(['import', file]);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [what, ...args] = process.argv.slice(2);
  if (what === 'gen') await generateWorkbook(Number(args[0]), args[1]!);
  else if (what === 'import') await importOnce(args[0]!);
  else if (what === 'all') {
    for (const line of runImportBench(args.length > 0 ? args.map(Number) : [100_000, 600_000])) console.log(line);
  } else throw new Error(`usage: tsx ${join(basename(here), 'import.ts')} gen ROWS FILE | import FILE | all [ROWS...]`);
}
