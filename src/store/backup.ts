/**
 * Backups of a data directory: one plain tar file (POSIX ustar; `tar tf FILE` lists it) holding
 *
 *   fairdraw.sqlite        a consistent copy of the database (SQLite's online backup, taken while
 *                          the server may be writing)
 *   keys/organiser.key     the organiser's private key
 *   keys/organiser.pub     its public key
 *   manifest.json          { format: "fairdraw-backup/1", takenAt, reason, files: { NAME: { size,
 *                          sha256 } }, events: [{ id, status, entries }] } — written last
 *
 * The file is written beside its final name, flushed, then renamed, with mode 0600 (it holds the
 * private key). Reading one back checks every header, that each file the manifest names is there
 * with its size and SHA-256, and that nothing else is; a damaged or incomplete file is refused.
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { FairDrawError } from '../core/errors.js';
import { crashPoint } from './crash-points.js';
import { dataPaths, DB_FILE, sqliteHandleOf, type DB } from './db.js';
import { tighten } from './keys.js';

export const BACKUP_FORMAT = 'fairdraw-backup/1';
const REQUIRED = [DB_FILE, 'keys/organiser.key', 'keys/organiser.pub'] as const;
const CHUNK = 1 << 20;

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  takenAt: string;
  reason: string;
  files: Record<string, { size: number; sha256: string }>;
  events: { id: string; status: string; entries: number }[];
}

export interface BackupResult {
  file: string;
  size: number;
  manifestSha256: string;
  manifest: Manifest;
}

// ---- tar (ustar) ----

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

function tarHeader(name: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(0o600, 8), 100, 'latin1');
  h.write(octal(0, 8), 108, 'latin1');
  h.write(octal(0, 8), 116, 'latin1');
  h.write(octal(size, 12), 124, 'latin1');
  h.write(octal(mtime, 12), 136, 'latin1');
  h.write('        ', 148, 'latin1');
  h.write('0', 156, 'latin1');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

function checksumOk(h: Buffer): boolean {
  const stored = parseInt(
    h
      .toString('latin1', 148, 156)
      .replace(/[\0 ]+$/, '')
      .trim(),
    8,
  );
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  return stored === sum;
}

class TarWriter {
  private pos = 0;
  constructor(private readonly fd: number) {}

  private write(b: Uint8Array): void {
    let off = 0;
    while (off < b.length) off += writeSync(this.fd, b, off, b.length - off);
    this.pos += b.length;
  }

  private pad(): void {
    const r = this.pos % 512;
    if (r) this.write(Buffer.alloc(512 - r));
  }

  /** Adds bytes; returns their SHA-256. */
  addBytes(name: string, data: Uint8Array, mtime: number): string {
    this.write(tarHeader(name, data.length, mtime));
    this.write(data);
    this.pad();
    return createHash('sha256').update(data).digest('hex');
  }

  /** Adds a file by streaming it; returns its size and SHA-256. */
  addFile(name: string, path: string, mtime: number): { size: number; sha256: string } {
    const size = statSync(path).size;
    this.write(tarHeader(name, size, mtime));
    const hash = createHash('sha256');
    const src = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(CHUNK);
      let done = 0;
      while (done < size) {
        const n = readSync(src, buf, 0, Math.min(CHUNK, size - done), done);
        if (n === 0) throw new Error(`${path} shrank while being copied`);
        hash.update(buf.subarray(0, n));
        this.write(buf.subarray(0, n));
        done += n;
      }
    } finally {
      closeSync(src);
    }
    this.pad();
    return { size, sha256: hash.digest('hex') };
  }

  end(): void {
    this.write(Buffer.alloc(1024));
  }
}

function backupRefused(file: string, zh: string, en: string): FairDrawError {
  return new FairDrawError(
    'backup.damaged',
    `备份文件已损坏或不完整：${zh}。未恢复任何内容`,
    `the backup file is damaged or incomplete: ${en}. Nothing was restored`,
    {
      file,
    },
  );
}

/**
 * The backup file holds an SQLite database: a PostgreSQL store is backed up with PostgreSQL's own
 * tools (pg_dump, or the server's continuous archiving), and the organiser's keys with the data
 * directory (docs/deploy.md, "PostgreSQL").
 */
export function sqliteOnly(what: { zh: string; en: string }): FairDrawError {
  return new FairDrawError(
    'store.sqlite-only',
    `${what.zh}只用于内置的 SQLite 数据库。本机使用 PostgreSQL：请用 pg_dump（或数据库服务器的连续归档）备份数据库，并另行备份数据目录中的 keys/ 文件夹（组织方密钥）`,
    `${what.en} is for the embedded SQLite database only. This office uses PostgreSQL: back up the database with pg_dump (or the server's continuous archiving), and the keys/ folder of the data directory (the organiser's key) separately`,
    { field: 'database' },
  );
}

/**
 * Takes a backup of the database `db` (opened on `dataDir`) into `out`. The copy is SQLite's online
 * backup, so it is consistent even while another process writes. Records it in the backup log.
 */
export async function writeBackup(
  db: DB,
  dataDir: string,
  out: string,
  opts: { reason: string; actor: string; now: Date },
): Promise<BackupResult> {
  const sqlite = sqliteHandleOf(db);
  if (!sqlite) throw sqliteOnly({ zh: 'fairdraw backup（备份文件）', en: 'fairdraw backup (the backup file)' });
  const paths = dataPaths(dataDir);
  const outDir = dirname(out);
  mkdirSync(outDir, { recursive: true });
  const tmpDb = join(outDir, `.${basename(out)}.${process.pid}.sqlite`);
  const tmpTar = join(outDir, `.${basename(out)}.${process.pid}.tmp`);
  const mtime = Math.floor(opts.now.getTime() / 1000);
  let fd: number | undefined;
  try {
    await sqlite.backup(tmpDb);
    crashPoint('backup:copied');
    const events = await db
      .selectFrom('events')
      .leftJoin('audit_log', 'audit_log.event_id', 'events.id')
      .select(['events.id as id', 'events.status as status', (eb) => eb.fn.count<number>('audit_log.seq').as('entries')])
      .groupBy('events.id')
      .orderBy('events.id')
      .execute();
    fd = openSync(tmpTar, 'w', 0o600);
    const tar = new TarWriter(fd);
    const files: Manifest['files'] = {};
    files[DB_FILE] = tar.addFile(DB_FILE, tmpDb, mtime);
    for (const [name, path] of [
      ['keys/organiser.key', paths.privateKey],
      ['keys/organiser.pub', paths.publicKey],
    ] as const) {
      const bytes = readFileSync(path);
      files[name] = { size: bytes.length, sha256: tar.addBytes(name, bytes, mtime) };
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      takenAt: opts.now.toISOString(),
      reason: opts.reason,
      files,
      events: events.map((e) => ({ id: e.id, status: e.status, entries: Number(e.entries) })),
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`, 'utf8');
    const manifestSha256 = tar.addBytes('manifest.json', manifestBytes, mtime);
    tar.end();
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    crashPoint('backup:written');
    renameSync(tmpTar, out);
    const size = statSync(out).size;
    await db
      .insertInto('backups')
      .values({
        taken_at: manifest.takenAt,
        actor: opts.actor,
        reason: opts.reason,
        file: out,
        manifest_sha256: manifestSha256,
        db_sha256: files[DB_FILE].sha256,
        size,
      })
      .execute();
    return { file: out, size, manifestSha256, manifest };
  } catch (e) {
    if (e instanceof FairDrawError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new FairDrawError('backup.write', `无法写入备份文件（${code}）`, `cannot write the backup file (${code})`, { file: out });
  } finally {
    if (fd !== undefined) closeSync(fd);
    for (const f of [tmpDb, tmpTar]) if (existsSync(f)) unlinkSync(f);
  }
}

/**
 * Unpacks and checks a backup into `dir` (which must not exist): every header's checksum, only the
 * expected names, every file the manifest lists with its size and SHA-256, the database and both
 * keys present. Returns the manifest; on any fault removes `dir` and refuses.
 */
export function unpackBackup(from: string, dir: string): Manifest {
  let fd: number;
  try {
    fd = openSync(from, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FairDrawError('file.missing', '找不到备份文件', 'backup file not found', { file: from });
    throw new FairDrawError('file.read', `无法读取备份文件（${code}）`, `cannot read the backup file (${code})`, { file: from });
  }
  mkdirSync(join(dir, 'keys'), { recursive: true, mode: 0o700 });
  try {
    const size = fstatSync(fd).size;
    const found = new Map<string, { size: number; sha256: string }>();
    let manifestText: string | undefined;
    let pos = 0;
    const header = Buffer.alloc(512);
    for (;;) {
      if (pos + 512 > size) throw backupRefused(from, '文件在中途结束', 'the file ends part-way (no end-of-archive marker)');
      readSync(fd, header, 0, 512, pos);
      if (header.every((b) => b === 0)) break;
      if (!checksumOk(header))
        throw backupRefused(from, `第 ${pos / 512 + 1} 块的文件头已损坏`, `the header at block ${pos / 512 + 1} is damaged`);
      const name = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const len = parseInt(header.toString('latin1', 124, 136).replace(/[\0 ]+$/, ''), 8);
      if (![...REQUIRED, 'manifest.json'].includes(name) || found.has(name) || (name === 'manifest.json' && manifestText !== undefined))
        throw backupRefused(from, `含有意外的文件 ${name}`, `it holds an unexpected entry ${name}`);
      pos += 512;
      if (!Number.isSafeInteger(len) || pos + len > size) throw backupRefused(from, `${name} 不完整`, `${name} is cut short`);
      if (name === 'manifest.json') {
        const b = Buffer.alloc(len);
        readSync(fd, b, 0, len, pos);
        manifestText = b.toString('utf8');
      } else {
        found.set(name, copyOut(fd, pos, len, join(dir, name)));
      }
      pos += Math.ceil(len / 512) * 512;
    }
    if (manifestText === undefined) throw backupRefused(from, '缺少清单 manifest.json', 'manifest.json is missing');
    let manifest: Manifest;
    try {
      manifest = JSON.parse(manifestText) as Manifest;
    } catch {
      throw backupRefused(from, '清单 manifest.json 无法读取', 'manifest.json cannot be read');
    }
    if (manifest?.format !== BACKUP_FORMAT || typeof manifest.files !== 'object' || manifest.files === null)
      throw backupRefused(from, `清单格式不是 ${BACKUP_FORMAT}`, `the manifest is not ${BACKUP_FORMAT}`);
    for (const name of REQUIRED) {
      if (!manifest.files[name]) throw backupRefused(from, `清单中缺少 ${name}`, `the manifest does not list ${name}`);
      if (!found.has(name)) throw backupRefused(from, `缺少 ${name}`, `${name} is missing`);
    }
    for (const [name, want] of Object.entries(manifest.files)) {
      const got = found.get(name);
      if (!got) throw backupRefused(from, `缺少 ${name}`, `${name} is missing`);
      if (got.size !== want.size || got.sha256 !== want.sha256)
        throw backupRefused(from, `${name} 的 SHA-256 与清单不符`, `${name} does not match its SHA-256 in the manifest`);
    }
    for (const name of found.keys())
      if (!manifest.files[name]) throw backupRefused(from, `${name} 不在清单中`, `${name} is not in the manifest`);
    for (const f of [join(dir, DB_FILE), join(dir, 'keys', 'organiser.key'), join(dir, 'keys', 'organiser.pub')]) tighten(f, 0o600);
    tighten(dir, 0o700);
    return manifest;
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  } finally {
    closeSync(fd);
  }
}

function copyOut(fd: number, pos: number, len: number, path: string): { size: number; sha256: string } {
  const hash = createHash('sha256');
  const out = openSync(path, 'wx', 0o600);
  try {
    const buf = Buffer.alloc(CHUNK);
    let done = 0;
    while (done < len) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, len - done), pos + done);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      let off = 0;
      while (off < n) off += writeSync(out, buf, off, n - off);
      done += n;
    }
    fsyncSync(out);
    return { size: done, sha256: hash.digest('hex') };
  } finally {
    closeSync(out);
  }
}

/** The automatic backups in `dir`, oldest first (their names sort by time). */
export function autoBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^fairdraw-\d{8}T\d{9}Z-\d{2}-[\w.-]+\.tar$/.test(f))
    .sort();
}

/** A name for an automatic backup, `fairdraw-YYYYMMDDTHHMMSSmmmZ-NN-REASON.tar`, unique in `dir` and sorting by time. */
export function autoBackupName(dir: string, now: Date, reason: string): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  const safe = reason.replace(/[^\w.-]/g, '_');
  const prefix = `fairdraw-${stamp}-`;
  const taken = autoBackups(dir)
    .filter((f) => f.startsWith(prefix))
    .map((f) => Number(f.slice(prefix.length, prefix.length + 2)));
  const n = taken.length ? Math.max(...taken) + 1 : 0;
  return join(dir, `${prefix}${String(n).padStart(2, '0')}-${safe}.tar`);
}

/** Removes all but the newest `keep` automatic backups in `dir`; returns the removed files. */
export function rotateBackups(dir: string, keep = 10): string[] {
  const all = autoBackups(dir);
  const old = all.slice(0, Math.max(0, all.length - keep));
  for (const f of old) unlinkSync(join(dir, f));
  return old.map((f) => join(dir, f));
}
