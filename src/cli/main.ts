/** The `fairdraw` command: dispatches to one command; renders errors (never re-words them). */
import { FairDrawError } from '../core/errors.js';
import { consoleOutput, type Output } from './io.js';
import { drawFiles } from './commands/draw.js';
import { verifyFiles } from './commands/verify.js';
import { checkProof, prove } from './commands/proof.js';
import { event, init, sources, unit } from './commands/event.js';
import { audit, drawEvent, exportEvent, freeze, importFile, offer, publish, receipt, rehearse, results } from './commands/lifecycle.js';

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
  fairdraw audit verify --event ID

exit codes: 0 done / valid, 1 record differs or proof invalid, 2 input refused`;

type Command = (argv: string[], io: Output) => number | Promise<number>;

/** `draw` with --event runs the office's official draw; with files, the bare engine. */
const drawEither: Command = (argv, io) =>
  argv.some((a) => a === '--event' || a.startsWith('--event=')) ? drawEvent(argv, io) : drawFiles(argv, io);

const COMMANDS: Record<string, Command> = {
  draw: drawEither,
  init,
  event,
  unit,
  sources,
  import: importFile,
  publish,
  freeze,
  rehearse,
  results,
  offer,
  export: exportEvent,
  audit,
  receipt,
  verify: verifyFiles,
  prove,
  'check-proof': checkProof,
};

export async function main(argv: string[], io: Output = consoleOutput): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new FairDrawError('cli.command', `未知命令 ${name}`, `unknown command ${name}`, {});
    return await command(rest, io);
  } catch (e) {
    if (e instanceof FairDrawError) {
      io.err(`error: ${e.describe()}`);
      return 2;
    }
    throw e;
  }
}
