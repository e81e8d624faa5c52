/**
 * A very small WebAssembly binary writer: enough to express one module of straight-line integer and
 * 128-bit SIMD code (WebAssembly core spec 2.0, §5 binary format). The module is assembled from this
 * readable TypeScript at run time, so the repository holds no opaque binary.
 */

export const I32 = 0x7f;
export const V128 = 0x7b;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  n |= 0;
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** One function body, written instruction by instruction. */
export class Code {
  readonly bytes: number[] = [];

  private op(...b: number[]): this {
    for (const x of b) this.bytes.push(x);
    return this;
  }
  private simd(code: number, ...rest: number[]): this {
    return this.op(0xfd, ...uleb(code), ...rest);
  }

  get(i: number): this {
    return this.op(0x20, ...uleb(i));
  }
  set(i: number): this {
    return this.op(0x21, ...uleb(i));
  }
  tee(i: number): this {
    return this.op(0x22, ...uleb(i));
  }
  i32(n: number): this {
    return this.op(0x41, ...sleb(n));
  }
  add(): this {
    return this.op(0x6a);
  }
  sub(): this {
    return this.op(0x6b);
  }
  mul(): this {
    return this.op(0x6c);
  }
  ltU(): this {
    return this.op(0x49);
  }
  call(f: number): this {
    return this.op(0x10, ...uleb(f));
  }
  /** `loop` with an empty block type; `br 0` inside it jumps back to the start. */
  loop(): this {
    return this.op(0x03, 0x40);
  }
  block(): this {
    return this.op(0x02, 0x40);
  }
  brIf(depth: number): this {
    return this.op(0x0d, ...uleb(depth));
  }
  br(depth: number): this {
    return this.op(0x0c, ...uleb(depth));
  }
  eqz(): this {
    return this.op(0x45);
  }
  end(): this {
    return this.op(0x0b);
  }
  ifThen(): this {
    return this.op(0x04, 0x40);
  }

  // 128-bit SIMD (opcode numbers from the SIMD proposal as merged into the core spec).
  load(offset = 0): this {
    return this.simd(0x00, 4, ...uleb(offset));
  }
  store(offset = 0): this {
    return this.simd(0x0b, 4, ...uleb(offset));
  }
  /** v128.store32_lane: stores lane `lane` of the v128 on the stack. */
  store32Lane(offset: number, lane: number): this {
    return this.simd(0x5a, 2, ...uleb(offset), lane);
  }
  splat32(offset = 0): this {
    return this.simd(0x09, 2, ...uleb(offset)); // v128.load32_splat
  }
  i32x4Splat(): this {
    return this.simd(0x11);
  }
  and(): this {
    return this.simd(0x4e);
  }
  or(): this {
    return this.simd(0x50);
  }
  xor(): this {
    return this.simd(0x51);
  }
  bitselect(): this {
    return this.simd(0x52);
  }
  shl(): this {
    return this.simd(0xab);
  }
  shrU(): this {
    return this.simd(0xad);
  }
  add4(): this {
    return this.simd(0xae);
  }
}

export interface FuncDef {
  params: number[];
  results: number[];
  /** Extra locals, as [count, type] runs. */
  locals: [number, number][];
  code: Code;
  export?: string;
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function name(s: string): number[] {
  const b = Array.from(s, (c) => c.charCodeAt(0));
  return [...uleb(b.length), ...b];
}

/** A module with one exported memory (`memory`, `pages` × 64 KiB) and the given functions. */
export function assemble(funcs: readonly FuncDef[], pages: number): Uint8Array<ArrayBuffer> {
  const types = funcs.map((f) => [0x60, ...vec(f.params.map((p) => [p])), ...vec(f.results.map((r) => [r]))]);
  const exports: number[][] = [[...name('memory'), 0x02, 0]];
  funcs.forEach((f, i) => {
    if (f.export) exports.push([...name(f.export), 0x00, ...uleb(i)]);
  });
  const bodies = funcs.map((f) => {
    const body = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.code.bytes, 0x0b];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(types)),
    ...section(3, vec(funcs.map((_, i) => uleb(i)))),
    ...section(5, vec([[0x00, ...uleb(pages)]])),
    ...section(7, vec(exports)),
    ...section(10, vec(bodies)),
  ]);
}
