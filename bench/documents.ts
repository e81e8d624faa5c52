/**
 * The printed documents at district scale, each step in its own process so its peak memory is its
 * own. `setup DIR N` builds a drawn event of N applicants (20 schools, three choices each, a
 * mailing address) in DIR; `notices DIR` prints every family's letter into one PDF, streamed to a
 * file, and samples memory every 10 % of the letters; `announcement DIR` prints the 公示.
 * Prints one JSON line per case, with wall-clock and CPU seconds (on a shared machine the CPU time is
 * the steadier figure). Targets: notices (10,000) ≤ 20 s and ≤ 400 MB peak, memory flat;
 * announcement (10,000) ≤ 3 s. The documents are printed by the plain JavaScript built into dist/
 * (`npm run bench` builds it first), as a bureau runs them; the setup uses the sources.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** A module of the build in dist/, typed as its source. */
const built = <T>(path: string): Promise<T> => import(pathToFileURL(join(root, 'dist', path)).href) as Promise<T>;

const EVENT = 'bench-docs';
const UNITS = 20;
const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
/** Peak resident memory of this process so far, MB. */
const peak = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

function id(i: number, idCheckChar: (first17: string) => string): { id: string; birth: string } {
  const birth = new Date(Date.UTC(2013, 8, 1 + (i % 365))).toISOString().slice(0, 10);
  const first17 = `510302${birth.replaceAll('-', '')}${String(Math.floor(i / 365)).padStart(3, '0')}`;
  return { id: first17 + idCheckChar(first17), birth };
}

async function setup(dir: string, n: number): Promise<void> {
  // Loaded here, not at the top: the measured steps load only the build, so their memory is its own.
  const { openOffice } = await import('../src/app.js');
  const { createEvent } = await import('../src/office/create-event.js');
  const { addUnit } = await import('../src/office/add-unit.js');
  const { importApplicants } = await import('../src/office/import-applicants.js');
  const { publishEvent } = await import('../src/office/publish-event.js');
  const { freezeEvent } = await import('../src/office/freeze-event.js');
  const { drawByCeremony } = await import('../src/office/ceremony/simulated.js');
  const { publishResults } = await import('../src/office/offers.js');
  const { DEMO_SETTINGS, updateDocumentSettings } = await import('../src/office/documents/settings.js');
  const { idCheckChar } = await import('../src/office/import/id-card.js');
  const office = await openOffice({ dataDir: dir });
  const actor = 'bench';
  await createEvent(
    office,
    {
      id: EVENT,
      title: '2026年某区义务教育阶段学校电脑随机摇号（性能测试）',
      mechanism: 'deferred-acceptance',
      tieBreak: 'single',
      groupFit: 'strict',
      bornFrom: '2013-09-01',
      bornTo: '2014-08-31',
      declaredSources: [{ kind: 'witness', label: '公证员' }],
    },
    actor,
  );
  const names = Array.from({ length: UNITS }, (_, u) => `第${u + 1}实验小学`);
  for (const [u, name] of names.entries()) {
    await addUnit(office, { event: EVENT, id: `U${String(u + 1).padStart(2, '0')}`, name, seats: Math.round((n * 0.6) / UNITS) }, actor);
  }
  const rows = ['姓名,身份证号,出生日期,监护人,联系电话,通讯地址,邮政编码,志愿1,志愿2,志愿3,类别'];
  for (let i = 0; i < n; i++) {
    const { id: idNo, birth } = id(i, idCheckChar);
    const k = (i * 7) % UNITS;
    rows.push(
      [
        `学生${i}号`,
        idNo,
        birth,
        `家长${i}号`,
        `138${String(i).padStart(8, '0')}`,
        `某区某街道${i % 300}号${i % 30}栋${i % 6}单元`,
        '643000',
        names[k],
        names[(k + 3) % UNITS],
        names[(k + 11) % UNITS],
        String(1 + (i % 2)),
      ].join(','),
    );
  }
  const bytes = new TextEncoder().encode(`${rows.join('\r\n')}\r\n`);
  await importApplicants(office, EVENT, bytes, 'bench.csv', actor);
  await publishEvent(office, EVENT, actor);
  await freezeEvent(office, EVENT, actor);
  // Declared witnesses draw only in the ceremony: sealed, revealed, then drawn (as the demo does).
  await drawByCeremony(office, EVENT, [{ label: '公证员', value: '3,6,1,5,2,4' }], actor, { place: '区教育局三楼会议室' });
  await publishResults(office, EVENT, actor);
  await updateDocumentSettings(
    office,
    EVENT,
    { ...DEMO_SETTINGS, drawPlace: '区教育局三楼会议室', drawTime: '2026-06-09T09:30', publicUrl: 'https://yaohao.example.gov.cn' },
    actor,
  );
  await office.close();
}

async function notices(dir: string): Promise<void> {
  const { openOffice } = await built<typeof import('../src/app.js')>('app.js');
  const { noticesPdf } = await built<typeof import('../src/office/documents/notice.js')>('office/documents/notice.js');
  const office = await openOffice({ dataDir: dir });
  const file = join(dir, 'notices.pdf');
  const samples: number[] = [];
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let letters = 0;
  await noticesPdf(office, EVENT, undefined, {
    file,
    onProgress: (done, total) => {
      letters = total;
      if (done % Math.max(1, Math.floor(total / 10)) === 0) samples.push(mb(process.memoryUsage().rss));
    },
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  console.log(
    JSON.stringify({
      case: 'documents-notices',
      letters,
      seconds: +(ms / 1000).toFixed(2),
      cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
      peakMB: peak(),
      rssEveryTenthMB: samples,
      pdfMB: mb(statSync(file).size),
      target: '≤ 20 s, ≤ 400 MB, flat',
    }),
  );
  await office.close();
}

async function announcement(dir: string): Promise<void> {
  const { openOffice } = await built<typeof import('../src/app.js')>('app.js');
  const { announcementPdf } = await built<typeof import('../src/office/documents/announcement.js')>('office/documents/announcement.js');
  const office = await openOffice({ dataDir: dir });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const pdf = await announcementPdf(office, EVENT);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  console.log(
    JSON.stringify({
      case: 'documents-announcement',
      seconds: +(ms / 1000).toFixed(2),
      cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
      peakMB: peak(),
      pdfMB: mb(pdf.length),
      target: '≤ 3 s',
    }),
  );
  await office.close();
}

const [step = 'all', dirArg, nArg] = process.argv.slice(2);
if (step === 'setup') await setup(dirArg!, Number(nArg ?? 10_000));
else if (step === 'notices') await notices(dirArg!);
else if (step === 'announcement') await announcement(dirArg!);
else {
  // All steps, each in a child process (as `npm run bench` does).
  const { spawnSync } = await import('node:child_process');
  const dir = mkdtempSync(join(tmpdir(), 'fairdraw-bench-docs-'));
  const run = (...args: string[]): string => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return r.status === 0 ? r.stdout.trim() : `${args[0]}: failed (${r.status})`;
  };
  const setupOut = run('setup', dir, dirArg ?? '10000');
  if (setupOut) console.log(setupOut);
  console.log(run('notices', dir));
  console.log(run('announcement', dir));
  // The same documents through the command a bureau runs (bin/fairdraw.js on the build, no loader
  // in the process): its wall time and the process's own peak memory, reported at its exit.
  const atExit = 'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss "+process.resourceUsage().maxRSS+"\\n"))';
  for (const doc of ['notices', 'announcement'] as const) {
    const out = join(dir, `cli-${doc}.pdf`);
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        atExit,
        join(root, 'bin', 'fairdraw.js'),
        'document',
        doc,
        '--event',
        EVENT,
        '--data',
        dir,
        '--out',
        out,
        '--base-url',
        'http://192.168.1.10:8080',
      ],
      { encoding: 'utf8' },
    );
    const kb = Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? NaN);
    console.log(
      r.status === 0
        ? JSON.stringify({
            case: `documents-${doc}-cli`,
            seconds: +((performance.now() - t0) / 1000).toFixed(2),
            peakMB: Math.round(kb / 1024),
            pdfMB: mb(statSync(out).size),
            target: doc === 'notices' ? '≤ 20 s, ≤ 400 MB' : '≤ 3 s',
          })
        : `${doc} (command): failed (${r.status}) ${r.stderr.trim()}`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}
