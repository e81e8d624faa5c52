/** The recording's SHA-256, streamed from the file, and the meeting's default time. */
import { describe, expect, it } from 'vitest';
import { hashFile } from '../../../web/ceremony/control/hash-file.js';
import { localMinute } from '../../../web/ceremony/control/local-time.js';

describe('hashFile', () => {
  it('gives the SHA-256 of the whole file and reports progress up to 1', async () => {
    const seen: number[] = [];
    // FIPS 180-2 test vector: SHA-256("abc").
    expect(await hashFile(new Blob(['abc']), (f) => seen.push(f))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(seen.at(-1)).toBe(1);
    // SHA-256 of nothing.
    expect(await hashFile(new Blob([]), () => undefined)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('reads a file in many chunks to the same digest, progress rising with each', async () => {
    const chunks = [new Uint8Array(1000).fill(0x61), new Uint8Array(3000).fill(0x62), new Uint8Array(4000).fill(0x63)];
    const file = {
      size: 8000,
      stream: () =>
        new ReadableStream<Uint8Array>({
          start(c) {
            for (const ch of chunks) c.enqueue(ch);
            c.close();
          },
        }),
    } as unknown as Blob;
    const seen: number[] = [];
    const h = await hashFile(file, (f) => seen.push(f));
    const { createHash } = await import('node:crypto');
    const whole = createHash('sha256');
    for (const ch of chunks) whole.update(ch);
    expect(h).toBe(whole.digest('hex'));
    expect(seen).toEqual([0.125, 0.5, 1]);
  });
});

describe('localMinute', () => {
  it('writes the computer’s own wall-clock time to the minute, as a datetime-local field wants it', () => {
    expect(localMinute(new Date(2020, 6, 20, 9, 30, 45))).toBe('2020-07-20T09:30');
    expect(localMinute(new Date(2020, 0, 1, 0, 5))).toBe('2020-01-01T00:05');
  });
});
