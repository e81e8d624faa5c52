/**
 * The address on a family's notice (`<publicUrl>/portal/<event>/applicant/<reg>`, printed and in its
 * QR code) must open their page on the static site too: `fairdraw site` writes a page at that address
 * for every family, which opens the static portal's route for them from wherever it is served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { siteFiles } from '../../src/office/public/site.js';
import { applicantUrl } from '../../src/office/documents/format.js';
import { applicantNoticePdf } from '../../src/office/documents/notice.js';
import { BASE_URL, EVENT, drawnEvent, keepArtifact, poppler, type Drawn } from './drawn.js';

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

/** A page rendered in grey (pdftoppm's PGM: a text header, then one byte per pixel). */
function grey(pdf: string, dpi: number): { w: number; h: number; px: Uint8Array } {
  const prefix = join(mkdtempSync(join(tmpdir(), 'fairdraw-qr-')), 'p');
  poppler('pdftoppm', ['-r', String(dpi), '-gray', '-f', '1', '-l', '1', '-singlefile', pdf, prefix]);
  const b = readFileSync(`${prefix}.pgm`);
  const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(b.subarray(0, 40).toString('latin1'))!;
  return { w: Number(m[1]), h: Number(m[2]), px: new Uint8Array(b.subarray(m[0].length)) };
}

describe('the QR code on a notice', () => {
  it('holds the family’s address: its modules, read from the printed page, are those of that address', async () => {
    const reg = regs[3]!;
    const kept = keepArtifact('notice-qr', await applicantNoticePdf(t.office, EVENT, reg));
    const dpi = 288;
    const { w, h, px } = grey(kept.pdf, dpi);
    const pt = dpi / 72;
    // The code stands at the right margin, 84 points wide: find its dark modules' extent there.
    const x0 = Math.floor((595.28 - 62 - 84) * pt);
    const x1 = Math.ceil((595.28 - 62) * pt);
    const dark = (x: number, y: number): boolean => px[y * w + x]! < 128;
    const rows: number[] = [];
    for (let y = 0; y < h; y++) {
      for (let x = x0; x < x1; x++) {
        if (dark(x, y)) {
          rows.push(y);
          break;
        }
      }
    }
    // The tallest block of consecutive rows with ink is the code (text lines are far shorter).
    let best = { from: 0, to: -1 };
    for (let i = 0, from = rows[0]!; i < rows.length; i++) {
      if (i + 1 === rows.length || rows[i + 1]! > rows[i]! + 1) {
        if (rows[i]! - from > best.to - best.from) best = { from, to: rows[i]! };
        from = rows[i + 1]!;
      }
    }
    let left = x1;
    let right = x0;
    for (let y = best.from; y <= best.to; y++)
      for (let x = x0; x < x1; x++)
        if (dark(x, y)) {
          left = Math.min(left, x);
          right = Math.max(right, x);
        }
    const url = applicantUrl(BASE_URL, EVENT, reg);
    // The reference encoding of the address (error correction M), whatever mask the page chose.
    const n = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules.size;
    const size = (best.to - best.from + 1) / n;
    expect(Math.abs((right - left + 1) / n - size)).toBeLessThan(0.5); // square
    const read: boolean[] = [];
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++) read.push(dark(Math.floor(left + (c + 0.5) * size), Math.floor(best.from + (r + 0.5) * size)));
    const masks = Array.from({ length: 8 }, (_, mask) => {
      const m = QRCode.create([{ data: Buffer.from(url, 'utf8'), mode: 'byte' }], {
        errorCorrectionLevel: 'M',
        maskPattern: mask as QRCode.QRCodeMaskPattern,
      }).modules;
      return read.every((v, i) => v === Boolean(m.data[i]));
    });
    expect(masks.filter(Boolean)).toHaveLength(1);
    // And not another family's.
    const other = QRCode.create(applicantUrl(BASE_URL, EVENT, regs[4]!), {
      errorCorrectionLevel: 'M',
      maskPattern: masks.indexOf(true) as QRCode.QRCodeMaskPattern,
    }).modules;
    expect(read.every((v, i) => v === Boolean(other.data[i]))).toBe(false);
  });
});
