/**
 * Crash safety, not timed by luck: the command is killed (SIGKILL, as a power cut would) at named
 * points it passes through (FAIRDRAW_CRASH_AT; see docs/cli.md) — inside the transaction of an
 * import, a publication, a freeze, the official draw, the results and an offer, just after the
 * draw committed, and in the middle of a backup. Afterwards the database is consistent (nothing
 * half-written), `audit verify` passes, and doing the same again completes.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fairdraw, type Run } from '../cli-run.js';
import { openOffice } from '../../src/app.js';
import { databaseFor, itOnSqlite } from '../pg-cluster.js';
import { sqliteOf } from '../../src/store/index.js';
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import { verifyAudit } from '../../src/office/verify-audit.js';
import { draw } from '../../src/core/draw.js';
import { utf8 } from '../../src/core/bytes.js';
import type { Office } from '../../src/office/ports.js';
import { runFlow } from './flows.js';
import { syntheticCsv } from './synthetic.js';

type Step = 'created' | 'imported' | 'published' | 'frozen' | 'drawn' | 'results';

/** A data directory with event e1 (unit A, 2 seats) taken to `step` in this process. */
async function at(step: Step): Promise<string> {
  const data = join(mkdtempSync(join(tmpdir(), 'fairdraw-crash-')), 'data');
  const office = await openOffice({ dataDir: data, database: databaseFor(data) });
  try {
    if (step === 'created') {
      await createEvent(
        office,
        {
          id: 'e1',
          title: '测试批次',
          mechanism: 'deferred-acceptance',
          tieBreak: 'single',
          groupFit: 'strict',
          declaredSources: [{ kind: 'public', label: '公证员' }],
        },
        'op',
      );
      await addUnit(office, { event: 'e1', id: 'A', name: '甲小学', seats: 2 }, 'op');
    } else {
      await runFlow(office, 'e1', 5, step);
    }
  } finally {
    await office.close();
  }
  return data;
}

function killedAt(point: string, args: string[], data: string): void {
  const r = fairdraw(args, { FAIRDRAW_DATA: data, FAIRDRAW_CRASH_AT: point });
  expect(r.signal, `${point}: ${r.stderr}`).toBe('SIGKILL');
}

function ok(args: string[], data: string): Run {
  const r = fairdraw(args, { FAIRDRAW_DATA: data });
  expect(r.stderr.match(/^error:.*$/m)?.[0] ?? '').toBe('');
  expect(r.code).toBe(0);
  return r;
}

/** Opens the data directory after the crash: the audit log verifies, then `check` looks at the rest. */
async function after(data: string, check: (office: Office) => Promise<void>): Promise<void> {
  const office = await openOffice({ dataDir: data, database: databaseFor(data) });
  try {
    const v = await verifyAudit(office, 'e1');
    expect(v.ok, JSON.stringify(v)).toBe(true);
    await check(office);
  } finally {
    await office.close();
  }
}

const actions = async (office: Office): Promise<string[]> => (await office.store.repos.audit.list('e1')).map((e) => e.action);
const status = async (office: Office): Promise<string> => (await office.store.repos.events.getById('e1'))!.status;

describe('crash safety at named points', () => {
  it('import: killed inside its transaction, no applicant and no log entry; a retry imports all', async () => {
    const data = await at('created');
    const csv = join(data, '..', 'list.csv');
    writeFileSync(csv, syntheticCsv(Array.from({ length: 2000 }, () => ({ name: '', choices: ['甲小学'] }))));
    killedAt('applicants.import:logged', ['import', '--event', 'e1', csv], data);
    await after(data, async (office) => {
      expect(await office.store.repos.applicants.countByEvent('e1')).toBe(0);
      expect(await actions(office)).not.toContain('applicants.import');
    });
    ok(['import', '--event', 'e1', csv], data);
    await after(data, async (office) => expect(await office.store.repos.applicants.countByEvent('e1')).toBe(2000));
  }, 120_000);

  itOnSqlite(
    'import of a large file, stored in parts: killed after a part or before the last commit, nothing is listed; a retry imports all',
    async () => {
      const data = await at('created');
      const csv = join(data, '..', 'big.csv');
      const bytes = syntheticCsv(Array.from({ length: 16_000 }, () => ({ name: '', choices: ['甲小学'] })));
      expect(bytes.length).toBeGreaterThanOrEqual(1024 * 1024); // read, checked and stored on the import's helper thread
      writeFileSync(csv, bytes);
      const stored = (office: Office): number =>
        (sqliteOf(office.store.db).prepare(`SELECT count(*) AS n FROM applicants WHERE event_id = 'e1'`).get() as { n: number }).n;
      // As the server imports it (the command line stores a file in one transaction, as above).
      const importAsServer = (env: Record<string, string>) =>
        spawnSync(
          process.execPath,
          ['--import', 'tsx', fileURLToPath(new URL('./import-as-server.ts', import.meta.url)), data, 'e1', csv],
          {
            encoding: 'utf8',
            env: { ...process.env, FAIRDRAW_CRASH_AT: '', ...env },
          },
        );
      const killed = (point: string): void => {
        const r = importAsServer({ FAIRDRAW_CRASH_AT: point });
        expect(r.signal, `${point}: ${r.stderr}`).toBe('SIGKILL');
      };
      killed('applicants.import:part-stored');
      await after(data, async (office) => {
        expect(stored(office)).toBeGreaterThan(0); // the first part is in the file …
        expect(stored(office)).toBeLessThan(16_000);
        expect(await office.store.repos.applicants.countByEvent('e1')).toBe(0); // … and in no list
        expect(await office.store.repos.applicants.search('e1', { offset: 0, limit: 10 })).toEqual({ total: 0, rows: [] });
        expect(await actions(office)).not.toContain('applicants.import');
      });
      killed('applicants.import:logged');
      await after(data, async (office) => {
        expect(stored(office)).toBe(16_000); // every part, the first attempt's deleted
        expect(await office.store.repos.applicants.countByEvent('e1')).toBe(0);
        expect(await actions(office)).not.toContain('applicants.import');
      });
      const done = importAsServer({});
      expect(done.stderr).toBe('');
      expect(done.stdout).toBe('imported 16000\n');
      await after(data, async (office) => {
        expect(stored(office)).toBe(16_000);
        expect(await office.store.repos.applicants.countByEvent('e1')).toBe(16_000);
        expect(await office.store.repos.applicants.allImportsInParts()).toEqual([]);
        expect((await actions(office)).filter((a) => a === 'applicants.import')).toHaveLength(1);
      });
    },
    180_000,
  );

  it('publish and freeze: killed inside their transactions, the event stays where it was; a retry moves it on', async () => {
    const data = await at('imported');
    killedAt('event.publish:logged', ['publish', '--event', 'e1'], data);
    await after(data, async (office) => {
      expect(await status(office)).toBe('draft');
      expect(await office.store.repos.publications.latest('e1')).toBeUndefined();
    });
    ok(['publish', '--event', 'e1'], data);
    killedAt('event.freeze:logged', ['freeze', '--event', 'e1'], data);
    await after(data, async (office) => {
      expect(await status(office)).toBe('published');
      expect(await actions(office)).not.toContain('event.freeze');
    });
    ok(['freeze', '--event', 'e1'], data);
    await after(data, async (office) => expect(await status(office)).toBe('frozen'));
  }, 120_000);

  it('draw: killed before its commit nothing is stored; killed just after, it is stored whole and a retry shows it', async () => {
    const data = await at('frozen');
    const args = ['draw', '--event', 'e1', '--source', '公证员=271828'];
    killedAt('draw.official:logged', args, data);
    await after(data, async (office) => {
      expect(await status(office)).toBe('frozen');
      expect(await office.store.repos.draws.official('e1')).toBeUndefined();
    });
    killedAt('draw.official:committed', args, data);
    let recordSha = '';
    await after(data, async (office) => {
      expect(await status(office)).toBe('drawn');
      const pub = (await office.store.repos.publications.latest('e1'))!;
      const official = (await office.store.repos.draws.official('e1'))!;
      const fresh = draw({
        rules: utf8(pub.rules_text),
        list: utf8(pub.list_text),
        sources: utf8('[{"kind":"public","label":"公证员","value":"271828"}]'),
      });
      expect(official.record_text).toBe(new TextDecoder().decode(fresh.recordBytes));
      recordSha = official.record_sha256;
    });
    const again = ok(args, data);
    expect(again.stdout).toMatch(/already took place/);
    expect(again.stdout).toContain(`record sha256 ${recordSha}`);
    await after(data, async (office) => expect((await actions(office)).filter((a) => a === 'draw.official')).toHaveLength(1));
  }, 120_000);

  it('results and offers: killed inside their transactions, nothing is offered or changed; a retry completes', async () => {
    const data = await at('drawn');
    killedAt('results.publish:logged', ['results', 'publish', '--event', 'e1'], data);
    await after(data, async (office) => {
      expect(await status(office)).toBe('drawn');
      expect(await office.store.repos.offers.listByEvent('e1')).toEqual([]);
    });
    ok(['results', 'publish', '--event', 'e1'], data);
    let reg = '';
    await after(data, async (office) => {
      const offers = await office.store.repos.offers.listByEvent('e1');
      expect(offers.map((o) => o.status)).toEqual(['offered', 'offered']);
      reg = offers[0]!.reg_no;
    });
    const decline = ['offer', 'decline', '--event', 'e1', '--reg', reg, '--reason', '已选择民办学校'];
    killedAt('offer.decline:logged', decline, data);
    await after(data, async (office) => {
      const offers = await office.store.repos.offers.listByEvent('e1');
      expect(offers.map((o) => o.status)).toEqual(['offered', 'offered']);
      expect(await actions(office)).not.toContain('offer.decline');
    });
    const r = ok(decline, data);
    expect(r.stdout).toMatch(new RegExp(`^${reg}\\tA\\tdeclined`, 'm'));
    expect(r.stdout).toMatch(/\tA\toffered\t/);
  }, 120_000);

  itOnSqlite(
    'backup: killed after the copy or before the rename, no backup file and no log entry; a retry writes one',
    async () => {
      const data = await at('results');
      const dir = mkdtempSync(join(tmpdir(), 'fairdraw-crash-backup-'));
      const out = join(dir, 'b.tar');
      for (const point of ['backup:copied', 'backup:written']) {
        killedAt(point, ['backup', '--out', out], data);
        expect(existsSync(out)).toBe(false);
        await after(data, async (office) => expect(await office.store.db.selectFrom('backups').selectAll().execute()).toEqual([]));
      }
      ok(['backup', '--out', out], data);
      expect(existsSync(out)).toBe(true);
      // only the killed attempts' temporary files are left beside it, never under the real name
      expect(
        readdirSync(dir)
          .filter((f) => f !== 'b.tar')
          .every((f) => f.startsWith('.b.tar.')),
      ).toBe(true);
      const restored = fairdraw(['restore', '--from', out, '--data', join(dir, 'restored')]);
      expect(restored.stdout).toMatch(/^e1: valid/m);
      expect(restored.code).toBe(0);
    },
    120_000,
  );
});
