/** The `fairdraw` command: dispatches to one command; renders errors (never re-words them). */
import { FairDrawError } from '../core/errors.js';
import { consoleOutput, type Output } from './io.js';
const USAGE = `FairDraw 阳光摇号 — verifiable school-place lottery (fairdraw/v1)

usage:
  fairdraw draw --rules rules.json --list list.jsonl --sources sources.json --out record.json
  fairdraw verify --rules rules.json --list list.jsonl --sources sources.json --record record.json [--reference]
  fairdraw verify --bundle DIR   (every file of the public bundle, the audit log and its signatures included)
  fairdraw prove --list list.jsonl --id ID
  fairdraw check-proof --root HEX --size N --proof proof.json --line LINE

the bureau's flow (data directory: --data DIR or FAIRDRAW_DATA, default ./data; database: SQLite in
the data directory, or --database postgres://… or FAIRDRAW_DATABASE_URL for PostgreSQL):
  fairdraw init
  fairdraw event create --id ID --title 名称 [--mechanism deferred-acceptance|immediate-acceptance]
                        [--tie-break single|multiple] [--group-fit strict|overflow]
                        [--born-from YYYY-MM-DD --born-to YYYY-MM-DD]
                        [--witness LABEL]… [--public LABEL]… [--drand-round N] [--district ID]
  fairdraw event list | event show --event ID
  fairdraw sources declare --event ID [--witness LABEL]… [--public LABEL]… [--drand-round N]
  fairdraw unit add --event ID --id UNIT --name 名称 --seats N
  fairdraw import --event ID FILE.xlsx|FILE.csv [--sheet NAME] [--report errors.xlsx]
  fairdraw publish --event ID [--reason 更正理由]
  fairdraw receipt --event ID --reg REGNO
  fairdraw freeze --event ID
  fairdraw rehearse --event ID [--source LABEL=VALUE]…
  fairdraw draw --event ID --source LABEL=VALUE … [--drand beacon.json]
  fairdraw results publish --event ID
  fairdraw offer confirm|decline|revoke --event ID --reg REGNO [--reason 理由]
  fairdraw export --event ID --out DIR
  fairdraw site --event ID --out DIR [--web web/dist]   (static public site: portal, verifier, data)
  fairdraw document announcement --event ID --out FILE.pdf [--base-url URL]
  fairdraw document admitted --event ID [--unit UNIT] --out FILE.pdf   (录取名单 after declines and promotions; all units when --unit is left out)
  fairdraw document ceremony --event ID --out FILE.pdf [--place 地点] [--time 时间] [--base-url URL]
  fairdraw document notice --event ID --reg REGNO --out FILE.pdf [--base-url URL]
  fairdraw document notices --event ID [--unit UNIT] --out FILE.pdf [--base-url URL]   (all units when --unit is left out)
  fairdraw document privacy-notice --event ID --out FILE.pdf   (个人信息告知书, from the privacy and document settings)
  fairdraw document receipts --event ID [--unit UNIT] [--reg REGNO] --out FILE.pdf [--base-url URL]
                                                     (报名回执, each followed by the 个人信息告知书; after publication)
  fairdraw document workbook --event ID --out FILE.xlsx
  fairdraw document settings --event ID [--set KEY=VALUE ...]   (文书信息: issuer, docNumber, notaryOffice, …)
  fairdraw document template --event ID --out FILE.xlsx
                        (--base-url defaults to FAIRDRAW_BASE_URL; CJK font: FAIRDRAW_CJK_FONT)
  fairdraw backup --out FILE.tar          (a consistent copy of the data directory, keys included)
  fairdraw backup list
  fairdraw restore --from FILE.tar --data NEWDIR
  fairdraw privacy settings --event ID [--collect birthDate,guardian,phone,address] [--retain-until YYYY-MM-DD]
  fairdraw erase --event ID   (after the results: erases the children's personal data, keeps what verifies)
  fairdraw audit verify --event ID [--head SEQ:HASH]   (--head: a head held outside the bureau)
  fairdraw audit head --event ID
  fairdraw audit notary-key --event ID --name 公证员姓名 --key notary.key|notary.pub|HEX   (before freezing)
  fairdraw audit cosign --event ID --signer 公证员姓名 --key notary.key [--seq N]

training and tests (the 2020 seed case, through the same steps, the ceremony included):
  fairdraw demo [--stage draft|published|frozen|drawn|results] [--applicants N] [--event ID]

the web app:
  fairdraw serve [--port 8080] [--host 127.0.0.1] [--demo] [--tls-cert FILE --tls-key FILE]
                [--public-over-http] [--trust-proxy] [--secure-cookies]   (docs/deploy.md)
  fairdraw admin create --username NAME --role admin|operator|supervisor --password … [--district ID]

a city's districts (区县; an account or event without one is the city's):
  fairdraw district add --id ID --code 行政区划代码 --name 名称
  fairdraw district list
  fairdraw district log   (the city's signed log: districts added, accounts given a district; checked)

exit codes (docs/cli.md): 0 done / valid, 1 record, proof or audit log invalid, 2 input refused,
  3 data directory unusable (database or keys missing or damaged), 4 database busy (try again),
  70 unexpected failure`;

/** The exit code of a refusal: the data directory and a busy database have codes of their own. */
export function exitCodeOf(e: FairDrawError): number {
  if (e.code === 'store.busy') return 4;
  // A command for the SQLite store asked of a PostgreSQL one: the request, not the data, is wrong.
  if (e.code === 'store.sqlite-only') return 2;
  if (e.code.startsWith('store.') || e.code.startsWith('keys.')) return 3;
  return 2;
}

type Command = (argv: string[], io: Output) => number | Promise<number>;
type Lazy = () => Promise<Command>;

// Commands load their modules on demand: `fairdraw verify` need not load the database or ExcelJS.
const files = () => import('./commands/draw.js');
const eventCmds = () => import('./commands/event.js');
const flow = () => import('./commands/lifecycle.js');

/**
 * `draw` with --event runs the office's official draw; with files, the bare engine (which then need
 * not load the office, the database and ExcelJS).
 */
const drawEither: Lazy = async () => async (argv, io) =>
  argv.some((a) => a === '--event' || a.startsWith('--event=')) ? (await flow()).drawEvent(argv, io) : (await files()).drawFiles(argv, io);

const COMMANDS: Record<string, Lazy> = {
  draw: drawEither,
  verify: async () => (await import('./commands/verify.js')).verifyFiles,
  prove: async () => (await import('./commands/proof.js')).prove,
  'check-proof': async () => (await import('./commands/proof.js')).checkProof,
  init: async () => (await eventCmds()).init,
  event: async () => (await eventCmds()).event,
  unit: async () => (await eventCmds()).unit,
  sources: async () => (await eventCmds()).sources,
  import: async () => (await import('./commands/import.js')).importFile,
  publish: async () => (await flow()).publish,
  freeze: async () => (await flow()).freeze,
  rehearse: async () => (await flow()).rehearse,
  results: async () => (await flow()).results,
  offer: async () => (await flow()).offer,
  export: async () => (await flow()).exportEvent,
  audit: async () => (await import('./commands/audit.js')).audit,
  receipt: async () => (await flow()).receipt,
  document: async () => (await import('./commands/document.js')).document,
  site: async () => (await import('./commands/site.js')).site,
  demo: async () => (await import('./commands/demo.js')).demo,
  serve: async () => (await import('./commands/serve.js')).serve,
  backup: async () => (await import('./commands/backup.js')).backup,
  restore: async () => (await import('./commands/backup.js')).restore,
  admin: async () => (await import('./commands/serve.js')).admin,
  erase: async () => (await import('./commands/privacy.js')).erase,
  privacy: async () => (await import('./commands/privacy.js')).privacy,
  district: async () => (await import('./commands/district.js')).district,
};

export async function main(argv: string[], io: Output = consoleOutput): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  try {
    if (!load) throw new FairDrawError('cli.command', `未知命令 ${name}`, `unknown command ${name}`, {});
    return await (
      await load()
    )(rest, io);
  } catch (e) {
    if (e instanceof FairDrawError) {
      io.err(`error: ${e.describe()}`);
      return exitCodeOf(e);
    }
    // Not a refusal FairDraw knows: one line, no stack trace (FAIRDRAW_DEBUG=1 shows it).
    io.err(`error: unexpected failure: ${(e as Error)?.message ?? String(e)} / 意外错误，请记下此信息并联系技术支持`);
    if (process.env.FAIRDRAW_DEBUG) io.err((e as Error)?.stack ?? '');
    return 70;
  }
}
