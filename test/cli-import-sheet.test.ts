/** `fairdraw import --sheet`: a workbook with two applicant sheets is refused until one is named. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fairdraw } from './cli-run.js';
import { fakeId, xlsxBytes } from '../src/office/import/test-support.js';

describe('fairdraw import --sheet', () => {
  it('lists the sheets to choose from, then imports the one named', async () => {
    const data = mkdtempSync(join(tmpdir(), 'fairdraw-cli-sheet-'));
    const env = { FAIRDRAW_DATA: data };
    expect(fairdraw(['event', 'create', '--id', 'e1', '--title', '工作表', '--witness', '公证员'], env).code).toBe(0);
    expect(fairdraw(['unit', 'add', '--event', 'e1', '--id', 'A', '--name', '甲小学', '--seats', '5'], env).code).toBe(0);
    const file = join(data, '名单.xlsx');
    writeFileSync(
      file,
      await xlsxBytes((wb) => {
        for (const [name, seqs] of [
          ['一班', [1]],
          ['二 班', [3, 5]],
        ] as const) {
          const ws = wb.addWorksheet(name);
          ws.addRow(['姓名', '性别', '身份证号', '志愿1', '类别']);
          for (const s of seqs) ws.addRow([`学生${s}`, '男', fakeId('2013-10-01', s), '甲小学', '1']);
        }
      }),
    );

    const refused = fairdraw(['import', '--event', 'e1', file], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('2 sheets of the workbook look like an applicant list');
    expect(refused.stderr).toContain('--sheet 一班');
    expect(refused.stderr).toContain('--sheet "二 班"');

    const ok = fairdraw(['import', '--event', 'e1', '--sheet', '二 班', file], env);
    expect(ok.stderr.includes('error:') ? ok.stderr : '').toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('imported 2 applicants from 名单.xlsx (sheet 二 班)');
  }, 180_000);
});
