/**
 * The address on a family's notice (`<publicUrl>/portal/<event>/applicant/<reg>`, printed and in its
 * QR code) must open their page on the static site too: `fairdraw site` writes a page at that address
 * for every family, which opens the static portal's route for them from wherever it is served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteFiles } from '../../src/office/public/site.js';
import { applicantUrl } from '../../src/office/documents/format.js';
import { BASE_URL, EVENT, drawnEvent, type Drawn } from './drawn.js';

let t: Drawn;
let files: Map<string, string>;
let regs: string[];

beforeAll(async () => {
  t = await drawnEvent({ results: true });
  files = await siteFiles(t.office, EVENT);
  regs = (await t.office.store.repos.applicants.listByEvent(EVENT)).map((a) => a.reg_no);
});
afterAll(async () => {
  await t.office.close();
});

/** Where the page's script sends a browser that opened it at `href`. */
function opens(html: string, href: string): string {
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
  let target = '';
  new Function('location', script)({ href, replace: (u: string) => (target = u) });
  return target;
}

describe('a family’s address on the static site', () => {
  it('is a file at the path of the notice’s address, for every family', () => {
    expect(regs).toHaveLength(105);
    for (const reg of regs) {
      const path = new URL(applicantUrl(BASE_URL, EVENT, reg)).pathname; // as a file server looks it up
      const file = `${decodeURIComponent(path).slice(1)}/index.html`;
      expect(files.has(file), file).toBe(true);
      expect(files.get(file)).toContain(reg);
    }
  });

  it('opens the portal’s page for that family, however the server spells the address', () => {
    const reg = regs[7]!;
    const html = files.get(`portal/${EVENT}/applicant/${reg}/index.html`)!;
    const want = (root: string): string => `${root}portal/#/${EVENT}/applicant/${reg}`;
    for (const root of ['https://yaohao.example.gov.cn/', 'http://127.0.0.1:8080/lottery/2020/']) {
      for (const tail of ['', '/', '/index.html', '?from=qr', '/#x']) {
        expect(opens(html, `${root}portal/${EVENT}/applicant/${reg}${tail}`)).toBe(want(root));
      }
    }
    // Without a script, the link beside it leads there from the folder the server shows.
    expect(html).toContain(`href="../../../#/${EVENT}/applicant/${reg}"`);
  });
});
