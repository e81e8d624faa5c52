/**
 * The city drill (bench/city-drill.ts) at a tiny scale on a real store: every district's event goes
 * from creation to published results through the demo's steps, in its own district, and its audit
 * log verifies when read back afresh.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cityDrill, cityModules, cityPlan, STAGES } from '../bench/city-drill.js';
import { openOffice } from '../src/app.js';
import { verifyAudit } from '../src/office/verify-audit.js';
import { databaseFor } from './pg-cluster.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('city drill', () => {
  it('plans 20 districts with 50 schools and 200,000 applicants at full scale', () => {
    const plan = cityPlan(20, 50, 200_000);
    expect(plan).toHaveLength(20);
    expect(plan.reduce((n, d) => n + d.units.length, 0)).toBe(50);
    expect(plan.reduce((n, d) => n + d.applicants, 0)).toBe(200_000);
    expect(new Set(plan.map((d) => d.code)).size).toBe(20);
    for (const d of plan) {
      expect(d.code).toMatch(/^\d{6}$/);
      expect(d.units.length === 2 || d.units.length === 3).toBe(true);
      expect(d.applicants).toBe(10_000);
    }
  });

  it('takes every district to published results, each audit verifying', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fairdraw-city-test-'));
    dirs.push(dataDir);
    const database = databaseFor(dataDir);
    const report = await cityDrill(await cityModules('src'), { districts: 2, schools: 5, applicants: 200, dataDir, database });
    expect(report).toMatchObject({
      store: database ? 'postgres' : 'sqlite',
      districts: 2,
      schools: 5,
      applicants: 200,
      atResults: 2,
      auditOk: 2,
    });
    for (const s of STAGES) expect(report.stages[s].totalMs).toBeGreaterThanOrEqual(0);
    // 100 applicants a district for 60 places; every school is some 50 or 33 applicants' first
    // choice for 30 or 20 places, so every place is filled: 120 offers.
    expect(report.offers).toBe(120);

    // Read back on a fresh office, not from the drill's own report.
    const office = await openOffice({ dataDir, database });
    try {
      const districts = await office.store.repos.districts.list();
      expect(districts.map((d) => d.id).sort()).toEqual(['d01', 'd02']);
      for (const id of ['city-2026-d01', 'city-2026-d02']) {
        const ev = await office.store.repos.events.getById(id);
        expect(ev?.status).toBe('results');
        expect(ev?.district_id).toBe(id.slice(-3));
        expect(await office.store.repos.applicants.countByEvent(id)).toBe(100);
        const actions = (await office.store.repos.audit.list(id)).map((e) => e.action);
        expect(actions).toContain('draw.official');
        expect(actions).toContain('results.publish');
        expect((await verifyAudit(office, id)).ok).toBe(true);
      }
    } finally {
      await office.close();
    }
  });
});
