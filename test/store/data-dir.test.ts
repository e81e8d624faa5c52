/**
 * The database is never silently replaced: a data directory with keys but no database (or the other
 * way round), an empty, truncated or foreign database file — every command and `serve` refuse with a
 * message naming both files, exit 3, and create nothing. Modes: folder 0700, files 0600.
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fairdraw, type Run } from '../cli-run.js';

const mode = (p: string): number => statSync(p).mode & 0o777;

/** A data directory with one event in it (so its database holds signed entries). */
function withEvent(): string {
  const data = join(mkdtempSync(join(tmpdir(), 'fairdraw-datadir-')), 'data');
  const r = fairdraw(['event', 'create', '--id', 'e1', '--title', '测试批次', '--witness', '公证员', '--data', data]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return data;
}

function refused(r: Run, ...fragments: RegExp[]): void {
  expect(r.code).toBe(3);
  expect(r.stderr).toMatch(/^error: /);
  for (const f of fragments) expect(r.stderr).toMatch(f);
  // a clear message, never SQLite's own words or a stack trace
  expect(r.stderr).not.toMatch(/SqliteError|\n\s+at /);
}

describe('the data directory', () => {
  const base = withEvent();
  const copy = (): string => {
    const d = join(mkdtempSync(join(tmpdir(), 'fairdraw-datadir-')), 'data');
    cpSync(base, d, { recursive: true });
    return d;
  };

  it('is made owner-only, and loosened modes are tightened again at the next open', () => {
    expect(mode(base)).toBe(0o700);
    expect(mode(join(base, 'fairdraw.sqlite'))).toBe(0o600);
    expect(mode(join(base, 'keys'))).toBe(0o700);
    expect(mode(join(base, 'keys', 'organiser.key'))).toBe(0o600);
    expect(mode(join(base, 'keys', 'organiser.pub'))).toBe(0o600);
    const d = copy();
    chmodSync(d, 0o755);
    chmodSync(join(d, 'fairdraw.sqlite'), 0o644);
    chmodSync(join(d, 'keys', 'organiser.key'), 0o644);
    expect(fairdraw(['event', 'list', '--data', d]).code).toBe(0);
    expect(mode(d)).toBe(0o700);
    expect(mode(join(d, 'fairdraw.sqlite'))).toBe(0o600);
    // the key's mode is fixed when the key is read (any signing command)
    expect(fairdraw(['init', '--data', d]).code).toBe(0);
    expect(mode(join(d, 'keys', 'organiser.key'))).toBe(0o600);
  });

  it('refuses every command and serve when the keys are there but the database is missing, creating nothing', () => {
    const d = copy();
    rmSync(join(d, 'fairdraw.sqlite'));
    for (const args of [
      ['event', 'list'],
      ['serve', '--port', '18080'],
      ['audit', 'verify', '--event', 'e1'],
    ]) {
      const r = fairdraw([...args, '--data', d]);
      refused(
        r,
        /database file is missing/,
        /数据库文件不见了/,
        new RegExp(join(d, 'fairdraw.sqlite')),
        new RegExp(join(d, 'keys', 'organiser.key')),
        /restore/,
      );
    }
    expect(existsSync(join(d, 'fairdraw.sqlite'))).toBe(false);
  });

  it('refuses an empty database file beside the keys', () => {
    const d = copy();
    truncateSync(join(d, 'fairdraw.sqlite'), 0);
    refused(fairdraw(['event', 'list', '--data', d]), /database file is empty/, /数据库文件是空的/);
    expect(statSync(join(d, 'fairdraw.sqlite')).size).toBe(0);
  });

  it('refuses a database whose keys are gone, and does not make new ones', () => {
    const d = copy();
    rmSync(join(d, 'keys'), { recursive: true });
    for (const args of [
      ['event', 'list'],
      ['serve', '--port', '18080'],
    ]) {
      refused(
        fairdraw([...args, '--data', d]),
        /organiser's key file is missing/,
        /组织方私钥文件不见了/,
        new RegExp(join(d, 'fairdraw.sqlite')),
      );
    }
    expect(existsSync(join(d, 'keys', 'organiser.key'))).toBe(false);
  });

  it('reports a truncated or foreign database file clearly', () => {
    const d = copy();
    const db = join(d, 'fairdraw.sqlite');
    truncateSync(db, Math.floor(statSync(db).size / 2));
    refused(fairdraw(['event', 'list', '--data', d]), /damaged or incomplete \(truncated/, /数据库文件已损坏或不完整/, /fairdraw restore/);
    writeFileSync(db, 'this is not a database, just some text that is long enough to fill a header. '.repeat(3));
    refused(fairdraw(['event', 'show', '--event', 'e1', '--data', d]), /not an SQLite database/);
    writeFileSync(db, readFileSync(db).subarray(0, 40));
    refused(fairdraw(['event', 'list', '--data', d]), /only 40 bytes/);
  });

  it('reports a damaged page that the header does not reveal, without a stack trace', () => {
    const d = copy();
    const db = join(d, 'fairdraw.sqlite');
    const bytes = readFileSync(db);
    // overwrite every page after the first with noise: the header is intact, the tables are not
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(db, bytes);
    refused(fairdraw(['event', 'list', '--data', d]), /damaged or incomplete/, /数据库文件已损坏/);
  });
});
