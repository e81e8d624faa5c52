/** The import route: the sheet field, the answer that lists the sheets, and the upload limit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { createAccount } from '../../src/office/accounts/accounts.js';
import { createEvent } from '../../src/office/create-event.js';
import { addUnit } from '../../src/office/add-unit.js';
import { testOffice } from '../office/harness.js';
import { fakeId, xlsxBytes } from '../../src/office/import/test-support.js';

let app: FastifyInstance;
let t: Awaited<ReturnType<typeof testOffice>>;
let auth: { cookie: string; 'x-csrf-token': string };

const HEADER = ['姓名', '性别', '身份证号', '志愿1', '类别'];
const boy = (seq: number): string => fakeId('2013-10-01', seq * 2 + 1);

beforeAll(async () => {
  t = await testOffice();
  await createAccount(t.office, { username: 'op', role: 'operator', password: 'quiet-lantern-harbour-42' });
  await createEvent(t.office, { id: 'e1', title: '导入', mechanism: 'deferred-acceptance', tieBreak: 'single', groupFit: 'strict' }, 'op');
  await addUnit(t.office, { event: 'e1', id: 'A', name: '甲小学', seats: 10 }, 'op');
  app = await buildServer({ office: t.office });
  await app.ready();
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'op', password: 'quiet-lantern-harbour-42' } });
  const c = r.cookies.find((x) => x.name === 'fairdraw_session')!;
  auth = { cookie: `${c.name}=${c.value}`, 'x-csrf-token': (r.json() as { csrf: string }).csrf };
});
afterAll(async () => {
  await app.close();
  await t.office.close();
});

function post(body: Uint8Array, query = '', headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: `/api/events/e1/import${query}`,
    payload: Buffer.from(body),
    headers: { ...auth, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('名单.xlsx'), ...headers },
  });
}

describe('POST /api/events/:id/import', () => {
  it('answers 409 with the sheets when two look like applicant lists, and imports the one named in `sheet`', async () => {
    const bytes = await xlsxBytes((wb) => {
      const a = wb.addWorksheet('一班');
      a.addRow(HEADER);
      a.addRow(['张三', '男', boy(1), '甲小学', '1']);
      const b = wb.addWorksheet('二班');
      b.addRow(HEADER);
      b.addRow(['李四', '男', boy(2), '甲小学', '1']);
      b.addRow(['王五', '男', boy(3), '甲小学', '1']);
    });
    const refused = await post(bytes);
    expect(refused.statusCode).toBe(409);
    const body = refused.json() as { error: { code: string; zh: string }; errors: { sheets: string[] } };
    expect(body.error.code).toBe('import.sheet-ambiguous');
    expect(body.errors.sheets).toEqual(['一班', '二班']);
    expect(await t.office.store.repos.applicants.countByEvent('e1')).toBe(0);

    const ok = await post(bytes, `?sheet=${encodeURIComponent('二班')}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ imported: 2, sheet: '二班', skipped: [] });
    expect(await t.office.store.repos.applicants.countByEvent('e1')).toBe(2);
  });

  it('refuses an upload over the size limit before reading it, in both languages', async () => {
    const r = await post(new Uint8Array(10), '', { 'content-length': String(300 * 2 ** 20) });
    expect(r.statusCode).toBe(400);
    const e = (r.json() as { error: { code: string; zh: string; en: string; where: { file: string } } }).error;
    expect(e.code).toBe('import.file-too-large');
    expect(e.zh).toContain('文件超过 200 MB');
    expect(e.en).toContain('larger than 200 MB');
    expect(e.where.file).toBe('名单.xlsx');
  });
});
