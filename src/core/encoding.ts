/**
 * Contract §1: canonical JSON (RFC 8785 for FairDraw's data model), the strict reader that refuses
 * anything outside that model, and the string rules (NFC, no control characters, no lone surrogates).
 */
import { fromUtf8 } from './bytes.js';
import { fail, FairDrawError, type ErrorCode, type Where } from './errors.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * `JCS(x)` (§1, RFC 8785) as a string: keys sorted by UTF-16 code units, no whitespace, strings
 * escaped exactly as ECMAScript `JSON.stringify` does (RFC 8785 §3.2.2.2 defines it that way).
 * Only integers in the safe range are allowed as numbers; anything else is a programming error.
 */
export function jcs(value: Json): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new TypeError(`JCS: ${value} is not a safe integer`);
      return Object.is(value, -0) ? '0' : String(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
      // Default string sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 asks for.
      const keys = Object.keys(value).sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        const v = value[k];
        if (v === undefined) continue;
        if (out.length > 1) out += ',';
        out += JSON.stringify(k) + ':' + jcs(v);
      }
      return out + '}';
    }
    default:
      throw new TypeError(`JCS: unsupported value of type ${typeof value}`);
  }
}

// C0 (U+0000–U+001F), DEL and C1 (U+007F–U+009F).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Checks a string against §1: NFC, no control characters, no unpaired surrogates. */
export function checkText(s: string, where: Where): void {
  if (LONE_SURROGATE.test(s)) {
    fail('text.surrogate', '含有不成对的代理字符', 'contains an unpaired surrogate', where);
  }
  const m = CONTROL.exec(s);
  if (m) {
    const cp = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    fail('text.control', `含有控制字符 U+${cp}`, `contains the control character U+${cp}`, where);
  }
  if (s.normalize('NFC') !== s) {
    fail('text.nfc', '文字不是 Unicode NFC 规范形式', 'is not in Unicode NFC', where);
  }
}

/** Checks every string (keys included) of a parsed document against §1. */
export function checkAllText(value: Json, where: Where, path = ''): void {
  if (typeof value === 'string') {
    checkText(value, { ...where, field: path || where.field });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkAllText(v, where, `${path}[${i}]`));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      checkText(k, { ...where, field: p });
      checkAllText(v, where, p);
    }
  }
}

/**
 * Reads one JSON document strictly (§1): refuses duplicate keys, numbers with a fraction or an
 * exponent or outside the safe range, a byte-order mark, trailing content, and strings that break
 * the text rules. Errors name the field path and, where useful, the 1-based line of the text.
 */
export function parseStrictJson(text: string, where: Where = {}): Json {
  return new StrictReader(text, where).document();
}

/**
 * A JSON file's bytes read strictly: UTF-8 with invalid sequences refused (a file that is not UTF-8
 * is an error, not mojibake), then `parseStrictJson`. Every refusal is a FairDrawError naming `where`.
 */
export function readStrictJson(bytes: Uint8Array, where: Where = {}): Json {
  let text: string;
  try {
    text = fromUtf8(bytes);
  } catch {
    fail('file.utf8', '文件不是有效的 UTF-8 编码', 'the file is not valid UTF-8', where);
  }
  try {
    return parseStrictJson(text, where);
  } catch (e) {
    throw e instanceof FairDrawError ? e : new FairDrawError('json.syntax', 'JSON 格式错误', 'malformed JSON', where);
  }
}

class StrictReader {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly where: Where,
  ) {}

  document(): Json {
    if (this.s.charCodeAt(0) === 0xfeff) {
      this.error('json.bom', '文件以字节顺序标记（BOM）开头', 'the file starts with a byte-order mark (BOM)', '');
    }
    this.ws();
    if (this.i >= this.s.length) this.error('json.empty', '文件是空的', 'the file is empty', '');
    const v = this.value('');
    this.ws();
    if (this.i < this.s.length) {
      this.error('json.trailing', 'JSON 之后还有多余内容', 'unexpected content after the JSON value', '');
    }
    return v;
  }

  // Line numbers are counted incrementally: the reader only moves forward, and counting from the
  // start on every call would make large documents quadratic.
  private lineAt = 0;
  private lineCount = 1;
  private lineHere(): number {
    const end = Math.min(this.i, this.s.length);
    if (end < this.lineAt) {
      this.lineAt = 0;
      this.lineCount = 1;
    }
    for (; this.lineAt < end; this.lineAt++) if (this.s.charCodeAt(this.lineAt) === 10) this.lineCount++;
    return this.lineCount;
  }

  /** §1 text rules for a string just read; plain printable ASCII needs no check. */
  private checkString(v: string, path: string): void {
    if (PRINTABLE_ASCII.test(v)) return;
    checkText(v, { ...this.where, field: path || undefined, line: this.where.line ?? this.lineHere() });
  }

  private error(code: ErrorCode, zh: string, en: string, path: string): never {
    const where: Where = { ...this.where };
    if (where.line === undefined) where.line = this.lineHere();
    if (path) where.field = path;
    fail(code, zh, en, where);
  }

  private syntax(path: string): never {
    const found = this.i < this.s.length ? JSON.stringify(this.s[this.i]) : 'end of file';
    this.error('json.syntax', `JSON 格式错误（位置 ${this.i}）`, `malformed JSON at offset ${this.i} (found ${found})`, path);
  }

  private ws(): void {
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i++;
      else return;
    }
  }

  private value(path: string): Json {
    const c = this.s[this.i];
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    if (c === '"') {
      const v = this.string(path);
      this.checkString(v, path);
      return v;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number(path);
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    return this.syntax(path);
  }

  private object(path: string): JsonObject {
    this.i++; // {
    const out: JsonObject = Object.create(null) as JsonObject;
    const seen = new Set<string>();
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.syntax(path);
      const key = this.string(path);
      const p = path ? `${path}.${key}` : key;
      this.checkString(key, p);
      if (seen.has(key)) {
        this.error('json.duplicate-key', `键 "${key}" 重复出现`, `the key "${key}" appears twice in one object`, p);
      }
      seen.add(key);
      this.ws();
      if (this.s[this.i] !== ':') this.syntax(p);
      this.i++;
      this.ws();
      out[key] = this.value(p);
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return out;
      if (c !== ',') {
        this.i--;
        this.syntax(p);
      }
    }
  }

  private array(path: string): Json[] {
    this.i++; // [
    const out: Json[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      out.push(this.value(`${path}[${out.length}]`));
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') {
        this.i--;
        this.syntax(`${path}[${out.length - 1}]`);
      }
    }
  }

  private string(path: string): string {
    const start = ++this.i;
    // Fast path: no escapes.
    let j = start;
    for (;;) {
      const c = this.s.charCodeAt(j);
      if (Number.isNaN(c)) this.syntax(path);
      if (c === 0x22) {
        this.i = j + 1;
        return this.s.slice(start, j);
      }
      if (c === 0x5c) break;
      if (c < 0x20) {
        this.i = j;
        this.error('json.raw-control', '字符串中含有未转义的控制字符', 'a string contains a raw control character', path);
      }
      j++;
    }
    // Slow path with escapes: let the platform decode the literal once we know where it ends.
    let k = j;
    for (;;) {
      const c = this.s.charCodeAt(k);
      if (Number.isNaN(c)) this.syntax(path);
      if (c === 0x5c) k += 2;
      else if (c === 0x22) break;
      else if (c < 0x20) {
        this.i = k;
        this.error('json.raw-control', '字符串中含有未转义的控制字符', 'a string contains a raw control character', path);
      } else k++;
    }
    let v: unknown;
    try {
      v = JSON.parse(this.s.slice(start - 1, k + 1));
    } catch {
      this.i = start;
      this.syntax(path);
    }
    this.i = k + 1;
    return v as string;
  }

  private number(path: string): number {
    const m = /^-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.s.slice(this.i, this.i + 40));
    if (!m) return this.syntax(path);
    if (m[1] !== undefined || m[2] !== undefined) {
      this.error(
        'json.not-integer',
        `数字 ${m[0]} 必须是不带小数点或指数的整数`,
        `the number ${m[0]} must be an integer written without a fraction or exponent`,
        path,
      );
    }
    if (m[0] === '-0') {
      this.error('json.negative-zero', '数字 -0 不是规范写法（应写作 0）', 'the number -0 is not canonical (write 0)', path);
    }
    const n = Number(m[0]);
    if (Math.abs(n) > MAX_SAFE) {
      this.error('json.unsafe-integer', `数字 ${m[0]} 超出安全整数范围`, `the number ${m[0]} is outside the safe integer range`, path);
    }
    this.i += m[0].length;
    return n;
  }
}

/** True when `value` is a plain JSON object (not an array, not null). */
export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
