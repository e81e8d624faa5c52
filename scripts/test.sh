#!/usr/bin/env bash
# Installs what the tests need (Chromium, CJK fonts, PDF tools, PostgreSQL, node modules) and runs
# every test: type check, the build, lint, the Vitest suites (core, database, CLI, browser), the
# office, server and CLI suites a second time on PostgreSQL, and the Python verifier's tests.
# PostgreSQL runs as a throw-away cluster in a temporary folder, on a local socket only (no TCP
# port), started here and stopped at the end.
# Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v python3 >/dev/null 2>&1 || need+=(python3)
# better-sqlite3 is built from source by node-gyp for the Node that runs the tests.
command -v make >/dev/null 2>&1 || need+=(make)
command -v g++ >/dev/null 2>&1 || need+=(g++)
# PostgreSQL's server programs (Debian puts them in /usr/lib/postgresql/VERSION/bin) and psql.
[ -n "$(bash scripts/pg-test-cluster.sh bindir)" ] && command -v psql >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "== npm ci (node $(node --version))"
npm ci --no-audit --no-fund --loglevel=error || { echo "0 passed, 1 failed"; exit 1; }
# The native module must load in this Node (npm ci has just built it for this Node's ABI).
node -e 'new (require("better-sqlite3"))(":memory:").close()' || { echo "better-sqlite3 does not load in node $(node --version)"; echo "0 passed, 1 failed"; exit 1; }

mkdir -p test-artifacts
passed=0
failed=0
# What failed, by name, printed again just above the last line (a long log's end is what is read).
failures=()

# The throw-away PostgreSQL cluster (scripts/pg-test-cluster.sh), stopped and deleted at the end.
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/fairdraw-pg.XXXXXX")
trap 'bash scripts/pg-test-cluster.sh stop "$pgdir"' EXIT
echo "== PostgreSQL cluster in $pgdir"
if FAIRDRAW_TEST_POSTGRES=$(bash scripts/pg-test-cluster.sh start "$pgdir"); then
  export FAIRDRAW_TEST_POSTGRES
else
  unset FAIRDRAW_TEST_POSTGRES
  echo "FAILED: PostgreSQL cluster"
  failures+=("FAILED: PostgreSQL cluster")
  failed=$((failed + 1))
fi
step() { # name, command...
  local name=$1
  shift
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("FAILED: $name"); echo "FAILED: $name"; fi
}
# counts REPORT [LABEL]: adds a Vitest JSON report's counts, and keeps the names of its failed tests.
counts() {
  local line p=0 f=1
  while IFS= read -r line; do
    if [[ $line =~ ^([0-9]+)\ ([0-9]+)$ ]]; then
      p=${BASH_REMATCH[1]}
      f=${BASH_REMATCH[2]}
    else
      failures+=("$line${2:+ ($2)}")
    fi
  done < <(node scripts/vitest-counts.mjs "$1")
  passed=$((passed + p))
  failed=$((failed + f))
}

step "type check" npm run --silent check
# The CLI tests run the built command (dist/), as a bureau does.
step "build" npm run --silent build:dist
step "web build" npm run --silent build:web
step "lint" npm run --silent lint

echo "== vitest"
# A report left by an earlier run is never counted.
rm -f test-artifacts/vitest.json test-artifacts/vitest-postgres.json
npx vitest run --reporter=default --reporter=json --outputFile=test-artifacts/vitest.json
counts test-artifacts/vitest.json

# The office, server and CLI suites again, each office on a fresh schema of the cluster
# (test/pg-cluster.ts). The ceremony, portal, document and browser suites use the same store code
# through the same office and run on SQLite only, to keep CI time in bounds.
echo "== vitest on PostgreSQL (office, server, CLI)"
if [ -n "${FAIRDRAW_TEST_POSTGRES:-}" ]; then
  FAIRDRAW_TEST_STORE=postgres npx vitest run --reporter=default --reporter=json --outputFile=test-artifacts/vitest-postgres.json \
    test/office/ test/server/ test/cli-office.test.ts test/cli-import-sheet.test.ts test/cli-demo.test.ts
  counts test-artifacts/vitest-postgres.json "on PostgreSQL"
fi

echo "== python verifier"
read -r pp pf < <(python3 verifier/run_tests.py 2>&1 | tee test-artifacts/python-tests.log | tail -n 1)
passed=$((passed + ${pp:-0}))
failed=$((failed + ${pf:-1}))
[ "${pf:-1}" = 0 ] || failures+=("FAILED: python verifier (test-artifacts/python-tests.log)")

echo
[ ${#failures[@]} -eq 0 ] || printf '%s\n' "${failures[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
