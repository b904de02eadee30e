#!/usr/bin/env bash
# The test command (README, .ci/run): a fresh database, every channel addon
# installed with its tests (Odoo test runner, browser tours in headless
# Chromium), then on the same database the peer suites (Odoo's and OCA's own
# tests of the apps the channel extends, through pytest-odoo: tests/peer/) and
# the end-to-end tests under tests/ (pytest). The benchmarks have their own
# command, scripts/bench.sh (BENCHMARKS.md).
# Prints one summary line "channel: N passed, N failed" and exits non-zero on
# any failure, any error logged during the tests, any skipped browser tour, or
# any peer test failing that does not fail without the channel
# (tests/peer/known_failures.txt lists those, each with its reason).
source "$(dirname "$0")/common.sh"

ensure_system_packages chromium wkhtmltopdf fonts-wqy-zenhei
ensure_venv
DB=${CHANNEL_TEST_DB:-channel_test_$$}
LOG=$(mktemp -t channel-test-XXXX.log)
# screenshots of the store portal at phone width (and of any failing tour)
ARTIFACTS=${CHANNEL_ARTIFACTS:-${TMPDIR:-/tmp}/channel-artifacts}
mkdir -p "$ARTIFACTS"
ADDONS=$(channel_addons)
export CHANNEL_TEST_DB=$DB

cleanup() { dropdb --if-exists "$DB" >/dev/null 2>&1 || true; }
trap cleanup EXIT
cleanup

started=$SECONDS
log "creating database $DB"
"$VENV/bin/python" "$ROOT/scripts/create_db.py" "$DB" --demo
log "installing and testing: $ADDONS (log: $LOG)"
set +e
odoo -d "$DB" -i "$ADDONS" --test-enable --test-tags "${CHANNEL_TEST_TAGS:-/$(echo "$ADDONS" | sed 's/,/,\//g')}" \
    --stop-after-init --http-port "${CHANNEL_TEST_PORT:-8169}" --log-level=test --without-demo=False \
    --max-cron-threads=0 --screenshots="$ARTIFACTS" >"$LOG" 2>&1
odoo_rc=$?
set -e

# Odoo's own tally: "N failed, N error(s) of N tests when loading database".
read -r failed errors total < <(grep -oE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$LOG" \
    | awk '{f+=$1; e+=$3; t+=$6} END {print f+0, e+0, t+0}')
grep -E ' (ERROR|CRITICAL) ' "$LOG" | head -40 || true
problems=0
if grep -qE ' (ERROR|CRITICAL) ' "$LOG"; then problems=1; fi
if grep -qiE 'skip.*(chrom|websocket)|(chrom|websocket).*skip' "$LOG"; then
    log "a browser tour was skipped: Chromium or websocket-client is missing"
    problems=1
fi
if [ "$total" = 0 ]; then log "Odoo ran no test"; problems=1; fi
odoo_failed=$((failed + errors))
odoo_passed=$((total - odoo_failed))
log "odoo: $odoo_passed passed, $odoo_failed failed (exit $odoo_rc)"
log "screenshots: $ARTIFACTS/$DB/screenshots"
odoo_secs=$((SECONDS - started))

# The peer suites, before tests/ commits its data into the database.
log "peer suites through pytest-odoo: $(grep -v '^#' "$ROOT/tests/peer/suites.txt" | paste -sd, -)"
set +e
(cd "$ROOT" && "$VENV/bin/python" tests/peer/run.py "$DB" --junit "$LOG.peer.xml") | tee "$LOG.peer"
peer_rc=${PIPESTATUS[0]}
set -e
peer_summary=$(grep -E '^peer: [0-9]+ passed' "$LOG.peer" | tail -1 || true)
peer_passed=$(grep -oE '[0-9]+ passed' <<<"$peer_summary" | cut -d' ' -f1 || true)
peer_failed=$(grep -oE '[0-9]+ failed' <<<"$peer_summary" | cut -d' ' -f1 || true)
peer_passed=${peer_passed:-0}
peer_failed=${peer_failed:-1}
peer_secs=$((SECONDS - started - odoo_secs))

# End-to-end tests against a real server on the same database (not the benchmarks).
log "pytest tests/"
set +e
(cd "$ROOT" && "$VENV/bin/python" -m pytest tests -p no:cacheprovider -q -rs \
    --ignore=tests/peer --ignore-glob='tests/test_bench_*.py' \
    -o junit_family=legacy --junitxml="$LOG.junit.xml") | tee "$LOG.pytest"
pytest_rc=${PIPESTATUS[0]}
set -e
# pytest's closing line, e.g. "3 passed, 1 failed, 2 errors in 9.1s"
summary=$(tail -1 "$LOG.pytest")
py_passed=$(grep -oE '[0-9]+ passed' <<<"$summary" | cut -d' ' -f1 || true)
py_failed=$(grep -oE '[0-9]+ (failed|errors?)' <<<"$summary" | awk '{s+=$1} END {print s+0}' || true)
py_passed=${py_passed:-0}
py_failed=${py_failed:-0}

py_secs=$((SECONDS - started - odoo_secs - peer_secs))

log "${peer_summary:-peer: the peer suites did not report}"
log "time: odoo install and tests $((odoo_secs / 60)) min, peer suites $((peer_secs / 60)) min, tests/ $((py_secs / 60)) min"
passed=$((odoo_passed + peer_passed + py_passed))
failed=$((odoo_failed + peer_failed + py_failed))
echo "channel: $passed passed, $failed failed"
if [ "$odoo_rc" != 0 ] || [ "$problems" != 0 ] || [ "$failed" != 0 ] || [ "$peer_rc" != 0 ] \
    || { [ "$pytest_rc" != 0 ] && [ "$pytest_rc" != 5 ]; }; then
    log "FAILED (full log: $LOG)"
    exit 1
fi
