/**
 * The city drill: a city of 20 districts with 50 schools and 200,000 applicants in all, each district
 * running its own event from creation to published results through the bureau's use cases — the
 * steps `fairdraw demo` takes (src/office/demo/stages.ts): the simulated witnesses seal and reveal
 * their values on their own phone links, the official draw runs inside the ceremony, the results are
 * revealed school by school and published. Each stage runs for every district before the next
 * stage starts; the drill reports each stage's total time, its slowest district, and the peak RSS,
 * on SQLite and on PostgreSQL, each store in its own process.
 *
 *   tsx bench/city-drill.ts [all]          SQLite, then PostgreSQL (a throw-away cluster from
 *                                          scripts/pg-test-cluster.sh, stopped at the end; or the
 *                                          empty database FAIRDRAW_CITY_POSTGRES names)
 *   tsx bench/city-drill.ts sqlite|postgres one store, in this process
 *
 * The scale: FAIRDRAW_CITY_DISTRICTS (20), FAIRDRAW_CITY_SCHOOLS (50), FAIRDRAW_CITY_APPLICANTS
 * (200,000). Runs the build in dist/ (`npm run build:dist`), as a bureau does. Prints the table and,
 * last, one JSON line per store.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as App from '../src/app.js';
import type * as Districts from '../src/office/districts.js';
import type * as CreateEvent from '../src/office/create-event.js';
import type * as AddUnit from '../src/office/add-unit.js';
import type * as ImportApplicants from '../src/office/import-applicants.js';
import type * as Settings from '../src/office/documents/settings.js';
import type * as Stages from '../src/office/demo/stages.js';
import type * as Witnesses from '../src/office/demo/witnesses.js';
import type * as VerifyAudit from '../src/office/verify-audit.js';
import type * as IdCard from '../src/office/import/id-card.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

export const STAGES = ['create', 'import', 'publish', 'freeze', 'ceremony', 'results'] as const;
export type Stage = (typeof STAGES)[number];

/** The modules the drill runs: from dist/ in the benchmark, from src/ in its test. */
export interface CityModules {
  app: typeof App;
  districts: typeof Districts;
  createEvent: typeof CreateEvent;
  addUnit: typeof AddUnit;
  importApplicants: typeof ImportApplicants;
  settings: typeof Settings;
  stages: typeof Stages;
  witnesses: typeof Witnesses;
  verifyAudit: typeof VerifyAudit;
  idCard: typeof IdCard;
}

/** Loads the drill's modules from `base` (the folder dist/ or src/ of the project) with extension `ext`. */
export async function cityModules(base: 'dist' | 'src'): Promise<CityModules> {
  const ext = base === 'dist' ? '.js' : '.ts';
  const load = <T>(p: string): Promise<T> => import(pathToFileURL(join(root, base, p + ext)).href) as Promise<T>;
  const [app, districts, createEvent, addUnit, importApplicants, settings, stages, witnesses, verifyAudit, idCard] = await Promise.all([
    load<typeof App>('app'),
    load<typeof Districts>('office/districts'),
    load<typeof CreateEvent>('office/create-event'),
    load<typeof AddUnit>('office/add-unit'),
    load<typeof ImportApplicants>('office/import-applicants'),
    load<typeof Settings>('office/documents/settings'),
    load<typeof Stages>('office/demo/stages'),
    load<typeof Witnesses>('office/demo/witnesses'),
    load<typeof VerifyAudit>('office/verify-audit'),
    load<typeof IdCard>('office/import/id-card'),
  ]);
  return { app, districts, createEvent, addUnit, importApplicants, settings, stages, witnesses, verifyAudit, idCard };
}

/** Invented districts (区): a name and a six-digit code in the style of 行政区划代码. */
const DISTRICT_NAMES = [
  '青湖区',
  '松岭区',
  '东渡区',
  '西桥区',
  '南屏区',
  '北塘区',
  '梧桐区',
  '白鹭区',
  '金沙区',
  '云溪区',
  '柳岸区',
  '石门区',
  '新港区',
  '桂园区',
  '枫林区',
  '临江区',
  '长宁湾区',
  '丰泽区',
  '望海区',
  '银杏区',
];

export interface CityDistrict {
  id: string;
  code: string;
  name: string;
  event: string;
  units: { id: string; name: string; seats: number }[];
  applicants: number;
}

/** Spreads `total` over `n` parts as evenly as whole numbers allow (the first parts take the rest). */
function spread(total: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor((total * (i + 1)) / n) - Math.floor((total * i) / n));
}

/** The city's plan: districts, their schools (two or three each at full scale) and applicants. */
export function cityPlan(districts: number, schools: number, applicants: number): CityDistrict[] {
  if (districts < 1 || districts > 99 || schools < districts || applicants < districts) {
    throw new Error(`city drill: 1–99 districts, at least one school and one applicant each (${districts}, ${schools}, ${applicants})`);
  }
  const perSchool = spread(schools, districts);
  const perApplicants = spread(applicants, districts);
  let school = 0;
  return perSchool.map((k, d) => {
    const name =
      DISTRICT_NAMES[d % DISTRICT_NAMES.length]! + (d >= DISTRICT_NAMES.length ? String(Math.floor(d / DISTRICT_NAMES.length) + 1) : '');
    const n = perApplicants[d]!;
    // Places for about 60 % of the district's applicants: the draw decides.
    const seats = spread(Math.max(k, Math.round(n * 0.6)), k);
    const units = seats.map((s, j) => {
      school++;
      return { id: `S${String(school).padStart(2, '0')}`, name: `${name.slice(0, -1)}第${j + 1}小学`, seats: s };
    });
    return {
      id: `d${String(d + 1).padStart(2, '0')}`,
      code: String(330100 + (d + 1) * 2),
      name,
      event: `city-2026-d${String(d + 1).padStart(2, '0')}`,
      units,
      applicants: n,
    };
  });
}

/**
 * A district's applicants as the bureau's import CSV: invented names, ID numbers of the district's
 * own area code with valid check characters, births in the event's window, each listing up to three
 * of the district's schools (one in five only their first choice), tier 1–3.
 */
export function districtApplicantsCsv(m: CityModules, d: CityDistrict): Uint8Array {
  const lines = [['姓名', '性别', '身份证号', '出生日期', '监护人', '联系电话', '志愿1', '志愿2', '志愿3', '类别', '多胞胎组'].join(',')];
  const k = d.units.length;
  for (let i = 0; i < d.applicants; i++) {
    const day = i % 365;
    const birth = new Date(Date.UTC(2013, 8, 1 + day)).toISOString().slice(0, 10);
    const seq = Math.floor(i / 365); // below 1,000 for up to 365,000 applicants a district
    const first17 = `${d.code}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    const choices = Array.from({ length: Math.min(3, k) }, (_, c) => d.units[(i + c) % k]!.id);
    if (i % 5 === 4) choices.length = 1;
    while (choices.length < 3) choices.push('');
    lines.push(
      [
        `学生${d.id}${i}`,
        seq % 2 === 1 ? '男' : '女',
        first17 + m.idCard.idCheckChar(first17),
        birth,
        `家长${i}`,
        `139${String(i).padStart(8, '0')}`,
        ...choices,
        String(1 + (i % 3)),
        '',
      ].join(','),
    );
  }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

export interface StageTime {
  totalMs: number;
  maxDistrictMs: number;
  slowest: string;
}

export interface CityReport {
  store: 'sqlite' | 'postgres';
  districts: number;
  schools: number;
  applicants: number;
  stages: Record<Stage, StageTime>;
  totalMs: number;
  peakRssMB: number;
  /** Events at status results, and events whose audit log verifies. */
  atResults: number;
  auditOk: number;
  offers: number;
}

export interface CityDrillOptions {
  districts: number;
  schools: number;
  applicants: number;
  dataDir: string;
  /** A postgres:// address; SQLite in the data directory without one. */
  database?: string;
  /** One line per finished stage. */
  progress?: (line: string) => void;
}

const ACTOR = 'system:city-drill';

/** Runs the drill on one store; the office is opened on `dataDir` (and `database`) and closed at the end. */
export async function cityDrill(m: CityModules, o: CityDrillOptions): Promise<CityReport> {
  const plan = cityPlan(o.districts, o.schools, o.applicants);
  const office = await m.app.openOffice({ dataDir: o.dataDir, database: o.database });
  const stages = {} as Record<Stage, StageTime>;
  const roll = (): string => office.random.rehearsalValue();
  try {
    const timed = async (stage: Stage, step: (d: CityDistrict) => Promise<void>, before?: () => Promise<void>): Promise<void> => {
      const t0 = performance.now();
      await before?.();
      let max = 0;
      let slowest = '';
      for (const d of plan) {
        const t = performance.now();
        await step(d);
        const ms = performance.now() - t;
        if (ms > max) [max, slowest] = [ms, d.id];
      }
      stages[stage] = { totalMs: Math.round(performance.now() - t0), maxDistrictMs: Math.round(max), slowest };
      o.progress?.(`  ${stage.padEnd(8)} ${fmt(stages[stage])}`);
    };
    await timed(
      'create',
      async (d) => {
        await m.createEvent.createEvent(
          office,
          {
            id: d.event,
            title: `2026年${d.name}义务教育阶段学校电脑随机摇号（演练）`,
            mechanism: 'deferred-acceptance',
            tieBreak: 'single',
            groupFit: 'strict',
            bornFrom: '2013-09-01',
            bornTo: '2014-08-31',
            declaredSources: m.witnesses.DEMO_SOURCES,
            district: d.id,
          },
          ACTOR,
        );
        for (const u of d.units) await m.addUnit.addUnit(office, { event: d.event, ...u }, ACTOR);
        await m.settings.updateDocumentSettings(office, d.event, m.settings.DEMO_SETTINGS, ACTOR);
      },
      async () => {
        for (const d of plan) await m.districts.addDistrict(office, { id: d.id, code: d.code, name: d.name }, ACTOR);
      },
    );
    // The files are made before the clock starts: the import stage is the bureau's import alone.
    const files = new Map(plan.map((d) => [d.id, districtApplicantsCsv(m, d)]));
    await timed('import', async (d) => {
      const r = await m.importApplicants.importApplicants(office, d.event, files.get(d.id)!, `${d.id}.csv`, ACTOR);
      files.delete(d.id);
      if (r.imported !== d.applicants) throw new Error(`${d.id}: ${r.imported} of ${d.applicants} applicants imported`);
    });
    await timed('publish', (d) => m.stages.publishDemo(office, d.event, ACTOR));
    await timed('freeze', (d) => m.stages.freezeDemo(office, d.event, ACTOR));
    await timed('ceremony', (d) => m.stages.ceremonyDemo(office, d.event, ACTOR, roll));
    await timed('results', (d) => m.stages.resultsDemo(office, d.event, ACTOR));

    let atResults = 0;
    let auditOk = 0;
    let offers = 0;
    for (const d of plan) {
      const ev = await office.store.repos.events.getById(d.event);
      if (ev?.status === 'results' && ev.district_id === d.id) atResults++;
      if ((await m.verifyAudit.verifyAudit(office, d.event)).ok) auditOk++;
      offers += (await office.store.repos.offers.listByEvent(d.event)).length;
    }
    return {
      store: o.database ? 'postgres' : 'sqlite',
      districts: plan.length,
      schools: plan.reduce((n, d) => n + d.units.length, 0),
      applicants: plan.reduce((n, d) => n + d.applicants, 0),
      stages,
      totalMs: STAGES.reduce((n, s) => n + stages[s].totalMs, 0),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      atResults,
      auditOk,
      offers,
    };
  } finally {
    await office.close();
  }
}

const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const fmt = (t: StageTime): string => `${sec(t.totalMs).padStart(8)}  (slowest district ${t.slowest}: ${sec(t.maxDistrictMs)})`;

function scale(): { districts: number; schools: number; applicants: number } {
  const n = (name: string, fallback: number): number => {
    const v = process.env[name];
    if (v === undefined || v === '') return fallback;
    if (!/^\d+$/.test(v)) throw new Error(`${name} must be a whole number, found ${JSON.stringify(v)}`);
    return Number(v);
  };
  const districts = n('FAIRDRAW_CITY_DISTRICTS', 20);
  return {
    districts,
    schools: n('FAIRDRAW_CITY_SCHOOLS', Math.max(districts, Math.round((50 * districts) / 20))),
    applicants: n('FAIRDRAW_CITY_APPLICANTS', 200_000),
  };
}

/** One store in this process: prints the stages as they finish, then the JSON line. */
async function runOne(store: 'sqlite' | 'postgres'): Promise<number> {
  const database = store === 'postgres' ? process.env.FAIRDRAW_CITY_POSTGRES : undefined;
  if (store === 'postgres' && !database) throw new Error('the PostgreSQL drill needs FAIRDRAW_CITY_POSTGRES');
  const dataDir = mkdtempSync(join(tmpdir(), 'fairdraw-city-'));
  try {
    const m = await cityModules('dist');
    const s = scale();
    console.log(`city drill on ${store}: ${s.districts} districts, ${s.schools} schools, ${s.applicants.toLocaleString('en')} applicants`);
    const r = await cityDrill(m, { ...s, dataDir, database, progress: (l) => console.log(l) });
    console.log(
      `  total    ${sec(r.totalMs).padStart(8)}  peak RSS ${r.peakRssMB} MB; ${r.atResults}/${r.districts} events at results, ${r.auditOk} audits verify, ${r.offers} offers`,
    );
    console.log(JSON.stringify({ case: 'city-drill', ...r }));
    return r.atResults === r.districts && r.auditOk === r.districts ? 0 : 1;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Both stores, each in its own process (so each peak RSS is its own); returns the lines to print. */
export function runCityBench(): string[] {
  const out: string[] = [
    `city drill: load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  ];
  const child = (store: string, env: NodeJS.ProcessEnv): void => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=8192', fileURLToPath(import.meta.url), store], {
      encoding: 'utf8',
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    out.push(r.status === 0 ? r.stdout.trim() : `${r.stdout.trim()}\ncity drill on ${store}: failed (${r.status})`);
  };
  child('sqlite', process.env);
  if (process.env.FAIRDRAW_CITY_POSTGRES) {
    child('postgres', process.env);
  } else {
    const script = join(root, 'scripts', 'pg-test-cluster.sh');
    const parent = mkdtempSync(join(tmpdir(), 'fairdraw-city-pg-'));
    // As root the cluster runs as the postgres account, which must reach the folder.
    chmodSync(parent, 0o755);
    const dir = join(parent, 'cluster');
    const started = spawnSync('bash', [script, 'start', dir], { encoding: 'utf8' });
    if (started.status !== 0) {
      out.push(
        `city drill on postgres: skipped, no PostgreSQL cluster could be started (${(started.stderr || '').trim().split('\n').pop()})`,
      );
    } else {
      try {
        child('postgres', { ...process.env, FAIRDRAW_CITY_POSTGRES: started.stdout.trim() });
      } finally {
        spawnSync('bash', [script, 'stop', dir]);
      }
    }
    rmSync(parent, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const which = process.argv[2] ?? 'all';
  if (which === 'sqlite' || which === 'postgres') {
    process.exitCode = await runOne(which);
  } else {
    for (const line of runCityBench()) console.log(line);
  }
}
