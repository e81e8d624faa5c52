/**
 * `fairdraw site` for a CDN or object storage: every family of the published list has a page at its
 * own address (the one on its notice) that opens its own result, and a shard that holds that
 * result; every file is of a type whose cache headers docs/deploy.md gives. (The browser walk
 * through one family's address is in static-site.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteFiles } from '../../src/office/public/site.js';
import { shardName, shardPrefixLength } from '../../src/office/public/site-paths.js';
import { testOffice } from '../office/harness.js';
import { demoEvent, EVENT } from './fixture.js';

let t: Awaited<ReturnType<typeof testOffice>>;
let files: Map<string, string>;
beforeAll(async () => {
  t = await testOffice();
  await demoEvent(t.office, 'declined', t.clock);
  files = await siteFiles(t.office, EVENT);
});
afterAll(async () => {
  await t.office.close();
});

describe('a static site for any CDN', () => {
  it('gives every family of the list a page at its own address, opening its own result, and a shard holding it', () => {
    const list = files.get(`data/events/${EVENT}/bundle/list.jsonl`)!;
    const regs = [...list.matchAll(/"id":"(\w+)"/g)].map((m) => m[1]!);
    expect(regs).toHaveLength(105);
    const prefix = shardPrefixLength(regs.length);
    for (const reg of regs) {
      const page = files.get(`portal/${EVENT}/applicant/${reg}/index.html`);
      expect(page, reg).toBeDefined();
      expect(page).toContain(JSON.stringify(`#/${EVENT}/applicant/${reg}`));
      expect(page).toContain(`href="../../../#/${EVENT}/applicant/${reg}"`);
      const shard = JSON.parse(files.get(`data/events/${EVENT}/shards/${shardName(reg, prefix)}`)!) as {
        applicants: Record<string, { regNo: string; result: unknown }>;
      };
      expect(shard.applicants[reg]?.regNo).toBe(reg);
      expect(shard.applicants[reg]?.result).not.toBeNull();
    }
    const pages = [...files.keys()].filter((f) => /^portal\/.+\/applicant\/.+\/index\.html$/.test(f));
    expect(pages).toHaveLength(105); // no page for anyone not in the list
  });

  it('holds only file types whose cache headers are documented', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'deploy.md'), 'utf8');
    const table = doc.slice(doc.indexOf('## A static site on a CDN'));
    const kinds = new Set([...files.keys()].map((f) => f.slice(f.lastIndexOf('.'))));
    expect([...kinds].sort()).toEqual(['.html', '.json', '.jsonl', '.pub']);
    for (const k of kinds) expect(table, k).toContain(`\`${k}\``);
    for (const f of ['site.json', 'data/events.json', `data/events/${EVENT}/announcement.json`, `data/events/${EVENT}/results/TML.json`])
      expect(table, f).toContain(f.replace(EVENT, '<event>').replace('TML', '<unit>'));
  });
});
