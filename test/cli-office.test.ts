/** The bureau's whole flow through the `fairdraw` command, ending with the public bundle verified twice. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { fairdraw } from './cli-run.js';
import { repoRoot } from './spec-files.js';
import { samplesDir } from './office/harness.js';

describe('fairdraw over the whole flow', () => {
  const data = mkdtempSync(join(tmpdir(), 'fairdraw-cli-office-'));
  const env = { FAIRDRAW_DATA: data, FAIRDRAW_ACTOR: '区教育局-张老师' };
  const run = (...args: string[]) => fairdraw(args, env);
  const ok = (...args: string[]) => {
    const r = run(...args);
    expect(r.stderr.match(/^error:.*$/m)?.[0] ?? '').toBe('');
    expect(r.code).toBe(0);
    return r.stdout;
  };

  it('creates, imports, publishes, freezes, draws once, publishes results, handles a decline and exports', async () => {
    ok('init');
    ok(
      'event',
      'create',
      '--id',
      'zlj2020',
      '--title',
      '2020年自流井区富余学位电脑随机摇号',
      // Public numbers only: an event with witnesses is drawn in the ceremony (see below).
      '--public',
      '家长代表',
      '--public',
      '公证员',
      '--born-from',
      '2013-09-01',
      '--born-to',
      '2014-08-31',
    );
    const dup = run('event', 'create', '--id', 'zlj2020', '--title', 'again', '--witness', 'w');
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/already exists.*已存在/);
    ok('unit', 'add', '--event', 'zlj2020', '--id', 'TML', '--name', '檀木林小学', '--seats', '30');
    ok('unit', 'add', '--event', 'zlj2020', '--id', 'TKS', '--name', '塘坎上小学', '--seats', '30');

    const report = join(data, 'errors.xlsx');
    const bad = run('import', '--event', 'zlj2020', join(samplesDir, 'applicants-bad.xlsx'), '--report', report);
    expect(bad.code).toBe(2);
    for (const row of [5, 9, 11, 13, 15]) expect(bad.stderr).toContain(`row ${row} 第${row}行`);
    expect(existsSync(report)).toBe(true);

    expect(ok('import', '--event', 'zlj2020', join(samplesDir, 'applicants.gbk.csv'))).toMatch(/imported 105/);
    const published = ok('publish', '--event', 'zlj2020');
    const root = /listRoot\s+([0-9a-f]{64})/.exec(published)![1]!;
    expect(published).toMatch(/TML\s+30\s+47\s+yes/);

    const tooEarly = run('draw', '--event', 'zlj2020', '--source', '家长代表=1', '--source', '公证员=2');
    expect(tooEarly.code).toBe(2);
    ok('freeze', '--event', 'zlj2020');
    const wrongOrder = run('draw', '--event', 'zlj2020', '--source', '公证员=2', '--source', '家长代表=1');
    expect(wrongOrder.code).toBe(2);
    expect(wrongOrder.stderr).toMatch(/declared order/);

    ok('rehearse', '--event', 'zlj2020');
    const first = ok('draw', '--event', 'zlj2020', '--source', '家长代表=418305', '--source', '公证员=3,6,1,5,2,4');
    const seed = /seed\s+([0-9a-f]{64})/.exec(first)![1]!;
    const second = ok('draw', '--event', 'zlj2020', '--source', '家长代表=000000', '--source', '公证员=1');
    expect(second).toContain('nothing was recomputed');
    expect(second).toContain(seed);

    // An event that declares witnesses is drawn only in the public ceremony, never from here.
    ok('event', 'create', '--id', 'w2020', '--title', '见证人批次', '--witness', '公证员');
    const outside = run('draw', '--event', 'w2020', '--source', '公证员=418305');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('/ceremony/w2020/control');
    expect(outside.stderr).toMatch(/摇号仪式/);
    expect(outside.stderr).toMatch(/official draw happens only in the public ceremony/);

    ok('results', 'publish', '--event', 'zlj2020');
    const out = join(data, 'export');
    ok('export', '--event', 'zlj2020', '--out', out);
    const pub = join(out, 'public');
    const record = JSON.parse(readFileSync(join(pub, 'record.json'), 'utf8')) as {
      listRoot: string;
      units: { id: string; admitted: string[]; waitlist: string[] }[];
    };
    expect(record.listRoot).toBe(root);

    const decliner = record.units[0]!.admitted[0]!;
    // One seat comes free; groups are admitted whole (groupFit strict), so the seat goes to the first
    // waitlisted applicant who is not a member of a multiple-birth group. Registration numbers are
    // issued at random on import, so which one that is differs from run to run.
    const grouped = new Set(
      readFileSync(join(pub, 'list.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { id: string; group?: string })
        .filter((l) => l.group !== undefined)
        .map((l) => l.id),
    );
    const next = record.units[0]!.waitlist.find((r) => !grouped.has(r))!;
    const declined = ok('offer', 'decline', '--event', 'zlj2020', '--reg', decliner, '--reason', '已选择其他学校');
    expect(declined).toContain(`${next}\tTML\toffered`);
    expect(declined.match(/\toffered/g)).toHaveLength(1);

    const receipt = JSON.parse(ok('receipt', '--event', 'zlj2020', '--reg', decliner)) as { listRoot: string; line: string };
    expect(receipt.listRoot).toBe(root);
    expect(receipt.line).toContain(decliner);

    const audit = ok('audit', 'verify', '--event', 'zlj2020');
    expect(audit.split('\n')[0]).toBe('valid');

    // The public bundle holds no personal data and is accepted as it is by both verifiers.
    const publicText = ['rules.json', 'list.jsonl', 'sources.json', 'record.json', 'audit.json']
      .map((f) => readFileSync(join(pub, f), 'utf8'))
      .join('\n');
    const samples = readFileSync(join(samplesDir, 'applicants.utf8.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
    for (const line of samples) {
      const [name, , idNumber, , guardian, phone] = line.split(',');
      for (const secret of [name, idNumber, guardian, phone]) if (secret) expect(publicText).not.toContain(secret);
    }
    const files = [
      '--rules',
      join(pub, 'rules.json'),
      '--list',
      join(pub, 'list.jsonl'),
      '--sources',
      join(pub, 'sources.json'),
      '--record',
      join(pub, 'record.json'),
    ];
    expect(ok('verify', ...files).split('\n')[0]).toBe('valid');
    const py = spawnSync('python3', [join(repoRoot, 'verifier', 'fairdraw_verify.py'), ...files], { encoding: 'utf8' });
    expect(py.stdout.trim()).toBe('valid');

    // The internal workbook has one sheet per unit with full names, for the bureau only.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'internal', 'zlj2020-units.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '檀木林小学', '塘坎上小学']);
    const sheet = wb.getWorksheet('檀木林小学')!;
    // The record as drawn, in its order, then the current state below it; the export was taken
    // before the decline, so the current admitted are the drawn ones and the history is empty.
    const drawn = [...record.units[0]!.admitted, ...record.units[0]!.waitlist];
    expect(drawn.map((_, i) => String(sheet.getRow(2 + i).getCell(3).value))).toEqual(drawn);
    const below = Array.from({ length: sheet.rowCount - 1 - drawn.length }, (_, i) => sheet.getRow(2 + drawn.length + i));
    const section = (label: string): string[] => below.filter((r) => r.getCell(1).value === label).map((r) => String(r.getCell(3).value));
    expect(section('当前录取')).toEqual(record.units[0]!.admitted);
    expect(section('变动记录')).toEqual([]);
    expect(String(sheet.getRow(2).getCell(3).value)).toBe(record.units[0]!.admitted[0]);
    expect(String(sheet.getRow(2).getCell(4).value)).not.toBe('');
  }, 180_000);
});
