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

# The throw-away PostgreSQL cluster (scripts/pg-test-cluster.sh), stopped and deleted at the end.
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/fairdraw-pg.XXXXXX")
trap 'bash scripts/pg-test-cluster.sh stop "$pgdir"' EXIT
echo "== PostgreSQL cluster in $pgdir"
if FAIRDRAW_TEST_POSTGRES=$(bash scripts/pg-test-cluster.sh start "$pgdir"); then
  export FAIRDRAW_TEST_POSTGRES
else
  unset FAIRDRAW_TEST_POSTGRES
  echo "FAILED: PostgreSQL cluster"
  failed=$((failed + 1))
fi
step() { # name, command...
  local name=$1
  shift
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

step "type check" npm run --silent check
# The CLI tests run the built command (dist/), as a bureau does.
step "build" npm run --silent build:dist
step "web build" npm run --silent build:web
step "lint" npm run --silent lint

echo "== vitest"
npx vitest run --reporter=default --reporter=json --outputFile=test-artifacts/vitest.json
read -r vp vf < <(node -e '
  try { const r = require("./test-artifacts/vitest.json"); console.log(r.numPassedTests, r.numFailedTests + (r.numTotalTestSuites && r.success === false && r.numFailedTests === 0 ? 1 : 0)); }
  catch { console.log("0 1"); }')
passed=$((passed + vp))
failed=$((failed + vf))

# The office, server and CLI suites again, each office on a fresh schema of the cluster
# (test/pg-cluster.ts). The ceremony, portal, document and browser suites use the same store code
# through the same office and run on SQLite only, to keep CI time in bounds.
echo "== vitest on PostgreSQL (office, server, CLI)"
if [ -n "${FAIRDRAW_TEST_POSTGRES:-}" ]; then
  FAIRDRAW_TEST_STORE=postgres npx vitest run --reporter=default --reporter=json --outputFile=test-artifacts/vitest-postgres.json \
    test/office/ test/server/ test/cli-office.test.ts test/cli-import-sheet.test.ts test/cli-demo.test.ts
  read -r qp qf < <(node -e '
    try { const r = require("./test-artifacts/vitest-postgres.json"); console.log(r.numPassedTests, r.numFailedTests + (r.numTotalTestSuites && r.success === false && r.numFailedTests === 0 ? 1 : 0)); }
    catch { console.log("0 1"); }')
  passed=$((passed + qp))
  failed=$((failed + qf))
fi

echo "== python verifier"
read -r pp pf < <(python3 verifier/run_tests.py 2>&1 | tee test-artifacts/python-tests.log | tail -n 1)
passed=$((passed + ${pp:-0}))
failed=$((failed + ${pf:-1}))

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
