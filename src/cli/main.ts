/** The `fairdraw` command: dispatches to one command; renders errors (never re-words them). */
import { FairDrawError } from '../core/errors.js';
import { consoleOutput, type Output } from './io.js';
import { drawFiles } from './commands/draw.js';
import { verifyFiles } from './commands/verify.js';
import { checkProof, prove } from './commands/proof.js';

const USAGE = `FairDraw 阳光摇号 — verifiable school-place lottery (fairdraw/v1)

usage:
  fairdraw draw --rules rules.json --list list.jsonl --sources sources.json --out record.json
  fairdraw verify --rules rules.json --list list.jsonl --sources sources.json --record record.json
  fairdraw prove --list list.jsonl --id ID
  fairdraw check-proof --root HEX --size N --proof proof.json --line LINE

exit codes: 0 done / valid, 1 record differs or proof invalid, 2 input refused`;

type Command = (argv: string[], io: Output) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  draw: drawFiles,
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
