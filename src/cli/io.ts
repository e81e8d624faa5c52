/** File and console helpers shared by the CLI commands. */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FairDrawError } from '../core/errors.js';

/** Reads a whole file; a missing or unreadable file is a located FairDrawError. */
export function readInput(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FairDrawError('file.missing', '找不到文件', 'file not found', { file: path });
    if (code === 'EISDIR')
      throw new FairDrawError('file.directory', '这是一个目录，不是文件', 'is a directory, not a file', { file: path });
    throw new FairDrawError('file.read', `无法读取文件（${code ?? 'error'}）`, `cannot read the file (${code ?? String(e)})`, {
      file: path,
    });
  }
}

/**
 * Writes a file atomically: a temporary file in the same folder, flushed, then renamed over the
 * target, so a crash never leaves a half-written record.
 */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w', 0o644);
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to clean */
    }
    const code = (e as NodeJS.ErrnoException).code;
    throw new FairDrawError('file.write', `无法写入文件（${code ?? 'error'}）`, `cannot write the file (${code ?? String(e)})`, {
      file: path,
    });
  }
}

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const consoleOutput: Output = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

/** Left-pads or right-pads a cell to a display width that counts CJK characters as two columns. */
export function pad(s: string, width: number, right = false): string {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  const fill = ' '.repeat(Math.max(0, width - w));
  return right ? fill + s : s + fill;
}
