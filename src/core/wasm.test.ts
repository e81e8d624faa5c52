import { describe, expect, it } from 'vitest';
import { assemble, Code, I32, sleb, uleb } from './wasm.js';

describe('wasm.ts', () => {
  it('encodes LEB128 like the examples of the WebAssembly spec', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(sleb(0x80000000 | 0)).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
  });

  it('assembles a module that validates and runs: a loop summing 1..n', () => {
    const c = new Code();
    // acc = 0; do { acc += n; n -= 1 } while (n); return acc
    c.loop().get(1).get(0).add().set(1).get(0).i32(1).sub().tee(0).brIf(0).end().get(1);
    const bytes = assemble([{ params: [I32], results: [I32], locals: [[1, I32]], code: c, export: 'sum' }], 1);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    expect((inst.exports.sum as (n: number) => number)(100)).toBe(5050);
    expect((inst.exports.memory as WebAssembly.Memory).buffer.byteLength).toBe(65536);
  });
});
