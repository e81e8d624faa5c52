/**
 * The organiser's Ed25519 key, in the data directory: generated on first use, the private key file
 * readable by its owner only (mode 0600), the public key beside it for publication.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { fromHex, toHex } from '../core/bytes.js';
import { FairDrawError } from '../core/errors.js';
import type { KeyStore } from '../office/ports.js';

export class FileKeyStore implements KeyStore {
  private secret?: Uint8Array;

  constructor(private readonly dir: string) {}

  get privatePath(): string {
    return join(this.dir, 'organiser.key');
  }

  get publicPath(): string {
    return join(this.dir, 'organiser.pub');
  }

  private load(): Uint8Array {
    if (this.secret) return this.secret;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    if (!existsSync(this.privatePath)) {
      const secret = new Uint8Array(randomBytes(32));
      writeFileSync(this.privatePath, `${toHex(secret)}\n`, { mode: 0o600, flag: 'wx' });
      writeFileSync(this.publicPath, `${toHex(ed25519.getPublicKey(secret))}\n`, { mode: 0o644 });
    }
    const mode = statSync(this.privatePath).mode & 0o777;
    if (mode & 0o077) chmodSync(this.privatePath, 0o600);
    const secret = fromHex(readFileSync(this.privatePath, 'utf8').trim(), 32);
    if (!secret)
      throw new FairDrawError('keys.corrupt', '组织方私钥文件已损坏', 'the organiser key file is corrupt', { file: this.privatePath });
    this.secret = secret;
    return secret;
  }

  async publicKey(): Promise<string> {
    return toHex(ed25519.getPublicKey(this.load()));
  }

  async sign(message: Uint8Array): Promise<string> {
    return toHex(ed25519.sign(message, this.load()));
  }
}
