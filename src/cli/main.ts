/** The `fairdraw` command: dispatches to one command; renders errors (never re-words them). */
import { FairDrawError } from '../core/errors.js';
import { consoleOutput, type Output } from './io.js';
const USAGE = `FairDraw 阳光摇号 — verifiable school-place lottery (fairdraw/v1)

usage:
  fairdraw draw --rules rules.json --list list.jsonl --sources sources.json --out record.json
  fairdraw verify --rules rules.json --list list.jsonl --sources sources.json --record record.json
  fairdraw prove --list list.jsonl --id ID
  fairdraw check-proof --root HEX --size N --proof proof.json --line LINE

the bureau's flow (data directory: --data DIR or FAIRDRAW_DATA, default ./data):
  fairdraw init
  fairdraw event create --id ID --title 名称 [--mechanism deferred-acceptance|immediate-acceptance]
                        [--tie-break single|multiple] [--group-fit strict|overflow]
                        [--born-from YYYY-MM-DD --born-to YYYY-MM-DD]
                        [--witness LABEL]… [--public LABEL]… [--drand-round N]
  fairdraw event list | event show --event ID
  fairdraw sources declare --event ID [--witness LABEL]… [--public LABEL]… [--drand-round N]
  fairdraw unit add --event ID --id UNIT --name 名称 --seats N
  fairdraw import --event ID FILE.xlsx|FILE.csv [--report errors.xlsx]
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
  fairdraw document ceremony --event ID --out FILE.pdf [--place 地点] [--time 时间] [--base-url URL]
  fairdraw document notice --event ID --reg REGNO --out FILE.pdf [--base-url URL]
  fairdraw document notices --event ID [--unit UNIT] --out FILE.pdf [--base-url URL]   (all units when --unit is left out)
  fairdraw document workbook --event ID --out FILE.xlsx
  fairdraw document settings --event ID [--set KEY=VALUE ...]   (文书信息: issuer, docNumber, notaryOffice, …)
  fairdraw document template --event ID --out FILE.xlsx
                        (--base-url defaults to FAIRDRAW_BASE_URL; CJK font: FAIRDRAW_CJK_FONT)
  fairdraw audit verify --event ID
  fairdraw audit cosign --event ID --signer 公证员姓名 --key notary.key [--seq N]

the web app:
  fairdraw serve [--port 8080] [--host 127.0.0.1] [--demo]
  fairdraw admin create --username NAME --role admin|operator|supervisor --password …

exit codes: 0 done / valid, 1 record differs or proof invalid, 2 input refused`;

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
  import: async () => (await flow()).importFile,
  publish: async () => (await flow()).publish,
  freeze: async () => (await flow()).freeze,
  rehearse: async () => (await flow()).rehearse,
  results: async () => (await flow()).results,
  offer: async () => (await flow()).offer,
  export: async () => (await flow()).exportEvent,
  audit: async () => (await flow()).audit,
  receipt: async () => (await flow()).receipt,
  document: async () => (await import('./commands/document.js')).document,
  site: async () => (await import('./commands/site.js')).site,
  serve: async () => (await import('./commands/serve.js')).serve,
  admin: async () => (await import('./commands/serve.js')).admin,
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
      return 2;
    }
    throw e;
  }
}
