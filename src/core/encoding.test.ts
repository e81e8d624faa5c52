/**
 * §1 data model: the strict JSON reader refuses everything outside it, and `jcs` writes RFC 8785
 * canonical JSON (keys sorted by UTF-16 code units, strings escaped as ECMAScript JSON.stringify).
 * Expected outputs are written out by hand, not produced by the code under test.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkText, jcs, parseStrictJson, readStrictJson, type Json } from './encoding.js';
import { FairDrawError } from './errors.js';

/** The error code `fn` throws (a FairDrawError), or 'no error'. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof FairDrawError) return e.code;
    return `not a FairDrawError: ${String(e)}`;
  }
  return 'no error';
}

const refuse = (text: string): string => codeOf(() => parseStrictJson(text));

describe('parseStrictJson refuses what the data model excludes', () => {
  it('refuses a duplicate key, at the top level and nested, even with different values', () => {
    expect(refuse('{"a":1,"a":1}')).toBe('json.duplicate-key');
    expect(refuse('{"a":1,"b":2,"a":2}')).toBe('json.duplicate-key');
    expect(refuse('{"x":[{"k":"v","k":"w"}]}')).toBe('json.duplicate-key');
    // The same key in two different objects is fine.
    expect(parseStrictJson('[{"a":1},{"a":2}]')).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('refuses a duplicate key written with an escape (\\u0061 is "a")', () => {
    expect(refuse('{"a":1,"\\u0061":2}')).toBe('json.duplicate-key');
  });

  it('names the line of a duplicate key in a pretty-printed document', () => {
    let err: unknown;
    try {
      parseStrictJson('{\n  "a": 1,\n  "a": 2\n}', { file: 'rules.json' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FairDrawError);
    expect((err as FairDrawError).where).toMatchObject({ file: 'rules.json', line: 3, field: 'a' });
  });

  it('refuses numbers with a fraction or an exponent: 1.0, 1e0, 1E0, 0.5, 10e-1, -1.0', () => {
    for (const t of ['1.0', '1e0', '1E0', '0.5', '10e-1', '-1.0', '{"seats":2.0}', '[1e+2]']) expect(refuse(t), t).toBe('json.not-integer');
  });

  it('refuses -0 (but accepts 0 and -1)', () => {
    expect(refuse('-0')).toMatch(/^json\./);
    expect(refuse('{"n":-0}')).toMatch(/^json\./);
    expect(refuse('[-0]')).toMatch(/^json\./);
    expect(parseStrictJson('[0,-1]')).toEqual([0, -1]);
  });

  it('refuses 2^53 and -2^53 but accepts ±(2^53 − 1)', () => {
    expect(refuse('9007199254740992')).toBe('json.unsafe-integer');
    expect(refuse('-9007199254740992')).toBe('json.unsafe-integer');
    expect(refuse('90071992547409930')).toBe('json.unsafe-integer');
    expect(refuse('1' + '0'.repeat(60))).toBe('json.unsafe-integer');
    expect(parseStrictJson('9007199254740991')).toBe(9007199254740991);
    expect(parseStrictJson('-9007199254740991')).toBe(-9007199254740991);
  });

  it('refuses NaN, Infinity and other non-JSON literals', () => {
    for (const t of ['NaN', 'Infinity', '-Infinity', '{"n":NaN}', 'undefined', "'a'", '01', '+1', '.5', '0x10', 'True']) {
      expect(refuse(t), t).toMatch(/^json\./);
    }
  });

  it('refuses a byte-order mark at the start of the text', () => {
    expect(refuse('\ufeff{}')).toBe('json.bom');
  });

  it('refuses trailing content after the value', () => {
    for (const t of ['{} x', '{}{}', '1 2', '[] ,', '"a""b"', 'null\n\u0000', 'true false'])
      expect(refuse(t), JSON.stringify(t)).toBe('json.trailing');
  });

  it('refuses an empty document', () => {
    expect(refuse('')).toBe('json.empty');
    expect(refuse(' \n ')).toBe('json.empty');
  });

  it('refuses raw control characters inside strings (before and after an escape)', () => {
    for (const t of ['"a\tb"', '"a\nb"', '"\u0000"', '"\u001f"', '"x\\n\u0001"', '{"k\u0007":1}'])
      expect(refuse(t), JSON.stringify(t)).toBe('json.raw-control');
  });

  it('refuses C0 control characters written as escapes', () => {
    for (const t of ['"\\u0000"', '"\\t"', '"a\\nb"', '"\\u001F"', '{"\\r":1}']) expect(refuse(t), t).toBe('text.control');
  });

  it('refuses DEL and C1 control characters, raw or escaped', () => {
    for (const t of ['"\u007f"', '"\\u007f"', '"\u0080"', '"\\u0085"', '"a\u009fb"', '{"\u0090":1}'])
      expect(refuse(t), JSON.stringify(t)).toBe('text.control');
    // U+00A0 (just after C1) is ordinary text.
    expect(parseStrictJson('"\u00a0"')).toBe('\u00a0');
  });

  it('refuses strings that are not NFC (value and key), and accepts their NFC form', () => {
    expect(refuse('"e\u0301"')).toBe('text.nfc'); // e + combining acute
    expect(refuse('"\\u0065\\u0301"')).toBe('text.nfc');
    expect(refuse('{"Cafe\u0301":1}')).toBe('text.nfc');
    expect(refuse('"\u212b"')).toBe('text.nfc'); // ANGSTROM SIGN, NFC is U+00C5
    expect(parseStrictJson('"\u00e9"')).toBe('é');
    expect(parseStrictJson('"\u00c5"')).toBe('Å');
  });

  it('refuses lone surrogates written as escapes, and accepts a proper pair', () => {
    for (const t of ['"\\ud800"', '"\\udc00"', '"a\\ud83d"', '"\\ude00\\ud83d"', '{"\\udbff":1}'])
      expect(refuse(t), t).toBe('text.surrogate');
    expect(parseStrictJson('"\\ud83d\\ude00"')).toBe('😀');
    expect(parseStrictJson('"😀"')).toBe('\u{1f600}');
  });

  it('refuses malformed documents with a syntax error, not a crash', () => {
    for (const t of ['{', '[1,]', '{"a":1,}', '{"a" 1}', '{a:1}', '"abc', '"\\x41"', '[1 2]', '{"a":1 "b":2}'])
      expect(refuse(t), t).toBe('json.syntax');
  });
});

describe('parseStrictJson accepts the data model', () => {
  it('accepts a pretty-printed document (spaces, tabs, CRLF) and reads the same values', () => {
    const pretty =
      '{\r\n\t"spec": "fairdraw/v1",\r\n  "units": [\n    { "id": "A", "seats": 0 },\n    { "id": "B", "seats": 12 }\n  ],\n  "flag": true, "none": null, "title": "阳光摇号 \\"2024\\""\n}\n';
    expect(parseStrictJson(pretty)).toEqual({
      spec: 'fairdraw/v1',
      units: [
        { id: 'A', seats: 0 },
        { id: 'B', seats: 12 },
      ],
      flag: true,
      none: null,
      title: '阳光摇号 "2024"',
    });
  });

  it('keeps a key "__proto__" as an ordinary key', () => {
    const v = parseStrictJson('{"__proto__":{"x":1},"a":2}') as { [k: string]: Json };
    expect(Object.keys(v).sort()).toEqual(['__proto__', 'a']);
    expect(jcs(v)).toBe('{"__proto__":{"x":1},"a":2}');
  });

  it('reads back what jcs writes, for random values of the data model', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => {
      try {
        checkText(s, {});
        return true;
      } catch {
        return false;
      }
    });
    const { value } = fc.letrec<{ value: Json }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constant(null),
        fc.boolean(),
        fc.maxSafeInteger(),
        text,
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(text, tie('value'), { maxKeys: 4 }),
      ) as fc.Arbitrary<Json>,
    }));
    fc.assert(
      fc.property(value, (v) => {
        const canon = jcs(v);
        const back = parseStrictJson(canon);
        expect(jcs(back)).toBe(canon);
        // A pretty-printed copy reads back to the same canonical bytes.
        expect(jcs(parseStrictJson(JSON.stringify(v, null, 2)))).toBe(canon);
        expect(JSON.parse(canon)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('jcs (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units: "€" (U+20AC) before "😀" (D83D DE00)', () => {
    expect(jcs({ '\ud83d\ude00': 1, '\u20ac': 2 })).toBe('{"€":2,"😀":1}');
  });

  it('sorts "😀" (D83D) before "ｱ" (U+FF71): UTF-16 order, not code point or UTF-8 order', () => {
    // Code points: U+FF71 < U+1F600; UTF-16 units: 0xD83D < 0xFF71.
    expect(jcs({ '\uff71': 1, '\u{1f600}': 2 })).toBe('{"😀":2,"ｱ":1}');
  });

  it('orders the RFC 8785 §3.2.3 example keys as the RFC does', () => {
    const v = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(jcs(v)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('sorts keys by code unit, not by locale: "B" < "_" < "a" and "10" < "9"', () => {
    expect(jcs({ a: 1, _: 2, B: 3, '9': 4, '10': 5 })).toBe('{"10":5,"9":4,"B":3,"_":2,"a":1}');
  });

  it('escapes strings exactly as JSON.stringify: only ", \\ and C0 controls; short forms for \\b\\t\\n\\f\\r', () => {
    const s = '\u0000\u0008\t\n\u000b\f\r\u001f"\\/\u007f\u0080\u2028\u2029é😀<>&\'';
    // Written out by hand: RFC 8785 §3.2.2.2.
    const expected = '"\\u0000\\b\\t\\n\\u000b\\f\\r\\u001f\\"\\\\/\u007f\u0080\u2028\u2029é😀<>&\'"';
    expect(jcs(s)).toBe(expected);
    expect(jcs(s)).toBe(JSON.stringify(s));
    expect(jcs({ [s]: s })).toBe(`{${expected}:${expected}}`);
  });

  it('writes no whitespace and writes nested arrays and objects canonically', () => {
    expect(jcs({ z: [1, { y: null, x: [true, false] }, []], a: {} })).toBe('{"a":{},"z":[1,{"x":[true,false],"y":null},[]]}');
  });

  it('writes -0 as 0 and refuses numbers outside the data model', () => {
    expect(jcs(-0)).toBe('0');
    expect(jcs([-9007199254740991, 9007199254740991])).toBe('[-9007199254740991,9007199254740991]');
    for (const n of [1.5, 2 ** 53, -(2 ** 53), Number.NaN, Number.POSITIVE_INFINITY]) expect(() => jcs(n), String(n)).toThrow(TypeError);
  });

  it('sorts keys like an independent UTF-16 code-unit comparison, for random keys', () => {
    const byCodeUnits = (a: string, b: string): number => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const d = a.charCodeAt(i) - b.charCodeAt(i);
        if (d !== 0) return d;
      }
      return a.length - b.length;
    };
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 4 }), { maxLength: 8 }), (keys) => {
        const obj: { [k: string]: Json } = {};
        keys.forEach((k, i) => (obj[k] = i));
        const expected =
          '{' +
          [...keys]
            .sort(byCodeUnits)
            .map((k) => `${JSON.stringify(k)}:${keys.indexOf(k)}`)
            .join(',') +
          '}';
        expect(jcs(obj)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('readStrictJson reads a file’s bytes: UTF-8, then the strict reader', () => {
  const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

  it('parses a UTF-8 document', () => {
    // {"a":"é"} with é as C3 A9.
    expect(readStrictJson(bytes(0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0xa9, 0x22, 0x7d))).toEqual({ a: 'é' });
  });

  it('refuses bytes that are not UTF-8, naming the file', () => {
    let error: unknown;
    try {
      readStrictJson(bytes(0x7b, 0xff, 0x7d), { file: 'sources.json' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FairDrawError);
    expect((error as FairDrawError).code).toBe('file.utf8');
    expect((error as FairDrawError).where).toEqual({ file: 'sources.json' });
    // A lone continuation byte, and a truncated sequence.
    expect(codeOf(() => readStrictJson(bytes(0x22, 0x80, 0x22)))).toBe('file.utf8');
    expect(codeOf(() => readStrictJson(bytes(0x22, 0xe4, 0xb8, 0x22)))).toBe('file.utf8');
  });

  it('keeps a byte-order mark for the strict reader to refuse, and refuses what it refuses', () => {
    expect(codeOf(() => readStrictJson(bytes(0xef, 0xbb, 0xbf, 0x31)))).toBe('json.bom');
    expect(codeOf(() => readStrictJson(bytes(0x7b, 0x7d, 0x7b, 0x7d)))).toBe('json.trailing');
    expect(codeOf(() => readStrictJson(bytes()))).toBe('json.empty');
  });
});
