/** Command-line flags, with errors in both languages (an unknown flag changes nothing). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FairDrawError } from '../core/errors.js';

export type Flags = Record<string, string | boolean | string[] | undefined>;

export function parseFlags(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  positionals = false,
): { values: Flags; positionals: string[] } {
  try {
    const r = parseArgs({ args: argv, options, strict: true, allowPositionals: positionals });
    return { values: r.values as Flags, positionals: r.positionals };
  } catch (e) {
    const msg = (e as Error).message;
    const m = /'(-[^']+)'/.exec(msg);
    const flag = m?.[1] ?? '';
    throw new FairDrawError('cli.flag', `命令行参数有误 ${flag}：${msg}`, `bad command-line flag ${flag}: ${msg}`, {});
  }
}

/** A flag that must be given. */
export function required(values: Flags, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') {
    throw new FairDrawError('cli.missing', `缺少参数 --${name}`, `the flag --${name} is required`, { field: `--${name}` });
  }
  return v;
}
