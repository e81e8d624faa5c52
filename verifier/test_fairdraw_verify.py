"""Tests for the independent verifier (standard library unittest only).

Run from the repository root:  python3 -m unittest verifier/test_fairdraw_verify.py -v
The contract's vectors and refusal cases are the repository's copy in test/fixtures/contract.
"""

import hashlib
import hmac
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "fairdraw_verify.py"
SPEC = HERE.parent / "test" / "fixtures" / "contract"
VECTORS = sorted(p for p in (SPEC / "vectors").iterdir() if p.is_dir())
REJECTS = sorted(p for p in (SPEC / "reject").iterdir() if p.is_dir())

sys.path.insert(0, str(HERE))
import fairdraw_verify as fv  # noqa: E402


def run(case, record=None, print_record=False):
    """Runs the CLI on a case directory; returns (exit code, stdout, stderr) as text."""
    args = [sys.executable, str(SCRIPT), "--rules", str(case / "rules.json"),
            "--list", str(case / "list.jsonl"), "--sources", str(case / "sources.json")]
    args += ["--print-record"] if print_record else ["--record", str(record)]
    done = subprocess.run(args, capture_output=True)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def uses_drand(case):
    return any(s["kind"] == "drand"
               for s in json.loads((case / "sources.json").read_text("utf-8")))


def flip_hex(text, at=0):
    return text[:at] + ("1" if text[at] == "0" else "0") + text[at + 1:]


def swap_admitted(record):
    for unit in record["units"]:
        ids = unit["admitted"]
        if len(ids) >= 2:
            ids[0], ids[1] = ids[1], ids[0]
            return True
    return False


def change_ticket(record):
    for applicant in record["applicants"]:
        for unit, value in applicant["tickets"].items():
            applicant["tickets"][unit] = flip_hex(value, 17)
            return True
    return False


def change_seed(record):
    record["seed"] = flip_hex(record["seed"], 63)
    return True


def change_source(record):
    source = record["sources"][0]
    if "value" in source:
        source["value"] += "1"
    else:
        source["randomness"] = flip_hex(source["randomness"])
    return True


MUTATIONS = {"swap two admitted ids": swap_admitted, "change one ticket hex digit": change_ticket,
             "change the seed": change_seed, "change a source value": change_source}


class Vectors(unittest.TestCase):
    def test_spec_found(self):
        self.assertTrue(VECTORS, f"no vectors under {SPEC}")
        self.assertTrue(REJECTS, f"no reject cases under {SPEC}")

    def test_every_vector_is_valid(self):
        for case in VECTORS:
            with self.subTest(case.name):
                code, out, err = run(case, case / "record.json")
                self.assertEqual(code, 0, out + err)
                self.assertTrue(out.startswith("valid"), out)
                if uses_drand(case):
                    self.assertIn("NOT checked", out.splitlines()[0])
                else:
                    self.assertEqual(out, "valid\n")

    def test_print_record_is_the_record_bytes(self):
        for case in VECTORS:
            with self.subTest(case.name):
                code, out, err = run(case, print_record=True)
                self.assertEqual(code, 0, err)
                self.assertEqual(out.encode("utf-8"), (case / "record.json").read_bytes())

    def test_mutated_records_differ(self):
        for case in VECTORS:
            original = json.loads((case / "record.json").read_text("utf-8"))
            for name, mutate in MUTATIONS.items():
                record = json.loads(json.dumps(original))
                if not mutate(record):
                    continue  # e.g. nothing to swap in the empty list
                with self.subTest(case=case.name, mutation=name), \
                        tempfile.TemporaryDirectory() as tmp:
                    path = Path(tmp) / "record.json"
                    path.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
                    code, out, err = run(case, path)
                    self.assertEqual(code, 1, out + err)
                    self.assertTrue(out.startswith("record differs at "), out)

    def test_extra_and_formatting_are_ignored(self):
        case = SPEC / "vectors" / "tiny"
        record = json.loads((case / "record.json").read_text("utf-8"))
        record["extra"] = {"engine": "anything", "n": 1}
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "record.json"
            path.write_text(json.dumps(record, indent=2), "utf-8")
            self.assertEqual(run(case, path)[:2], (0, "valid\n"))

    def test_difference_message(self):
        case = SPEC / "vectors" / "tiny"
        record = json.loads((case / "record.json").read_text("utf-8"))
        swap_admitted(record)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "record.json"
            path.write_text(json.dumps(record), "utf-8")
            code, out, _ = run(case, path)
        self.assertEqual(code, 1)
        self.assertEqual(out, 'record differs at units[0].admitted[0]: expected "a2", found "a4"\n')


class Rejections(unittest.TestCase):
    def test_every_reject_case_is_refused(self):
        for case in REJECTS:
            with self.subTest(case.name):
                code, out, err = run(case, print_record=True)
                if case.name == "drand-wrong-round":
                    # Only a BLS check can see this; we must say that we did not make it.
                    self.assertEqual(code, 0, err)
                    self.assertIn("NOT checked", out + err)
                else:
                    self.assertEqual(code, 2, out + err)
                    self.assertEqual(out, "", "no record may be written")
                    self.assertTrue(err.startswith("error: ") and " / 错误：" in err, err)
                    self.assertEqual(len(err.strip().splitlines()), 1, err)

    def test_error_names_line_and_field(self):
        code, _, err = run(SPEC / "reject" / "tier-100", print_record=True)
        self.assertEqual(code, 2)
        self.assertIn('list.jsonl line 1, field "choices[0].tier": tier must be an integer 1–99',
                      err)
        self.assertIn('第1行 字段 "choices[0].tier"：类别必须是 1–99 的整数', err)

    def test_strict_reader(self):
        bad = [b'{"a":1.0}', b'{"a":1e0}', b'{"a":NaN}', b'{"a":-Infinity}',
               b'{"a":9007199254740992}', b'{"a":1,"a":1}', b'{"a":"\\ud800"}',
               b'{"a":"\\u0085"}', b'{"a":"\x7f"}', b'\xef\xbb\xbf{}', b'{"e\xcc\x81":1}',
               b'{"a":"\xff"}', b'{"a":1} x']
        for data in bad:
            with self.subTest(data):
                with self.assertRaises(fv.Refused):
                    fv.read_json(data, "test.json")
        self.assertEqual(fv.read_json(b'{"a":-9007199254740991}', "t"), {"a": -(2**53 - 1)})


class KnownAnswers(unittest.TestCase):
    def test_hmac_rfc4231_case_2(self):
        mac = hmac.new(b"Jefe", b"what do ya want for nothing?", hashlib.sha256).hexdigest()
        self.assertEqual(mac, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")

    def test_rfc6962_empty_tree_and_empty_leaf(self):
        self.assertEqual(fv.merkle_root([]).hex(),
                         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        self.assertEqual(fv.merkle_root([b""]).hex(),
                         "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")

    def test_rfc6962_shape(self):
        # Five leaves split as 4 + 1 (k = largest power of two < n).
        leaves = [bytes([i]) for i in range(5)]
        h = lambda b: hashlib.sha256(b).digest()  # noqa: E731
        leaf = [h(b"\x00" + d) for d in leaves]
        node = lambda a, b: h(b"\x01" + a + b)  # noqa: E731
        want = node(node(node(leaf[0], leaf[1]), node(leaf[2], leaf[3])), leaf[4])
        self.assertEqual(fv.merkle_root(leaves), want)

    def test_jcs_example(self):
        value = json.loads('{"b":1,"a":"檀木林"}')
        self.assertEqual(fv.jcs(value), '{"a":"檀木林","b":1}'.encode("utf-8"))

    def test_jcs_escapes_and_key_order(self):
        value = {"\u20ac": 1, "\r": 2, "\U0001f600": 3, "\ufb33": 4, "1": 5, "\u00f6": 6}
        # RFC 8785 §3.2.3: sorted by UTF-16 code units (U+1F600 is D83D DE00, before U+FB33).
        self.assertEqual(fv.jcs_text(value),
                         '{"\\r":2,"1":5,"\u00f6":6,"\u20ac":1,"\U0001f600":3,"\ufb33":4}')
        self.assertEqual(fv.jcs_text("\b\t\n\f\r\x01\x1f\"\\\x7f\u2028"),
                         '"\\b\\t\\n\\f\\r\\u0001\\u001f\\"\\\\\x7f\u2028"')

    def test_drand_known_rounds(self):
        # known-answers.md, rounds 1000 and 32281667: randomness = SHA256(signature)
        rows = [("b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b1957"
                 "6350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39",
                 "fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd"),
                ("b0f5ae301358ff87a9d3dd539ed4a07c0148b1ab4f7b61a8"
                 "ca43c7e9ca7ca9553e4faae9188deb30b2cd1a7f447e3e5b",
                 "4fd2fc55983dbfa3f446d8a0bd56f16cc8c5e76afd1ec154b60d477cbabed13b")]
        for signature, randomness in rows:
            self.assertEqual(hashlib.sha256(bytes.fromhex(signature)).hexdigest(), randomness)


if __name__ == "__main__":
    unittest.main()


BUNDLE = HERE / "testdata" / "bundle"


def run_bundle(folder):
    done = subprocess.run([sys.executable, str(SCRIPT), "--bundle", str(folder)], capture_output=True)
    return done.returncode, done.stdout.decode("utf-8") + done.stderr.decode("utf-8")


class BundleTest(unittest.TestCase):
    """--bundle: every file of a public bundle as the office exports it (testdata/bundle)."""

    def copy(self, change=None):
        folder = Path(tempfile.mkdtemp())
        for f in BUNDLE.iterdir():
            (folder / f.name).write_bytes(f.read_bytes())
        if change:
            name, fn = change
            (folder / name).write_bytes(fn((folder / name).read_bytes()))
        return folder

    def test_the_exported_bundle_is_valid(self):
        code, out = run_bundle(BUNDLE)
        self.assertEqual(code, 0, out)
        self.assertTrue(out.startswith("valid (every file of the bundle"), out)
        self.assertIn("notary key ", out)

    def test_one_flipped_byte_in_any_file_is_refused_naming_the_file(self):
        for name in fv.BUNDLE_FILES:
            size = len((BUNDLE / name).read_bytes())
            for at in sorted({0, size // 4, size // 2, (3 * size) // 4, size - 1}):
                def flip(data, at=at):
                    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1:]
                code, out = run_bundle(self.copy((name, flip)))
                self.assertNotEqual(code, 0, f"{name} byte {at} accepted")
                self.assertRegex(out, r"(invalid|error): (rules\.json|list\.jsonl|sources\.json|record\.json|"
                                      r"audit\.json|organiser\.pub)", f"{name} byte {at}")

    def test_an_edited_entry_rehashed_to_the_end_is_caught_by_the_signatures(self):
        def rehash(data):
            doc = json.loads(data)
            entries = doc["entries"]
            publish = next(e for e in entries if e["action"] == "event.publish")
            publish["details"]["listRoot"] = "e" * 64
            prev = "0" * 64
            for e in entries:
                e["prev"] = prev
                e["hash"] = fv.entry_hash(e)
                prev = e["hash"]
            for c in doc["checkpoints"]:
                c["hash"] = entries[c["seq"] - 1]["hash"]
            return fv.jcs(doc)
        code, out = run_bundle(self.copy(("audit.json", rehash)))
        self.assertEqual(code, 1, out)
        self.assertIn("does not verify", out)

    def test_a_foreign_organiser_key_is_refused(self):
        code, out = run_bundle(self.copy(("organiser.pub", lambda _d: b"ab" * 32 + b"\n")))
        self.assertEqual(code, 1, out)
        self.assertIn("invalid: organiser.pub, byte 0", out)

    def test_witness_values_never_committed_are_refused(self):
        def drop(data):
            doc = json.loads(data)
            doc["entries"] = [e for e in doc["entries"] if e["action"] != "ceremony.commit"]
            return fv.jcs(doc)
        code, out = run_bundle(self.copy(("audit.json", drop)))
        self.assertEqual(code, 1, out)

    def test_ed25519_rfc8032_vector(self):
        pk = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        sig = bytes.fromhex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb88215"
                            "90a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
        self.assertTrue(fv.ed25519_verify(pk, b"", sig))
        self.assertFalse(fv.ed25519_verify(pk, b"x", sig))
        self.assertFalse(fv.ed25519_verify(pk, b"", sig[:-1] + bytes([sig[-1] ^ 1])))

    def test_ed25519_weak_keys_are_refused(self):
        zero_key, zero_sig = bytes(32), bytes(64)
        # Without the small-order check, the all-zero key and signature verify this message:
        # [0]B = identity = R + [h]A, with R = A of order 4 (y = 0) and h + 1 a multiple of 4.
        message = next(m for m in (bytes([i]) for i in range(256))
                       if int.from_bytes(hashlib.sha512(zero_sig[:32] + zero_key + m).digest(), "little") % fv._L % 4 == 3)
        self.assertFalse(fv.ed25519_verify(zero_key, message, zero_sig))
        small_order = [
            "00" * 32,  # y = 0, order 4
            "01" + "00" * 31,  # the identity
            "ec" + "ff" * 30 + "7f",  # y = -1, order 2
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",  # order 8
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",  # order 8
        ]
        for key in small_order:
            point = fv._decompress(bytes.fromhex(key))
            self.assertIsNotNone(point, key)
            self.assertTrue(fv._small_order(point), key)
            self.assertFalse(fv.ed25519_verify(bytes.fromhex(key), message, zero_sig), key)
        # Non-canonical encodings: y = p (0 again) and y = p + 1 (the identity again), and x = 0 with
        # the sign bit set.
        for key in ["ed" + "ff" * 30 + "7f", "ee" + "ff" * 30 + "7f", "01" + "00" * 30 + "80"]:
            self.assertIsNone(fv._decompress(bytes.fromhex(key)), key)
        # A genuine key is not of small order.
        pk = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        self.assertFalse(fv._small_order(fv._decompress(pk)))
