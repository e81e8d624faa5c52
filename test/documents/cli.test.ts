/** `fairdraw document …`: writes each document atomically, refuses bad input with exit code 2. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main.js';
import type { StoredRecord } from '../../src/office/documents/drawn-event.js';
import { fairdraw } from '../cli-run.js';
import { BASE_URL, EVENT, drawnEvent, pdfText, type Drawn } from './drawn.js';

let t: Drawn;
let record: StoredRecord;

beforeAll(async () => {
  t = await drawnEvent({ results: true });
  record = JSON.parse((await t.office.store.repos.draws.official(EVENT))!.record_text) as StoredRecord;
});
afterAll(async () => {
  await t.office.close();
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['document', ...args, '--data', t.dataDir], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('fairdraw document', () => {
  it('writes the announcement, the ceremony record and the notices as PDF', async () => {
    const file = (n: string): string => join(t.dataDir, n);
    const reg = record.units[0]!.admitted[0]!;
    for (const args of [
      ['announcement', '--event', EVENT, '--out', file('a.pdf'), '--base-url', BASE_URL],
      ['ceremony', '--event', EVENT, '--out', file('c.pdf'), '--place', '区教育局会议室'],
      ['notice', '--event', EVENT, '--reg', reg, '--out', file('n.pdf'), '--base-url', `${BASE_URL}/`],
      ['notices', '--event', EVENT, '--unit', 'TKS', '--out', file('u.pdf'), '--base-url', BASE_URL],
    ]) {
      const r = await run(...args);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain('已写入');
      const out = args[args.indexOf('--out') + 1]!;
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect(pdfText(file('c.pdf'))).toContain('区教育局会议室');
    expect(pdfText(file('n.pdf')).replace(/\s+/g, '')).toContain(`${BASE_URL}/portal/${EVENT}/applicant/${reg}`);
    expect(readdirSync(t.dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes the import template for the event', async () => {
    const out = join(t.dataDir, 'template.xlsx');
    expect((await run('template', '--event', EVENT, '--out', out)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(readFileSync(out)).buffer);
    expect(wb.getWorksheet('报名名单')!.getCell('G1').value).toBe('志愿1');
    expect(wb.getWorksheet('招生单元')!.getCell('B2').value).toBe('檀木林小学');
  });

  it('takes the base address from FAIRDRAW_BASE_URL and refuses to print without one', async () => {
    const saved = process.env.FAIRDRAW_BASE_URL;
    try {
      delete process.env.FAIRDRAW_BASE_URL;
      expect((await run('settings', '--event', EVENT, '--set', 'publicUrl=')).code).toBe(0);
      const out = join(t.dataDir, 'none.pdf');
      const r = await run('announcement', '--event', EVENT, '--out', out);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^error: .*public site address \(publicUrl\).* \/ .*公开核验网址/);
      expect(existsSync(out)).toBe(false);
      process.env.FAIRDRAW_BASE_URL = BASE_URL;
      expect((await run('announcement', '--event', EVENT, '--out', out)).code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.FAIRDRAW_BASE_URL;
      else process.env.FAIRDRAW_BASE_URL = saved;
      await run('settings', '--event', EVENT, '--set', `publicUrl=${BASE_URL}`);
    }
  });

  it('shows and changes the document settings, refusing a bad value', async () => {
    const shown = await run('settings', '--event', EVENT);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('issuer\t发布单位\t自贡市自流井区教育和体育局');
    const changed = await run('settings', '--event', EVENT, '--set', 'copies=5', '--set', 'reportPlace=学校操场');
    expect(changed.code).toBe(0);
    expect(changed.out).toContain('copies\t一式份数\t5');
    expect(changed.out).toContain('reportPlace\t报到地点\t学校操场');
    const bad = await run('settings', '--event', EVENT, '--set', 'contactPhone=无', '--set', 'copies=7');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/contactPhone/);
    expect((await run('settings', '--event', EVENT)).out).toContain('copies\t一式份数\t5');
    expect((await run('settings', '--event', EVENT, '--set', 'nonsense')).err).toMatch(/name=value/);
  });

  it('refuses an unknown document, a missing flag, an unknown event or 报名号 with exit code 2', async () => {
    const out = join(t.dataDir, 'x.pdf');
    const cases: [string[], RegExp][] = [
      [['poster', '--event', EVENT, '--out', out], /unknown document poster.*未知的文书种类/],
      [['notice', '--event', EVENT, '--out', out, '--base-url', BASE_URL], /--reg/],
      [['notices', '--event', EVENT, '--unit', 'XYZ', '--out', out, '--base-url', BASE_URL], /unit XYZ/],
      [['announcement', '--event', EVENT, '--base-url', BASE_URL], /--out/],
      [['announcement', '--event', 'nope', '--out', out, '--base-url', BASE_URL], /there is no event nope.*没有编号为 nope/],
      [['notice', '--event', EVENT, '--reg', 'ZZZZZZZZZZ', '--out', out, '--base-url', BASE_URL], /ZZZZZZZZZZ/],
      [['ceremony', '--event', EVENT, '--out', out, '--bogus'], /--bogus/],
    ];
    for (const [args, message] of cases) {
      const r = await run(...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('runs as the real command', () => {
    const out = join(t.dataDir, 'real.pdf');
    const r = fairdraw(['document', 'ceremony', '--event', EVENT, '--out', out, '--data', t.dataDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});
