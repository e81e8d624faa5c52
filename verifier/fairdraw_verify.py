#!/usr/bin/env python3
"""Independent second verifier for the FairDraw draw contract ``fairdraw/v1``.

    python3 fairdraw_verify.py --rules rules.json --list list.jsonl \\
        --sources sources.json --record record.json
    python3 fairdraw_verify.py --rules rules.json --list list.jsonl \\
        --sources sources.json --print-record

It recomputes the draw record from the three public inputs and compares it with the published
record. It is written from the contract text (draw-v1.md) alone, uses only the Python standard
library (3.9+), and shares no code with the FairDraw engine, so that a mistake in one is unlikely
to be repeated in the other. What it checks, section by section:

  §1  Every document is read by one strict reader: UTF-8 without BOM; no duplicate keys; numbers
      only as integers in the safe range (|n| <= 2^53-1) without fraction or exponent (no NaN or
      Infinity); every string, keys included, in NFC with no C0/C1 control character and no
      unpaired surrogate. Identifiers are 1-64 characters of [0-9A-Za-z_.-].
  §2  rules.json: spec, drawId, mechanism, tieBreak, groupFit, units (non-empty, distinct ids,
      integer seats >= 0), declaredSources (non-empty, valid shapes, drand only on quicknet).
      paramsSha256 is the SHA-256 of the file's exact bytes, whatever its formatting.
  §3  list.jsonl: each line is exactly JCS(record) + "\\n"; no blank line, CR or BOM; ids sorted
      by UTF-8 bytes and unique; exactly the allowed keys; known, distinct units; non-empty
      choices; tiers 1-99; groups of at least 2 members with identical choices. listRoot is the
      RFC 6962 Merkle tree hash of the lines (without "\\n").
  §4  sources.json matches declaredSources (count, order, kind, label; drand chain and round);
      exact key sets; non-empty label and value. For drand: signature is 96 hex, randomness is
      64 hex and equals SHA256(signature). The BLS12-381 signature itself is NOT checked (the
      standard library has no pairing arithmetic); the output says so whenever drand is used.
  §5  seed; §6 entrants and tickets (HMAC-SHA-256); §7 a unit's choice; §8 deferred and
      immediate acceptance; §9 the record, then: parse the given record, delete top-level
      "extra", compare canonical JSON (JCS) bytes.

With --bundle DIR it checks every file of the public bundle: the four above, and audit.json (the
hash chain, every checkpoint's Ed25519 signature against organiser.pub, the notary's against the
key the log registered before the freeze, the digests the log fixed at publication, freeze, draw
and results, and the sealed witness values: committed before any reveal, opened by the reveal with
the value of sources.json, all before a declared drand round). audit.json and sources.json must be
in their canonical form (JCS), as published, so that no byte of any file is free.

Output and exit codes:
  0  "valid" (first line; qualified when a drand source is used), or the record printed
     with --print-record (exact JCS bytes, no trailing newline, as a record file is written)
  1  "record differs at <path>: expected <json>, found <json>" (the first difference)
  2  an input the contract refuses: one line "error: <file> line N, field "F": ... / 错误：..."
Results of exit 0 and 1 go to stdout; refusals and the --print-record drand note to stderr.
"""

import argparse
import hashlib
import hmac
import json
import re
import sys
import unicodedata

QUICKNET = "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971"
MAX_SAFE = 2**53 - 1
MECHANISMS = ("deferred-acceptance", "immediate-acceptance")
BLS_NOTE = ("drand BLS signature NOT checked: this verifier has no BLS12-381; "
            "check it with the FairDraw CLI or browser verifier")
# The order of the record's fields in §9. The first difference is looked for in this order, so
# that a changed input shows up as its digest (e.g. listRoot) before its consequences.
RECORD_ORDER = ("spec", "drawId", "paramsSha256", "listRoot", "listSize", "sources",
                "sourcesSha256", "seed", "units", "applicants")

ID_RE = re.compile(r"[0-9A-Za-z_.-]{1,64}")
HEX64_RE = re.compile(r"[0-9a-f]{64}")
HEX96_RE = re.compile(r"[0-9a-f]{96}")
CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f]")
SURROGATE_RE = re.compile("[\ud800-\udfff]")
PLAIN_KEY_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class Refused(Exception):
    """An input the contract says must be refused (exit 2). Printed as one bilingual line."""

    def __init__(self, file, en, zh, line=None, field=None):
        super().__init__(en)
        self.file, self.en, self.zh, self.line, self.field = file, en, zh, line, field

    def __str__(self):
        en = self.file + (f" line {self.line}" if self.line else "")
        zh = self.file + (f" 第{self.line}行" if self.line else "")
        if self.field:
            en += f', field "{self.field}"'
            zh += f' 字段 "{self.field}"'
        return f"error: {en}: {self.en} / 错误：{zh}：{self.zh}"


def field_path(base, step):
    """Readable path of a value inside a document: units[0].seats, tickets["S.01"]."""
    if isinstance(step, int):
        return f"{base}[{step}]"
    if PLAIN_KEY_RE.fullmatch(step):
        return f"{base}.{step}" if base else step
    return f"{base}[{jcs_text(step)}]"


# ---------------------------------------------------------------------------------------------
# §1 Canonical JSON (RFC 8785) for the contract's data model: objects, arrays, strings,
# booleans, null and safe integers. Written out here rather than borrowed from json.dumps so an
# auditor can see every rule: keys sorted by UTF-16 code units, no whitespace, and strings
# escaped only for '"', '\' and U+0000-U+001F (short forms \b \t \n \f \r, else \u00xx in
# lowercase hex). Everything else, DEL, U+2028 and all non-ASCII included, is written as itself.

_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n",
                  "\f": "\\f", "\r": "\\r"}
_TO_ESCAPE_RE = re.compile('["\\\\\x00-\x1f]')


def _escape(match):
    ch = match.group()
    return _SHORT_ESCAPES.get(ch) or "\\u%04x" % ord(ch)


def _utf16_order(key):
    # Big-endian UTF-16 bytes compare exactly like the sequence of UTF-16 code units.
    return key.encode("utf-16-be", "surrogatepass")


def jcs_text(value):
    """JCS of a value, as text (§1)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:  # bool is excluded above; floats never get this far (see reader)
        return str(value)
    if type(value) is str:
        return '"' + _TO_ESCAPE_RE.sub(_escape, value) + '"'
    if type(value) is list:
        return "[" + ",".join(jcs_text(item) for item in value) + "]"
    if type(value) is dict:
        keys = sorted(value, key=_utf16_order)
        return "{" + ",".join(jcs_text(k) + ":" + jcs_text(value[k]) for k in keys) + "}"
    raise TypeError(f"not in the JSON data model: {type(value).__name__}")


def jcs(value):
    """JCS(x) as UTF-8 bytes (§1)."""
    return jcs_text(value).encode("utf-8")


# ---------------------------------------------------------------------------------------------
# §1 The strict reader. Python's json module is lenient (1.0 becomes a float, NaN is accepted,
# a repeated key silently wins), so its hooks replace each such value by a _Bad marker; one walk
# over the result then reports the first problem together with the path where it sits.

class _Bad:
    def __init__(self, en, zh):
        self.en, self.zh = en, zh


def _on_int(text):
    # Checked on the text first: Python refuses to convert very long digit strings at all.
    if text == "-0":  # JCS writes zero as 0; "-0" is not canonical
        return _Bad("the number -0 is not canonical (write 0)", "数字 -0 不是规范写法（应写作 0）")
    if len(text.lstrip("-")) > 16 or abs(int(text)) > MAX_SAFE:
        return _Bad(f"integer {text[:20]} is outside the safe range ±(2^53−1)",
                    f"整数 {text[:20]} 超出安全范围 ±(2^53−1)")
    return int(text)


def _on_float(text):
    return _Bad(f"number {text} has a fraction or exponent; only integers are allowed",
                f"数字 {text} 带有小数或指数；只允许整数")


def _on_constant(text):
    return _Bad(f"{text} is not a JSON number", f"{text} 不是 JSON 数字")


def _on_object(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            return _Bad(f"duplicate key {jcs_text(key)}", f"重复的键 {jcs_text(key)}")
        obj[key] = value
    return obj


_READER = json.JSONDecoder(object_pairs_hook=_on_object, parse_float=_on_float,
                           parse_int=_on_int, parse_constant=_on_constant, strict=True)


def path_text(steps):
    """Readable path from a tuple of keys and indexes (built only when an error is reported)."""
    path = ""
    for step in steps:
        path = field_path(path, step)
    return path or None


def check_string(text, file, line, steps):
    """§1: NFC, no C0/C1 control characters, no unpaired surrogates."""
    if SURROGATE_RE.search(text):
        raise Refused(file, "text contains an unpaired surrogate", "文字含有不成对的代理码位",
                      line, path_text(steps))
    bad = CONTROL_RE.search(text)
    if bad:
        code = "U+%04X" % ord(bad.group())
        raise Refused(file, f"text contains the control character {code}",
                      f"文字含有控制字符 {code}", line, path_text(steps))
    if not unicodedata.is_normalized("NFC", text):
        raise Refused(file, "text is not in Unicode NFC", "文字不是 Unicode NFC 规范形式",
                      line, path_text(steps))


def check_values(value, file, line, steps=()):
    """§1: walk a parsed document; report the first marker or bad string with its path."""
    if isinstance(value, _Bad):
        raise Refused(file, value.en, value.zh, line, path_text(steps))
    if type(value) is str:
        check_string(value, file, line, steps)
    elif type(value) is dict:
        for key, item in value.items():
            check_string(key, file, line, steps + (key,))
            check_values(item, file, line, steps + (key,))
    elif type(value) is list:
        for i, item in enumerate(value):
            check_values(item, file, line, steps + (i,))


def read_json(data, file, line=None):
    """§1: bytes of one document (or one list line) to a value in the contract's data model."""
    # §3 forbids a BOM in the list. The contract is silent for the other files; we refuse it
    # everywhere (RFC 8259 forbids emitting one, and it is an invisible byte inside a hash).
    if data.startswith(b"\xef\xbb\xbf"):
        raise Refused(file, "starts with a byte order mark (BOM)", "以字节顺序标记（BOM）开头", line)
    try:
        text = data.decode("utf-8")  # strict: also refuses surrogates encoded in UTF-8
    except UnicodeDecodeError as err:
        raise Refused(file, f"not valid UTF-8 (byte {err.start})",
                      f"不是有效的 UTF-8（第{err.start}字节）", line) from None
    try:
        value = _READER.decode(text)
    except json.JSONDecodeError as err:
        where = line if line is not None else err.lineno
        raise Refused(file, f"not valid JSON: {err.msg} (column {err.colno})",
                      f"不是有效的 JSON：{err.msg}（第{err.colno}列）", where) from None
    except RecursionError:
        raise Refused(file, "not valid JSON (nested too deeply)", "不是有效的 JSON（嵌套过深）",
                      line) from None
    check_values(value, file, line)
    return value


# ---------------------------------------------------------------------------------------------
# Small shape checks shared by §2-§4. Python's bool is a subclass of int, hence "type(x) is".

def need(obj, key, file, path, line=None):
    if key not in obj:
        raise Refused(file, "is missing", "缺失", line, field_path(path, key))
    return obj[key]


def need_object(value, file, field, line=None):
    if type(value) is not dict:
        raise Refused(file, "must be a JSON object", "必须是 JSON 对象", line, field or None)
    return value


def need_keys(obj, required, optional, file, path, line=None):
    """Exactly these keys: an unknown key is refused (personal data must never slip in)."""
    for key in obj:
        if key not in required and key not in optional:
            raise Refused(file, "unknown key (fairdraw/v1 does not define it)",
                          "未知的键（fairdraw/v1 未定义）", line, field_path(path, key))
    for key in required:
        need(obj, key, file, path, line)


def need_id(value, file, field, line=None):
    if type(value) is not str or not ID_RE.fullmatch(value):
        raise Refused(file, "must be an identifier: 1–64 characters of [0-9A-Za-z_.-]",
                      "必须是标识符：1–64 个 [0-9A-Za-z_.-] 字符", line, field)
    return value


def need_text(value, file, field, line=None):
    if type(value) is not str or not value:
        raise Refused(file, "must be a non-empty string", "必须是非空字符串", line, field)
    return value


def need_one_of(value, allowed, file, field):
    if value not in allowed or type(value) is not str:
        raise Refused(file, "must be " + " or ".join(jcs_text(a) for a in allowed),
                      "必须是 " + " 或 ".join(jcs_text(a) for a in allowed), None, field)
    return value


def need_round(value, file, field):
    if type(value) is not int or value < 1:
        raise Refused(file, "round must be a positive integer", "round 必须是正整数", None, field)
    return value


# ---------------------------------------------------------------------------------------------
# §2 Rules.

def load_rules(data, file):
    rules = need_object(read_json(data, file), file, "")
    need_one_of(need(rules, "spec", file, ""), ("fairdraw/v1",), file, "spec")
    need_id(need(rules, "drawId", file, ""), file, "drawId")
    need_one_of(need(rules, "mechanism", file, ""), MECHANISMS, file, "mechanism")
    need_one_of(need(rules, "tieBreak", file, ""), ("single", "multiple"), file, "tieBreak")
    need_one_of(need(rules, "groupFit", file, ""), ("strict", "overflow"), file, "groupFit")

    units = need(rules, "units", file, "")
    if type(units) is not list or not units:
        raise Refused(file, "must be a non-empty array of units", "必须是非空的招生单元数组",
                      None, "units")
    seen = set()
    for i, unit in enumerate(units):
        path = field_path("units", i)
        need_object(unit, file, path)
        # Other unit fields (name, ...) are allowed: they are covered by paramsSha256.
        uid = need_id(need(unit, "id", file, path), file, path + ".id")
        if uid in seen:
            raise Refused(file, f'duplicate unit id "{uid}"', f'重复的招生单元 id "{uid}"',
                          None, path + ".id")
        seen.add(uid)
        seats = need(unit, "seats", file, path)
        if type(seats) is not int or seats < 0:
            raise Refused(file, "seats must be an integer ≥ 0", "学位数必须是 ≥ 0 的整数",
                          None, path + ".seats")

    declared = need(rules, "declaredSources", file, "")
    if type(declared) is not list or not declared:
        raise Refused(file, "must be a non-empty array: a draw needs declared randomness",
                      "必须是非空数组：摇号必须事先声明随机源", None, "declaredSources")
    # Two declared sources may share a label (silent in the contract): they stay distinct by
    # position, since §4 matches values to declarations in order.
    for i, source in enumerate(declared):
        path = field_path("declaredSources", i)
        need_object(source, file, path)
        kind = need_one_of(need(source, "kind", file, path), ("witness", "public", "drand"),
                           file, path + ".kind")
        # The contract lists the shapes without saying "exactly"; we hold them to exactly these
        # keys, as §4 does for the values, so that nothing unannounced rides along.
        if kind == "drand":
            need_keys(source, ("kind", "chain", "round"), (), file, path)
            if source["chain"] != QUICKNET:
                raise Refused(file, f"chain must be drand quicknet {QUICKNET}",
                              f"chain 必须是 drand quicknet {QUICKNET}", None, path + ".chain")
            need_round(source["round"], file, path + ".round")
        else:
            need_keys(source, ("kind", "label"), (), file, path)
            need_text(source["label"], file, path + ".label")
    return rules


# ---------------------------------------------------------------------------------------------
# §4 Sources of randomness.

def load_sources(data, file, declared):
    sources = read_json(data, file)
    if type(sources) is not list:
        raise Refused(file, "must be a JSON array", "必须是 JSON 数组")
    if len(sources) != len(declared):
        raise Refused(file, f"has {len(sources)} source value(s) but the rules declare "
                            f"{len(declared)}",
                      f"有 {len(sources)} 个值，但规则声明了 {len(declared)} 个随机源")
    for i, (source, want) in enumerate(zip(sources, declared)):
        path = field_path("", i)
        need_object(source, file, path)
        kind = need(source, "kind", file, path)
        if kind != want["kind"]:
            raise Refused(file, f"kind {jcs_text(kind)} does not match the declared "
                                f"{jcs_text(want['kind'])} (values follow the declared order)",
                          f"kind {jcs_text(kind)} 与声明的 {jcs_text(want['kind'])} 不符"
                          "（随机源必须按声明顺序给出）", None, path + ".kind")
        if kind == "drand":
            check_drand(source, want, file, path)
            continue
        need_keys(source, ("kind", "label", "value"), (), file, path)
        if source["label"] != want["label"]:
            raise Refused(file, f"label {jcs_text(source['label'])} does not match the declared "
                                f"label {jcs_text(want['label'])}",
                          f"label {jcs_text(source['label'])} 与声明的 "
                          f"{jcs_text(want['label'])} 不符", None, path + ".label")
        need_text(source["value"], file, path + ".value")
    return sources


def check_drand(source, want, file, path):
    """§4 drand, everything except the BLS signature check (see BLS_NOTE)."""
    need_keys(source, ("kind", "chain", "round", "randomness", "signature"), (), file, path)
    if source["chain"] != want["chain"]:
        raise Refused(file, "chain differs from the declared chain", "chain 与声明的不符",
                      None, path + ".chain")
    need_round(source["round"], file, path + ".round")
    if source["round"] != want["round"]:
        raise Refused(file, f"round {source['round']} differs from the declared round "
                            f"{want['round']}",
                      f"round {source['round']} 与声明的 {want['round']} 不符", None, path + ".round")
    signature, randomness = source["signature"], source["randomness"]
    if type(signature) is not str or not HEX96_RE.fullmatch(signature):
        raise Refused(file, "signature must be 96 lowercase hex characters",
                      "signature 必须是 96 个小写十六进制字符", None, path + ".signature")
    if type(randomness) is not str or not HEX64_RE.fullmatch(randomness):
        raise Refused(file, "randomness must be 64 lowercase hex characters",
                      "randomness 必须是 64 个小写十六进制字符", None, path + ".randomness")
    if hashlib.sha256(bytes.fromhex(signature)).hexdigest() != randomness:
        raise Refused(file, "randomness is not SHA256(signature)",
                      "randomness 不等于 SHA256(signature)", None, path + ".randomness")


# ---------------------------------------------------------------------------------------------
# §3 Applicant list.

def load_list(data, file, unit_ids):
    """Returns (applicants, lines): applicants as (id, choices [(unit, tier)], group or None),
    in file order; lines are the raw bytes of each line without "\\n" (the Merkle leaves)."""
    if not data:
        return [], []  # an empty list is a 0-byte file
    if not data.endswith(b"\n"):
        raise Refused(file, "the last line does not end with \\n", "最后一行没有以 \\n 结尾",
                      data.count(b"\n") + 1)
    lines = data[:-1].split(b"\n")
    applicants, groups = [], {}
    prev_id = prev_line = None
    for number, raw in enumerate(lines, 1):
        if not raw:
            raise Refused(file, "blank line", "空行", number)
        if b"\r" in raw:
            raise Refused(file, "contains a carriage return (\\r); lines end with \\n only",
                          "含有回车符（\\r）；每行只能以 \\n 结尾", number)
        record = read_json(raw, file, number)
        aid, choices, group = check_list_record(record, file, number, unit_ids)
        canonical = jcs(record)
        if canonical != raw:
            # Fixed bytes per record are what make listRoot and inclusion proofs reproducible.
            at = next((i for i, (a, b) in enumerate(zip(canonical, raw)) if a != b),
                      min(len(canonical), len(raw)))
            raise Refused(file, f"not in canonical JCS form (first difference at byte {at + 1})",
                          f"不是规范的 JCS 形式（第{at + 1}字节起不同）", number)
        # Identifiers are ASCII, so Python's string order is the UTF-8 byte order.
        if prev_id is not None and aid == prev_id:
            raise Refused(file, f'duplicate id "{aid}" (also on line {prev_line})',
                          f'重复的 id "{aid}"（第{prev_line}行也有）', number, "id")
        if prev_id is not None and aid < prev_id:
            raise Refused(file, f'ids are not sorted: "{aid}" comes after "{prev_id}"',
                          f'id 未按升序排列："{aid}" 排在 "{prev_id}" 之后', number, "id")
        prev_id, prev_line = aid, number
        applicants.append((aid, choices, group))
        if group is not None:
            groups.setdefault(group, []).append((number, aid, choices))
    check_groups(groups, file)
    return applicants, lines


def check_list_record(record, file, line, unit_ids):
    """§3: one record has exactly {id, choices, group?}; each choice exactly {unit, tier}."""
    need_object(record, file, None, line)
    need_keys(record, ("id", "choices"), ("group",), file, "", line)
    aid = need_id(record["id"], file, "id", line)
    choices = record["choices"]
    if type(choices) is not list or not choices:
        raise Refused(file, "choices must be a non-empty array", "志愿必须是非空数组",
                      line, "choices")
    result, listed = [], set()
    for i, choice in enumerate(choices):
        path = field_path("choices", i)
        need_object(choice, file, path, line)
        need_keys(choice, ("unit", "tier"), (), file, path, line)
        unit, tier = choice["unit"], choice["tier"]
        if type(unit) is not str or unit not in unit_ids:
            raise Refused(file, f"unknown unit {jcs_text(unit)}", f"未知的招生单元 {jcs_text(unit)}",
                          line, path + ".unit")
        if unit in listed:
            raise Refused(file, f'unit "{unit}" is listed more than once',
                          f'招生单元 "{unit}" 重复填报', line, path + ".unit")
        listed.add(unit)
        if type(tier) is not int or not 1 <= tier <= 99:
            raise Refused(file, "tier must be an integer 1–99", "类别必须是 1–99 的整数",
                          line, path + ".tier")
        result.append((unit, tier))
    group = need_id(record["group"], file, "group", line) if "group" in record else None
    return aid, tuple(result), group


def check_groups(groups, file):
    """§3: a group has at least 2 members, all with identical choices. Reports the earliest
    offending line."""
    problems = []
    for gid, members in groups.items():
        first_line, first_id, first_choices = members[0]
        if len(members) == 1:
            problems.append(Refused(
                file, f'group "{gid}" has only one member (a group needs 2 or more)',
                f'多胞胎组 "{gid}" 只有一名成员（至少需要 2 名）', first_line, "group"))
        for line, _aid, choices in members[1:]:
            if choices != first_choices:
                problems.append(Refused(
                    file, f'choices differ from those of "{first_id}" (line {first_line}), '
                          f'the first member of group "{gid}"',
                    f'志愿与同组 "{gid}" 第一名成员 "{first_id}"（第{first_line}行）的不同',
                    line, "choices"))
    if problems:
        raise min(problems, key=lambda p: p.line)


def merkle_root(leaves):
    """§3 RFC 6962 Merkle Tree Hash; works on index ranges to avoid copying slices."""
    def mth(lo, hi):
        n = hi - lo
        if n == 0:
            return hashlib.sha256(b"").digest()
        if n == 1:
            return hashlib.sha256(b"\x00" + leaves[lo]).digest()
        k = 1 << ((n - 1).bit_length() - 1)  # the largest power of two < n
        return hashlib.sha256(b"\x01" + mth(lo, lo + k) + mth(lo + k, hi)).digest()
    return mth(0, len(leaves))


# ---------------------------------------------------------------------------------------------
# §1 enc, §5 seed, §6 entrants and tickets.

def enc(data):
    return len(data).to_bytes(4, "big") + data


def make_seed(draw_id, params_sha, list_root, sources_sha):
    """§5 (the three digests as raw 32 bytes)."""
    return hashlib.sha256(enc(b"fairdraw/seed/v1") + enc(draw_id.encode("utf-8"))
                          + enc(params_sha) + enc(list_root) + enc(sources_sha)).digest()


TICKET_TAG = enc(b"fairdraw/ticket/v1")


def ticket(seed, scope, kind, name):
    """§6: HMAC-SHA-256 keyed with the seed."""
    msg = (TICKET_TAG + enc(scope.encode("utf-8"))
           + enc(kind.encode("utf-8")) + enc(name.encode("utf-8")))
    return hmac.new(seed, msg, hashlib.sha256).digest()


class Entrant:
    """§6: an applicant without a group, or a whole group (which draws one ticket)."""
    __slots__ = ("kind", "name", "members", "size", "choices", "rank", "key", "assigned",
                 "next_choice")

    def __init__(self, kind, name, members, choices, seed, tie_break):
        self.kind, self.name, self.members = kind, name, sorted(members)  # ids: ASCII = bytes
        self.size = len(members)
        self.choices = [unit for unit, _tier in choices]
        self.rank = {unit: i for i, unit in enumerate(self.choices)}
        self.key = {}  # unit -> (tier, ticket, kind, name), compared left to right
        kind_b, name_b = kind.encode("utf-8"), name.encode("utf-8")
        single = ticket(seed, "", kind, name) if tie_break == "single" else None
        for unit, tier in choices:
            t = single if single is not None else ticket(seed, "unit:" + unit, kind, name)
            self.key[unit] = (tier, t, kind_b, name_b)
        self.assigned, self.next_choice = None, 0


def make_entrants(applicants, seed, tie_break):
    """§6: returns the entrants and, for each applicant id, its entrant."""
    by_group, order = {}, []
    for aid, choices, group in applicants:
        if group is None:
            order.append(("applicant", aid, [aid], choices))
        elif group in by_group:
            by_group[group][2].append(aid)
        else:
            by_group[group] = ("group", group, [aid], choices)  # members' choices are identical
            order.append(by_group[group])
    entrants = [Entrant(kind, name, members, choices, seed, tie_break)
                for kind, name, members, choices in order]
    of_applicant = {aid: e for e in entrants for aid in e.members}
    return entrants, of_applicant


# ---------------------------------------------------------------------------------------------
# §7 A unit's choice, §8 the two mechanisms.

def choose(candidates, unit, remaining, group_fit):
    """§7: returns (accepted, rejected, remaining), both lists in key order."""
    accepted, rejected = [], []
    for e in sorted(candidates, key=lambda c: c.key[unit]):
        fits = e.size <= remaining if group_fit == "strict" else remaining >= 1
        if fits:
            accepted.append(e)
            remaining -= e.size
        else:
            rejected.append(e)  # a later, smaller entrant may still take the seats
    return accepted, rejected, remaining


def immediate_acceptance(entrants, seats, group_fit):
    """§8 志愿优先 (Boston): round k, the unassigned apply to their k-th choice; acceptances
    are final and use up seats (under overflow remaining may go negative)."""
    remaining = dict(seats)
    waiting = list(entrants)
    for k in range(max((len(e.choices) for e in entrants), default=0)):
        applications = {}
        for e in waiting:
            if k < len(e.choices):
                applications.setdefault(e.choices[k], []).append(e)
        for unit, applicants in applications.items():
            accepted, _, remaining[unit] = choose(applicants, unit, remaining[unit], group_fit)
            for e in accepted:
                e.assigned = unit
        waiting = [e for e in waiting if e.assigned is None]


def deferred_acceptance(entrants, seats, group_fit):
    """§8 student-proposing deferred acceptance in simultaneous rounds: each unit holds the
    best of (held ∪ new proposers) and frees the rest, until a round has no proposal."""
    held = {unit: [] for unit in seats}
    free = list(entrants)
    while True:
        proposals = {}
        for e in free:
            if e.next_choice < len(e.choices):  # out of choices: stays unassigned
                proposals.setdefault(e.choices[e.next_choice], []).append(e)
                e.next_choice += 1
        if not proposals:
            break
        free = []
        for unit, proposers in proposals.items():
            # held[unit] is already in key order, so this sort is close to a linear merge.
            accepted, rejected, _ = choose(held[unit] + proposers, unit, seats[unit], group_fit)
            held[unit] = accepted
            free.extend(rejected)
    for unit, holders in held.items():
        for e in holders:
            e.assigned = unit


# ---------------------------------------------------------------------------------------------
# §9 The record.

def expand(entrants, unit):
    """Entrants in key order at the unit, each group expanded to its members in id order."""
    return [aid for e in sorted(entrants, key=lambda c: c.key[unit]) for aid in e.members]


def compute_record(rules, rules_bytes, applicants, lines, sources):
    """§2-§9: the record that the three inputs determine."""
    params_sha = hashlib.sha256(rules_bytes).digest()
    list_root = merkle_root(lines)
    sources_sha = hashlib.sha256(jcs(sources)).digest()
    seed = make_seed(rules["drawId"], params_sha, list_root, sources_sha)
    entrants, of_applicant = make_entrants(applicants, seed, rules["tieBreak"])
    seats = {u["id"]: u["seats"] for u in rules["units"]}
    if rules["mechanism"] == "deferred-acceptance":
        deferred_acceptance(entrants, seats, rules["groupFit"])
    else:
        immediate_acceptance(entrants, seats, rules["groupFit"])

    admitted = {unit: [] for unit in seats}
    waitlist = {unit: [] for unit in seats}
    for e in entrants:
        # Waitlisted at u: listed u, and assigned neither to u nor to a unit ranked above u.
        got = e.rank[e.assigned] if e.assigned is not None else len(e.choices)
        for i, unit in enumerate(e.choices):
            if i == got:
                admitted[unit].append(e)
            elif i < got:
                waitlist[unit].append(e)
    return {
        "spec": "fairdraw/v1",
        "drawId": rules["drawId"],
        "paramsSha256": params_sha.hex(),
        "listRoot": list_root.hex(),
        "listSize": len(lines),
        "sources": sources,
        "sourcesSha256": sources_sha.hex(),
        "seed": seed.hex(),
        "units": [{"id": u["id"], "seats": u["seats"],
                   "admitted": expand(admitted[u["id"]], u["id"]),
                   "waitlist": expand(waitlist[u["id"]], u["id"])} for u in rules["units"]],
        "applicants": [{"id": aid, "assigned": of_applicant[aid].assigned,
                        "tickets": {unit: of_applicant[aid].key[unit][1].hex()
                                    for unit, _tier in choices}}
                       for aid, choices, _group in applicants],  # the list is sorted by id
    }


def shown(value, limit=100):
    text = jcs_text(value)
    return text if len(text) <= limit else text[:limit] + "…"


def first_difference(expected, found, path=""):
    """§9 comparison, located: the first place where the two values differ, or None.
    Type-strict (true is not 1), so "no difference" means identical JCS bytes."""
    where = path or "(top level)"
    if type(expected) is not type(found):
        return f"record differs at {where}: expected {shown(expected)}, found {shown(found)}"
    if type(expected) is dict:
        keys = sorted(expected, key=_utf16_order)
        if path == "":
            keys = [k for k in RECORD_ORDER if k in expected] + \
                   [k for k in keys if k not in RECORD_ORDER]
        for key in keys:
            sub = field_path(path, key)
            if key not in found:
                return f"record differs at {sub}: expected {shown(expected[key])}, found nothing"
            diff = first_difference(expected[key], found[key], sub)
            if diff:
                return diff
        for key in sorted(found, key=_utf16_order):
            if key not in expected:
                return (f"record differs at {field_path(path, key)}: unexpected field "
                        f"(found {shown(found[key])})")
        return None
    if type(expected) is list:
        for i, (a, b) in enumerate(zip(expected, found)):
            diff = first_difference(a, b, field_path(path, i))
            if diff:
                return diff
        if len(expected) != len(found):
            return (f"record differs at {where}: expected {len(expected)} entries, "
                    f"found {len(found)}")
        return None
    if expected != found:
        return f"record differs at {where}: expected {shown(expected)}, found {shown(found)}"
    return None


def compare_records(expected, found):
    """§9: delete top-level "extra", compare JCS bytes. Returns None or the first difference."""
    if type(found) is dict:
        found = {k: v for k, v in found.items() if k != "extra"}
    try:
        if jcs(found) == jcs(expected):
            return None
    except (TypeError, UnicodeEncodeError):
        pass  # cannot be canonicalised, so certainly not identical
    return first_difference(expected, found) or "record differs (canonical form)"



# ---------------------------------------------------------------------------------------------
# The public bundle (--bundle DIR): the four contract files above, plus audit.json (the signed,
# hash-chained log) and organiser.pub. Written from the project's description of the log
# (docs/audit.md), sharing no code with the engine.
#
#   entry.hash = SHA256(JCS({at, action, actor, details, event, prev, seq})), prev of entry 1 = 0^64
#   checkpoint message = enc("fairdraw/checkpoint/v1") || enc(event) || u64be(seq) || hash (32 bytes)
#   signatures: Ed25519 (RFC 8032), written out below with the standard library only.
#   sealed value commitment = SHA256(enc("fairdraw/commit/v1") || enc(drawId) || u32be(index)
#                                    || enc(label) || enc(value) || enc(salt, 32 bytes))

class Invalid(Exception):
    """A bundle file that does not hold what the others and the log say (exit 1)."""

    def __init__(self, file, place, en, zh):
        super().__init__(en)
        self.file, self.place, self.en, self.zh = file, place, en, zh

    def __str__(self):
        return (f"invalid: {self.file}, {self.place}: {self.en}\n"
                f"无效：{self.file}，{self.place}：{self.zh}")


# RFC 8032 §5.1 (Ed25519 verification), in extended coordinates.
_P = 2**255 - 19
_L = 2**252 + 27742317777372353535851937790883648493
_D = -121665 * pow(121666, _P - 2, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)


def _recover_x(y, sign):
    if y >= _P:
        return None
    x2 = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P) % _P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P != 0:
        return None
    if (x & 1) != sign:
        x = _P - x
    return x


def _point_add(a, b):
    pa = (a[1] - a[0]) * (b[1] - b[0]) % _P
    pb = (a[1] + a[0]) * (b[1] + b[0]) % _P
    pc = 2 * a[3] * b[3] * _D % _P
    pd = 2 * a[2] * b[2] % _P
    e, f, g, h = pb - pa, pd - pc, pd + pc, pb + pa
    return (e * f % _P, g * h % _P, f * g % _P, e * h % _P)


def _point_mul(k, point):
    out = (0, 1, 1, 0)
    while k > 0:
        if k & 1:
            out = _point_add(out, point)
        point = _point_add(point, point)
        k >>= 1
    return out


def _point_equal(a, b):
    return (a[0] * b[2] - b[0] * a[2]) % _P == 0 and (a[1] * b[2] - b[1] * a[2]) % _P == 0


def _decompress(data):
    if len(data) != 32:
        return None
    y = int.from_bytes(data, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % _P)


_GY = 4 * pow(5, _P - 2, _P) % _P
_G = (_recover_x(_GY, 0), _GY, 1, _recover_x(_GY, 0) * _GY % _P)


def _small_order(point):
    """8·A = identity: a point any signer can "sign" for without a secret."""
    x, y, z, _ = _point_mul(8, point)
    return x % _P == 0 and (y - z) % _P == 0


def ed25519_verify(public, message, signature):
    """RFC 8032 §5.1.7: True when `signature` (64 bytes) signs `message` under `public` (32).

    Strict: encodings must be canonical (y < p; x = 0 only with sign bit 0, see _recover_x), and a
    public key of small order is refused, since it proves nothing about who signed."""
    if len(public) != 32 or len(signature) != 64:
        return False
    a = _decompress(public)
    r = _decompress(signature[:32])
    s = int.from_bytes(signature[32:], "little")
    if a is None or r is None or s >= _L or _small_order(a):
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % _L
    return _point_equal(_point_mul(s, _G), _point_add(r, _point_mul(h, a)))


def _hex(value, size):
    if type(value) is not str or not re.fullmatch("[0-9a-f]{%d}" % (2 * size), value):
        return None
    return bytes.fromhex(value)


def first_byte(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def entry_hash(e):
    doc = {k: e[k] for k in ("at", "action", "actor", "details", "event", "prev", "seq")}
    return hashlib.sha256(jcs(doc)).hexdigest()


def checkpoint_message(event, seq, hash_hex):
    return (enc(b"fairdraw/checkpoint/v1") + enc(event.encode("utf-8"))
            + seq.to_bytes(8, "big") + bytes.fromhex(hash_hex))


def iso_seconds(text):
    """An ISO 8601 UTC time as the office writes it (2026-06-01T09:00:00.000Z) to Unix seconds."""
    from datetime import datetime, timezone
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?Z", text or "")
    if not m:
        return None
    y, mo, d, h, mi, sec = (int(g) for g in m.groups()[:6])
    frac = int((m.group(7) or "0").ljust(9, "0")) / 1e9
    return datetime(y, mo, d, h, mi, sec, tzinfo=timezone.utc).timestamp() + frac


def check_organiser_pub(data, audit):
    text = data.decode("utf-8", "replace")
    if not re.fullmatch(r"[0-9a-f]{64}\n", text):
        at = next((i for i, ch in enumerate(text)
                   if (i < 64 and ch not in "0123456789abcdef") or (i == 64 and ch != "\n") or i > 64),
                  min(len(text), 64))
        raise Invalid("organiser.pub", f"byte {at}", "expected 64 lowercase hex digits and a newline",
                      "应为 64 位小写十六进制公钥加换行")
    key = text[:64]
    if audit["organiserPublicKey"] != key:
        at = first_byte(key, audit["organiserPublicKey"])
        raise Invalid("organiser.pub", f"byte {at}",
                      "the key differs from audit.json's organiserPublicKey: the log was not signed under it",
                      "公钥与 audit.json 的 organiserPublicKey 不同：日志不是用此公钥签名的")
    return key


def read_audit(data):
    try:
        doc = read_json(data, "audit.json")
    except Refused as err:
        raise Invalid("audit.json", f"line {err.line}" if err.line else "the file", err.en, err.zh) from None
    canonical = jcs(doc) if isinstance(doc, dict) else b""
    if canonical != data:
        at = first_byte(canonical, data)
        raise Invalid("audit.json", f"byte {at}", "differs from its canonical form (JCS): the file was altered",
                      "与规范格式（JCS）不符：文件被改动")
    def bad(where):
        raise Invalid("audit.json", where or "the top level", "is missing or of the wrong type",
                      "缺失或类型不对")
    if type(doc.get("event")) is not str:
        bad("event")
    if _hex(doc.get("organiserPublicKey"), 32) is None:
        bad("organiserPublicKey")
    for name in ("entries", "checkpoints"):
        if type(doc.get(name)) is not list:
            bad(name)
    for i, e in enumerate(doc["entries"]):
        if type(e) is not dict or type(e.get("seq")) is not int or "details" not in e:
            bad(f"entries[{i}]")
        for k in ("event", "at", "actor", "action", "prev", "hash"):
            if type(e.get(k)) is not str:
                bad(f"entries[{i}].{k}")
    for i, c in enumerate(doc["checkpoints"]):
        if type(c) is not dict or type(c.get("seq")) is not int or type(c.get("signatures")) is not list:
            bad(f"checkpoints[{i}]")
        for k in ("event", "hash"):
            if type(c.get(k)) is not str:
                bad(f"checkpoints[{i}].{k}")
        for j, sig in enumerate(c["signatures"]):
            if type(sig) is not dict:
                bad(f"checkpoints[{i}].signatures[{j}]")
            for k in ("signer", "role", "publicKey", "signature", "at"):
                if type(sig.get(k)) is not str:
                    bad(f"checkpoints[{i}].signatures[{j}].{k}")
    return doc


def check_chain(audit, key):
    """The chain, every checkpoint signature, and the notary's against the registered key."""
    entries, prev = audit["entries"], "0" * 64
    for i, e in enumerate(entries):
        place = f"entries[{i}]"
        if e["seq"] != i + 1:
            raise Invalid("audit.json", place + ".seq", f"entry {i + 1} has seq {e['seq']}", "日志序号不连续")
        if e["event"] != audit["event"]:
            raise Invalid("audit.json", place + ".event", "the entry belongs to another event", "该条记录属于另一个批次")
        if e["prev"] != prev:
            raise Invalid("audit.json", place + ".prev", f"entry {e['seq']} does not link to the one before",
                          f"第 {e['seq']} 条记录未接续上一条（链条断裂）")
        if entry_hash(e) != e["hash"]:
            raise Invalid("audit.json", place, f"entry {e['seq']} was altered (its hash does not match its content)",
                          f"第 {e['seq']} 条记录被改动（内容与哈希不符）")
        prev = e["hash"]
    by_seq = {e["seq"]: e for e in entries}
    freeze = next((e for e in entries if e["action"] == "event.freeze"), None)
    notary = None
    for e in entries:
        if e["action"] != "audit.notary-key":
            continue
        if freeze is not None and e["seq"] > freeze["seq"]:
            raise Invalid("audit.json", f"entries[{e['seq'] - 1}]", "a notary key registered after the freeze",
                          "名单冻结之后才登记公证员公钥")
        notary = (e["details"] or {}).get("publicKey") if type(e["details"]) is dict else None
        if _hex(notary, 32) is None:
            raise Invalid("audit.json", f"entries[{e['seq'] - 1}].details.publicKey", "no valid notary key",
                          "登记的公证员公钥无效")
    cosigns = [e for e in entries if e["action"] == "audit.cosign"]
    for e in cosigns:
        if type(e["details"]) is not dict or e["details"].get("publicKey") != notary:
            raise Invalid("audit.json", f"entries[{e['seq'] - 1}].details.publicKey",
                          "a co-signature under a key that is not the registered notary key",
                          "会签所用公钥不是登记的公证员公钥")
    for i, c in enumerate(audit["checkpoints"]):
        place = f"checkpoints[{i}]"
        e = by_seq.get(c["seq"])
        if e is None or e["hash"] != c["hash"] or _hex(c["hash"], 32) is None:
            raise Invalid("audit.json", place, f"the checkpoint at entry {c['seq']} does not match the log",
                          f"第 {c['seq']} 条处的签名检查点与日志不符")
        message = checkpoint_message(c["event"], c["seq"], c["hash"])
        if not any(sig["role"] == "organiser" and sig["publicKey"] == key for sig in c["signatures"]):
            raise Invalid("audit.json", place, f"the checkpoint at entry {c['seq']} lacks the organiser's signature",
                          f"第 {c['seq']} 条处的检查点缺少组织方签名")
        for j, sig in enumerate(c["signatures"]):
            where = f"{place}.signatures[{j}]"
            pk, sg = _hex(sig["publicKey"], 32), _hex(sig["signature"], 64)
            if pk is None or sg is None or not ed25519_verify(pk, message, sg):
                raise Invalid("audit.json", where, f"the signature on checkpoint {c['seq']} does not verify",
                              f"第 {c['seq']} 条检查点上的签名无法验证")
            if sig["role"] == "organiser" and sig["publicKey"] == key:
                if sig["signer"] != "organiser" or sig["at"] != e["at"]:
                    raise Invalid("audit.json", where, "the organiser's signature is not named or dated as its entry",
                                  "组织方签名的署名或时间与日志不符")
                continue
            if sig["publicKey"] != notary:
                raise Invalid("audit.json", where, "a signature under a key that is neither the organiser's "
                              "nor the registered notary key", "签名既不是组织方的，也不是登记的公证员公钥")
            if not any(type(r["details"]) is dict and r["details"].get("seq") == c["seq"]
                       and r["details"].get("publicKey") == sig["publicKey"]
                       and r["details"].get("signature") == sig["signature"]
                       and r["details"].get("signer") == sig["signer"]
                       and r["details"].get("role") == sig["role"] and r["at"] == sig["at"] for r in cosigns):
                raise Invalid("audit.json", where, "the notary's signature is not the one the log records",
                              "公证员签名与日志中的会签记录不符")
    return notary


def check_fixed(audit, expected):
    """The digests logged at publication, freeze, draw and results against the files."""
    entries = audit["entries"]
    def last(actions):
        return next((e for e in reversed(entries) if e["action"] in actions), None)
    published, frozen = last(("event.publish", "event.correct")), last(("event.freeze",))
    drawn, results = last(("draw.official",)), last(("results.publish",))
    if not (published and frozen and drawn):
        raise Invalid("audit.json", "entries", "the log lacks the publication, freeze or official draw entry",
                      "审计日志中缺少公示、冻结或正式摇号的记录")
    checks = []
    for e in (published, frozen, drawn):
        checks += [(e, "paramsSha256"), (e, "listRoot")]
    checks += [(published, "listSize"), (frozen, "listSize"), (drawn, "sourcesSha256"), (drawn, "recordSha256")]
    if results:
        checks.append((results, "recordSha256"))
    for e, k in checks:
        logged = e["details"].get(k) if type(e["details"]) is dict else None
        if logged != expected[k]:
            raise Invalid("audit.json", f"entries[{e['seq'] - 1}].details.{k}",
                          f"the log fixed {shown(logged)}, the files give {shown(expected[k])}",
                          f"日志记载 {shown(logged)}，文件算得 {shown(expected[k])}")


def check_sealed(rules, sources, audit):
    """Every witness value committed once, before any reveal, then revealed (opening the
    commitment with the value of sources.json) or replaced; with drand, all before the round."""
    declared, draw_id = rules["declaredSources"], rules["drawId"]
    commits, opened, first_open = {}, {}, None
    protocol = [e for e in audit["entries"]
                if e["action"] in ("ceremony.commit", "ceremony.reveal", "ceremony.replace")]
    for e in protocol:
        place = f"entries[{e['seq'] - 1}]"
        d = e["details"] if type(e["details"]) is dict else {}
        i = d.get("index")
        if type(i) is not int or not 0 <= i < len(declared) or declared[i]["kind"] != "witness":
            raise Invalid("audit.json", place + ".details.index", "names no declared witness source",
                          "未指向已声明的见证人来源")
        if d.get("label") != declared[i]["label"]:
            raise Invalid("audit.json", place + ".details.label", "the label differs from the declaration",
                          "来源名称与声明不符")
        if e["action"] == "ceremony.commit":
            if i in commits or first_open is not None or _hex(d.get("commitment"), 32) is None:
                raise Invalid("audit.json", place, "a commitment twice, after a reveal, or malformed",
                              "重复承诺、揭示后才承诺或承诺值无效")
            commits[i] = e
        else:
            first_open = first_open or e
            if i in opened or i not in commits:
                raise Invalid("audit.json", place, "revealed twice, or without a commitment before",
                              "重复揭示，或此前未承诺")
            opened[i] = e
    for i, dec in enumerate(declared):
        if dec["kind"] != "witness":
            continue
        value = sources[i]["value"]
        if i not in commits or i not in opened:
            raise Invalid("sources.json", f"[{i}]", f"the witness value {i + 1} ({dec['label']}) was never "
                          "committed and revealed in the log", f"见证人数值 {i + 1}（{dec['label']}）在日志中没有承诺和揭示记录")
        o = opened[i]
        if o["details"].get("value") != value:
            raise Invalid("sources.json", f"[{i}].value", f"the log (entry {o['seq']}) holds another value",
                          f"与日志第 {o['seq']} 条的数值不符")
        if o["action"] == "ceremony.reveal":
            salt = _hex(o["details"].get("salt"), 32)
            opening = None if salt is None else hashlib.sha256(
                enc(b"fairdraw/commit/v1") + enc(draw_id.encode("utf-8")) + i.to_bytes(4, "big")
                + enc(dec["label"].encode("utf-8")) + enc(value.encode("utf-8")) + enc(salt)).hexdigest()
            if opening != commits[i]["details"]["commitment"]:
                raise Invalid("audit.json", f"entries[{o['seq'] - 1}].details",
                              "the revealed value and salt do not open the commitment", "揭示的数值和盐值与承诺不符")
    rounds = [d["round"] for d in declared if d["kind"] == "drand"]
    if rounds:
        deadline = DRAND_GENESIS + (min(rounds) - 1) * DRAND_PERIOD
        for e in protocol:
            if e["action"] == "ceremony.replace":
                continue
            t = iso_seconds(e["at"])
            if t is None or not t < deadline:
                raise Invalid("audit.json", f"entries[{e['seq'] - 1}].at",
                              f"not before drand round {min(rounds)} (Unix {deadline})",
                              f"不早于 drand 第 {min(rounds)} 轮的产生时间（Unix {deadline}）")


DRAND_GENESIS, DRAND_PERIOD = 1692803367, 3
BUNDLE_FILES = ("rules.json", "list.jsonl", "sources.json", "record.json", "audit.json", "organiser.pub")


def verify_bundle(folder):
    """Exit code and lines to print for the bundle in `folder`."""
    import os
    files = {}
    for name in BUNDLE_FILES:
        files[name] = read_file(os.path.join(folder, name))
    rules = load_rules(files["rules.json"], "rules.json")
    applicants, lines = load_list(files["list.jsonl"], "list.jsonl", {u["id"] for u in rules["units"]})
    sources = load_sources(files["sources.json"], "sources.json", rules["declaredSources"])
    found = read_json(files["record.json"], "record.json")
    if not isinstance(found, dict):
        raise Refused("record.json", "the record must be a JSON object", "结果记录必须是 JSON 对象")
    expected = compute_record(rules, files["rules.json"], applicants, lines, sources)
    difference = compare_records(expected, found)
    if difference:
        raise Invalid("record.json", "the record", difference, "结果记录与重新计算的结果不符")
    if jcs(sources) != files["sources.json"]:
        at = first_byte(jcs(sources), files["sources.json"])
        raise Invalid("sources.json", f"byte {at}", "differs from the canonical form (JCS) it was published in",
                      "与发布时的规范格式（JCS）不符")
    audit = read_audit(files["audit.json"])
    key = check_organiser_pub(files["organiser.pub"], audit)
    notary = check_chain(audit, key)
    check_fixed(audit, {"paramsSha256": expected["paramsSha256"], "listRoot": expected["listRoot"],
                        "listSize": expected["listSize"], "sourcesSha256": expected["sourcesSha256"],
                        "recordSha256": hashlib.sha256(files["record.json"]).hexdigest()})
    check_sealed(rules, sources, audit)
    head = audit["entries"][-1]
    out = ["valid (every file of the bundle; " + (BLS_NOTE if any(s["kind"] == "drand" for s in sources)
                                                   else "no drand source") + ")",
           f"organiser key {key}", f"log head {head['seq']}:{head['hash']}"]
    if notary:
        out.append("notary key " + notary)
    return out


# ---------------------------------------------------------------------------------------------
# Command line.

def read_file(path):
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as err:
        raise Refused(path, f"cannot read the file ({err.strerror})",
                      f"无法读取文件（{err.strerror}）") from None


def say(text, stream):
    # Write UTF-8 bytes ourselves: Chinese text must not fail under an ASCII locale.
    stream.buffer.write(text.encode("utf-8", "backslashreplace") + b"\n")
    stream.flush()


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Independent verifier for FairDraw fairdraw/v1 draw records "
                    "(exit 0 valid, 1 record differs, 2 input refused).")
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["--bundle"] or any(a.startswith("--bundle=") for a in argv):
        bundle = argparse.ArgumentParser(description="Check every file of a FairDraw public bundle "
                                         "(exit 0 valid, 1 a file differs, 2 input refused).")
        bundle.add_argument("--bundle", required=True, help="folder with rules.json, list.jsonl, "
                            "sources.json, record.json, audit.json and organiser.pub")
        folder = bundle.parse_args(argv).bundle
        try:
            lines = verify_bundle(folder)
        except Refused as err:
            say(str(err), sys.stderr)
            return 2
        except Invalid as err:
            say(str(err), sys.stdout)
            return 1
        for line in lines:
            say(line, sys.stdout)
        return 0
    parser.add_argument("--rules", required=True, help="rules.json")
    parser.add_argument("--list", required=True, help="list.jsonl")
    parser.add_argument("--sources", required=True, help="sources.json")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--record", help="record.json to verify")
    mode.add_argument("--print-record", action="store_true",
                      help="print the recomputed record as canonical JSON instead of verifying")
    args = parser.parse_args(argv)

    try:
        rules_bytes = read_file(args.rules)
        rules = load_rules(rules_bytes, args.rules)
        # Checked in the contract's order (rules §2, list §3, sources §4), as the engine does,
        # so both name the same first error.
        unit_ids = {u["id"] for u in rules["units"]}
        applicants, lines = load_list(read_file(args.list), args.list, unit_ids)
        sources = load_sources(read_file(args.sources), args.sources, rules["declaredSources"])
        # The given record is read with the same strict reader: a record holding a float, a
        # duplicate key or a non-NFC string is not a fairdraw/v1 document and is refused.
        found = None if args.print_record else read_json(read_file(args.record), args.record)
        if found is not None and not isinstance(found, dict):
            raise Refused(args.record, "the record must be a JSON object", "结果记录必须是 JSON 对象")
    except Refused as err:
        say(str(err), sys.stderr)
        return 2

    expected = compute_record(rules, rules_bytes, applicants, lines, sources)
    uses_drand = any(s["kind"] == "drand" for s in sources)
    if args.print_record:
        sys.stdout.buffer.write(jcs(expected))  # exactly as a record file: no trailing newline
        sys.stdout.flush()
        if uses_drand:
            say("note: " + BLS_NOTE, sys.stderr)
        return 0
    difference = compare_records(expected, found)
    if difference:
        say(difference, sys.stdout)
        return 1
    say(f"valid ({BLS_NOTE})" if uses_drand else "valid", sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
