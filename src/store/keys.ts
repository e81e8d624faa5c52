/**
 * The organiser's Ed25519 key, in the data directory's `keys/` folder (mode 0700): generated once,
 * when the data directory is created, never silently replaced. Both files are readable by their
 * owner only (mode 0600; checked and fixed whenever they are opened).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { publicKeyOf } from '../core/audit.js';
import { fromHex, toHex } from '../core/bytes.js';
import { FairDrawError } from '../core/errors.js';
import type { KeyStore } from '../office/ports.js';

export const KEY_FILE = 'organiser.key';
export const PUBLIC_KEY_FILE = 'organiser.pub';

/** Gives `path` the mode `mode` when it grants anyone else more (a file we cannot change is left as it is). */
export function tighten(path: string, mode: number): void {
  try {
    if (statSync(path).mode & 0o777 & ~mode) chmodSync(path, mode);
  } catch {
    /* missing or not ours: the open that follows reports it */
  }
}

/** Creates the data directory (mode 0700) if it is missing and takes away what others may do in it. */
export function makeDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new FairDrawError('store.io', `无法建立数据目录（${code}）`, `cannot create the data directory (${code})`, { file: dataDir });
  }
  tighten(dataDir, 0o700);
}

export function keyPaths(dir: string): { dir: string; privateKey: string; publicKey: string } {
  return { dir, privateKey: join(dir, KEY_FILE), publicKey: join(dir, PUBLIC_KEY_FILE) };
}

/** Makes a new organiser key pair; refuses to overwrite one. */
export function createKeys(dir: string): void {
  const p = keyPaths(dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir, 0o700);
  const secret = new Uint8Array(randomBytes(32));
  writeFileSync(p.privateKey, `${toHex(secret)}\n`, { mode: 0o600, flag: 'wx' });
  writeFileSync(p.publicKey, `${publicKeyOf(secret)}\n`, { mode: 0o600, flag: 'wx' });
}

export class FileKeyStore implements KeyStore {
  private secret?: Uint8Array;

  constructor(private readonly dir: string) {}

  get privatePath(): string {
    return keyPaths(this.dir).privateKey;
  }

  get publicPath(): string {
    return keyPaths(this.dir).publicKey;
  }

  private load(): Uint8Array {
    if (this.secret) return this.secret;
    if (!existsSync(this.privatePath))
      throw new FairDrawError(
        'store.keys-missing',
        '组织方私钥文件不见了。请停止使用此数据目录，并用 fairdraw restore 从备份恢复',
        'the organiser key file is missing. Stop using this data directory and restore a backup with fairdraw restore',
        { file: this.privatePath },
      );
    tighten(this.dir, 0o700);
    tighten(this.privatePath, 0o600);
    tighten(this.publicPath, 0o600);
    const secret = fromHex(readFileSync(this.privatePath, 'utf8').trim(), 32);
    if (!secret)
      throw new FairDrawError('keys.corrupt', '组织方私钥文件已损坏', 'the organiser key file is corrupt', { file: this.privatePath });
    this.secret = secret;
    return secret;
  }

  async publicKey(): Promise<string> {
    return publicKeyOf(this.load());
  }

  async sign(message: Uint8Array): Promise<string> {
    return toHex(ed25519.sign(message, this.load()));
  }
}
