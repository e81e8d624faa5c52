/**
 * Reading and checking on the helper thread gives what reading on this thread gives: the same
 * applicants, errors, skipped rows, summary and source, the same refusals (with the sheets of an
 * ambiguous workbook), and the file's SHA-256. The helper is the built dist/ (the tests build it).
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { sha256 } from '../../core/hash.js';
import { toHex } from '../../core/bytes.js';
import { FairDrawError } from '../../core/errors.js';
import { spawnSync } from 'node:child_process';
import { checkApplicantsFile, IMPORT_WORKER_FILE, ImportHelper, WORKER_MIN_BYTES } from './in-worker.js';
import { importApplicantsFile } from './index.js';
import { SheetChoiceRequired } from './sheet-choice.js';
import { fakeId, SAMPLE_UNITS, SAMPLE_WINDOW, utf8, xlsxBytes } from './test-support.js';

const HEADER = ['姓名', '性别', '身份证号', '出生日期', '志愿1', '类别', '多胞胎组'];
const school = SAMPLE_UNITS[0]!.name;

function csv(rows: number, plant: (cells: string[], i: number) => void = () => undefined): Uint8Array {
  const lines = [HEADER.join(',')];
  for (let i = 0; i < rows; i++) {
    const birth = new Date(Date.UTC(2013, 8, 1 + (i % 365))).toISOString().slice(0, 10);
    const cells = [
      `学生${i}`,
      '男',
      fakeId(birth, Math.floor(i / 365) * 2 + 1),
      birth,
      school,
      '1',
      i % 500 < 2 ? `T${Math.floor(i / 500)}` : '',
    ];
    plant(cells, i);
    lines.push(cells.join(','));
  }
  return utf8(`${lines.join('\n')}\n`);
}

/** The units and age window; `stored`: an ID number already imported (row 6 of every file repeats it). */
const options = (stored = false) => ({
  units: SAMPLE_UNITS,
  ageWindow: SAMPLE_WINDOW,
  existingIdNumbers: new Set(stored ? [fakeId('2013-09-05', 1)] : []),
});

describe('checking an applicant file on the helper thread', () => {
  it('is built', () => {
    expect(existsSync(IMPORT_WORKER_FILE)).toBe(true);
  });

  it('gives the same outcome as this thread for a clean file, with progress and the file hash', async () => {
    const bytes = csv(20_000);
    expect(bytes.length).toBeGreaterThan(WORKER_MIN_BYTES); // chosen by size, too
    const progress: number[] = [];
    const here = await importApplicantsFile(bytes, '名单.csv', options());
    const there = await checkApplicantsFile(bytes, '名单.csv', { ...options(), onProgress: (done) => progress.push(done) });
    const { fileSha256, ...rest } = there;
    expect(rest).toEqual(here);
    expect(here.ok).toBe(true);
    expect(here.applicants).toHaveLength(20_000);
    expect(fileSha256).toBe(toHex(sha256(bytes)));
    expect(progress.at(-1)).toBe(20_000);
  });

  it('reports the same row errors', async () => {
    const bytes = csv(3000, (cells, i) => {
      if (i === 1234) cells[4] = '不存在小学';
      if (i === 2000) cells[2] = '123';
    });
    const here = await importApplicantsFile(bytes, '名单.csv', options(true));
    const there = await checkApplicantsFile(bytes, '名单.csv', options(true), { worker: true });
    expect(here.ok).toBe(false);
    expect(there.errors).toEqual(here.errors);
    expect([...new Set(there.errors.map((e) => e.row))]).toEqual([6, 1236, 2002]);
  });

  it('refuses as this thread does: the same code, messages and place, and the sheets to choose from', async () => {
    const two = await xlsxBytes((wb) => {
      for (const name of ['一班', '二班']) {
        const ws = wb.addWorksheet(name);
        ws.addRow(HEADER);
        ws.addRow(['张三', '男', fakeId('2013-10-01', 3), '2013-10-01', school, '1', '']);
      }
    });
    const e = await checkApplicantsFile(two, '名单.xlsx', options(), { worker: true }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SheetChoiceRequired);
    expect((e as SheetChoiceRequired).sheets).toEqual(['一班', '二班']);
    const plain = await checkApplicantsFile(utf8('名字,别的\n张三,x\n'), '名单.csv', options(), { worker: true }).catch((x: unknown) => x);
    const local = await importApplicantsFile(utf8('名字,别的\n张三,x\n'), '名单.csv', options()).catch((x: unknown) => x);
    expect(plain).toBeInstanceOf(FairDrawError);
    expect((plain as FairDrawError).toJSON()).toEqual((local as FairDrawError).toJSON());
    const tooMany = await checkApplicantsFile(csv(50), '名单.csv', { ...options(), limits: { maxRows: 10 } }, { worker: true }).catch(
      (x: unknown) => x,
    );
    expect((tooMany as FairDrawError).code).toBe('import.too-many-rows');
  });

  describe('a helper thread started beforehand (ImportHelper)', () => {
    it('is the thread that reads the file, taken once', async () => {
      const bytes = csv(3000);
      const here = await importApplicantsFile(bytes, '名单.csv', options());
      const helper = ImportHelper.start()!;
      const there = await checkApplicantsFile(bytes, '名单.csv', options(), { worker: true, helper });
      expect(there.applicants).toEqual(here.applicants);
      // Taken by the import (which ended it): nothing is left to take.
      expect(helper.take()).toBeUndefined();
    });

    it('left unused, ends with stop, and keeps no process alive meanwhile', async () => {
      const helper = ImportHelper.start()!;
      await helper.stop();
      expect(helper.take()).toBeUndefined();
      // A process that starts a helper and never takes it ends on its own.
      const script = `const { ImportHelper } = await import(${JSON.stringify(IMPORT_WORKER_FILE.replace(/import-worker\.js$/, 'in-worker.js'))});
        if (ImportHelper.start() === undefined) process.exit(3);
        setTimeout(() => console.log('ended'), 200);`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
      expect({ status: r.status, signal: r.signal, out: r.stdout.trim() }).toEqual({ status: 0, signal: null, out: 'ended' });
    });
  });

  describe('streaming each row as it is checked (onChecked)', () => {
    it('hands on every applicant, in order, the same as the list, and returns only after the last slice is handed on', async () => {
      const bytes = csv(20_000);
      const here = await importApplicantsFile(bytes, '名单.csv', options());
      const slices: number[] = [];
      const got: unknown[] = [];
      let handedOn = 0;
      const there = await checkApplicantsFile(bytes, '名单.csv', options(), {
        onChecked: async (applicants) => {
          slices.push(applicants.length);
          await new Promise((resolve) => setTimeout(resolve, 1));
          got.push(...applicants);
          handedOn++;
        },
      });
      expect(handedOn).toBe(slices.length);
      expect(got).toEqual(here.applicants);
      expect(there.streamed).toBe(20_000);
      expect(there.applicants).toEqual([]);
      expect(there.ok).toBe(true);
      expect(there.summary).toEqual(here.summary);
      expect(Math.max(...slices)).toBeLessThanOrEqual(1000);
    });

    it('keeps handing on after the helper has read the whole file and stopped', async () => {
      // Each slice takes longer to hand on than the helper takes to read it: the helper is done
      // (its thread ended) long before the last slice is handed on.
      const bytes = csv(20_000);
      let handed = 0;
      const there = await checkApplicantsFile(bytes, '名单.csv', options(), {
        onChecked: async (applicants) => {
          await new Promise((resolve) => setTimeout(resolve, 40));
          handed += applicants.length;
        },
      });
      expect(there.ok).toBe(true);
      expect(handed).toBe(20_000);
    });

    it('reports the errors of a file whose rows were handed on before an error was found across rows', async () => {
      // Row 19,000 repeats the ID number of the first row: found only when row 19,000 is read.
      const bytes = csv(19_000, (cells, i) => {
        if (i === 18_998) [cells[2], cells[3]] = [fakeId('2013-09-01', 1), '2013-09-01'];
      });
      let handed = 0;
      const there = await checkApplicantsFile(bytes, '名单.csv', options(), {
        onChecked: async (applicants) => void (handed += applicants.length),
      });
      expect(there.ok).toBe(false);
      expect(there.errors.map((e) => [e.row, e.code])).toEqual([[19_000, 'idcard.duplicate']]);
      expect(handed).toBeGreaterThan(18_000);
    });

    it('waits for the slice being handed on before it reports a refusal found half-way, and hands on nothing after', async () => {
      // A workbook is refused at its 2,501st data row (the limit), after two slices were sent on.
      const bytes = await xlsxBytes((wb) => {
        const ws = wb.addWorksheet('名单');
        ws.addRow(HEADER);
        for (let i = 0; i < 3000; i++) {
          const birth = new Date(Date.UTC(2013, 8, 1 + (i % 365))).toISOString().slice(0, 10);
          ws.addRow([`学生${i}`, '男', fakeId(birth, Math.floor(i / 365) * 2 + 1), birth, school, '1', '']);
        }
      });
      const events: string[] = [];
      const e = await checkApplicantsFile(
        bytes,
        '名单.xlsx',
        { ...options(), limits: { maxRows: 2500 } },
        {
          onChecked: async () => {
            events.push('start');
            await new Promise((resolve) => setTimeout(resolve, 1500));
            events.push('end');
          },
        },
      ).catch((x: unknown) => x);
      expect((e as FairDrawError).code).toBe('import.too-many-rows');
      events.push('refused');
      // The refusal came while the first slice was being handed on (reading 1,500 more rows takes
      // far less than 1.5 s): it waited for that slice, and the second slice was never handed on.
      expect(events).toEqual(['start', 'end', 'refused']);
    });

    it('stops at the first slice that cannot be handed on, and says why', async () => {
      const bytes = csv(20_000);
      let calls = 0;
      const e = await checkApplicantsFile(bytes, '名单.csv', options(), {
        onChecked: async () => {
          if (++calls === 3) throw new Error('disk full');
        },
      }).catch((x: unknown) => x);
      expect((e as Error).message).toBe('disk full');
      expect(calls).toBe(3);
    });
  });
});
