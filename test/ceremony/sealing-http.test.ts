/**
 * Sealed values over HTTP, as the console, the control panel and the phones use them: the direct
 * draw route refuses an event with witnesses; a hall entry needs a second staff member of another
 * role; no answer shows a value before every commitment is in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealedValue } from '../../src/office/ceremony/simulated.js';
import { EVENT, LABELS, VALUES } from './fixtures.js';
import { OPERATOR, startServer, SUPERVISOR, type TestServer } from './server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer([{ drandRound: null }]);
});
afterAll(async () => {
  await s?.stop();
});

const code = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  throw new Error('was accepted');
};

describe('sealed values over HTTP', () => {
  it('POST /api/events/:id/draw refuses an event that declares witnesses, pointing to the ceremony', async () => {
    const sources = LABELS.map((label, i) => ({ label, value: VALUES[i] }));
    expect(await code(s.op('POST', `/api/events/${EVENT}/draw`, { sources }))).toBe('draw.ceremony-only');
    const res = await s.app.inject({ method: 'GET', url: `/api/events/${EVENT}` });
    expect(res.statusCode).toBeLessThan(500);
    expect(await s.office.store.repos.draws.official(EVENT)).toBeUndefined();
  });

  it('a hall entry is confirmed by a staff member of another role; nothing shows a value before all are sealed', async () => {
    await s.op('POST', `/api/ceremony/${EVENT}/open`);
    await s.op('POST', `/api/ceremony/${EVENT}/meeting`, { place: '教育局三楼会议室', startedAt: '2020-07-20T09:30' });
    const seals = LABELS.map((label, i) => sealedValue(EVENT, i, label, VALUES[i]!));
    const hall = (i: number, confirm: { username: string; password: string }) =>
      s.op('POST', `/api/ceremony/${EVENT}/slots/${i}/commit`, { commitment: seals[i]!.commitment, confirm });
    expect(await code(hall(0, OPERATOR))).toBe('ceremony.confirm');
    expect(await code(hall(0, { ...SUPERVISOR, password: 'wrong-password-2026' }))).toBe('ceremony.confirm');
    await hall(0, SUPERVISOR);
    await hall(1, SUPERVISOR);
    // The operator cannot type a witness value.
    expect(await code(s.op('POST', `/api/ceremony/${EVENT}/slots/2/value`, { value: VALUES[2] }))).toBe('ceremony.sealed-entry');
    const answers = [
      JSON.stringify(await s.op('GET', `/api/ceremony/${EVENT}`)),
      JSON.stringify(await s.op('GET', `/api/ceremony/${EVENT}/log`)),
      JSON.stringify(await s.op('GET', `/api/events/${EVENT}/audit`).catch(() => null)),
    ].join('\n');
    for (const v of VALUES) expect(answers).not.toContain(v);
    expect(answers).toContain(seals[0]!.commitment);
    const audit = await s.office.store.repos.audit.list(EVENT);
    // The confirming supervisor is named by role and public tag, never by username.
    const tag = (await s.office.store.repos.accounts.get(SUPERVISOR.username))!.tag;
    expect(tag).toMatch(/^[0-9a-f]{8}$/);
    expect(audit.filter((e) => e.action === 'ceremony.hall-confirm').map((e) => e.details)).toEqual([
      { index: 0, label: LABELS[0], confirmedBy: `supervisor:${tag}` },
      { index: 1, label: LABELS[1], confirmedBy: `supervisor:${tag}` },
    ]);
    expect(JSON.stringify(audit)).not.toContain(`:${SUPERVISOR.username}`);
    expect(audit.filter((e) => e.action === 'ceremony.commit').map((e) => (e.details as { via: string }).via)).toEqual(['hall', 'hall']);
  });
});
