import { sha256Stream } from '../../../src/core/hash.js';
import { toHex } from '../../../src/core/bytes.js';

/** SHA-256 of a (possibly many-gigabyte) file, streamed in the browser with @noble/hashes. */
export async function hashFile(file: Blob, onProgress: (fraction: number) => void): Promise<string> {
  const h = sha256Stream();
  const reader = file.stream().getReader();
  let done = 0;
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) break;
    h.update(value);
    done += value.byteLength;
    onProgress(file.size ? done / file.size : 1);
  }
  return toHex(h.digest());
}
