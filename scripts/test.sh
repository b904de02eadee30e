#!/usr/bin/env bash
# The test command (README, .ci/run): everything, on fresh databases, in
# phases that use the machine's two cores:
#   1. install  a fresh database (demo data, main company in China) gets every
#               channel addon, without running tests; meanwhile the install
#               check puts each addon alone with its declared dependencies on
#               databases of its own (scripts/install_check.py), then the lint
#               (scripts/lint.sh: ruff, pylint-odoo, files).
#   2. tests    two copies of that database (createdb -T, seconds): on one the
#               addons' tests through pytest-odoo, browser tours in headless
#               Chromium included (tests/odoo_pytest.py), then the end-to-end
#               tests under tests/ against a real server; on the other the peer
#               suites (Odoo's and OCA's own tests of the apps the channel
#               extends: tests/peer/).
# The benchmarks have their own command, scripts/bench.sh (BENCHMARKS.md).
# Prints each phase's time, then one summary line "channel: N passed, N failed",
# and exits non-zero on any failure, any error logged by Odoo, any skipped
# browser tour, or any peer test failing that does not fail without the channel
# (tests/peer/known_failures.txt lists those, each with its reason).
# CHANNEL_TEST_TAGS narrows the addons' tests as Odoo's --test-tags does
# (e.g. /channel_base:TestOnboarding, or -channel_perf).
source "$(dirname "$0")/common.sh"

ensure_system_packages chromium wkhtmltopdf fonts-wqy-zenhei
ensure_venv
DB=${CHANNEL_TEST_DB:-channel_test_$$}
LOG=$(mktemp -t channel-test-XXXX.log)
# screenshots of the store portal at phone width (and of any failing tour)
ARTIFACTS=${CHANNEL_ARTIFACTS:-${TMPDIR:-/tmp}/channel-artifacts}
mkdir -p "$ARTIFACTS"
ADDONS=$(channel_addons)
export PYTHONPATH="$ROOT/tests${PYTHONPATH:+:$PYTHONPATH}"

databases=("$DB" "${DB}_addons" "${DB}_peer")
cleanup() {
    local db
    for db in "${databases[@]}"; do dropdb --if-exists "$db" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
cleanup

# "N passed, N failed" counts from a runner's closing line (pytest's:
# "3 passed, 1 failed, 2 errors in 9.1s"); a runner that did not report
# counts as one failure.
count() {
    local line=$1 passed failed
    passed=$(grep -oE '[0-9]+ passed' <<<"$line" | cut -d' ' -f1 | head -1 || true)
    failed=$(grep -oE '[0-9]+ (failed|errors?)' <<<"$line" | awk '{s+=$1} END {print s+0}' || true)
    if [ -z "$line" ]; then failed=1; fi
    echo "${passed:-0} ${failed:-0}"
}
minutes() { local s=${1:-0}; printf '%d:%02d' $((s / 60)) $((s % 60)); }
# Odoo's ERROR and CRITICAL lines in a log: shown, and the run fails
errors_in() {
    [ -f "$1" ] && grep -qE ' (ERROR|CRITICAL) ' "$1" || return 1
    grep -E ' (ERROR|CRITICAL) ' "$1" | head -40 >&2 || true
}

started=$SECONDS
# --- phase 1: install (one core), install check then lint (the other) ------
(
    t=$SECONDS
    set +e
    "$VENV/bin/python" "$ROOT/scripts/install_check.py" --jobs 1 >"$LOG.check" 2>&1
    echo "rc=$? secs=$((SECONDS - t))" >"$LOG.check.done"
    t=$SECONDS
    bash "$ROOT/scripts/lint.sh" >"$LOG.lint" 2>&1
    echo "rc=$? secs=$((SECONDS - t))" >"$LOG.lint.done"
) &
side_pid=$!

log "creating database $DB and installing: $ADDONS (log: $LOG)"
set +e
"$VENV/bin/python" "$ROOT/scripts/create_db.py" "$DB" --demo >"$LOG" 2>&1 \
    && odoo -d "$DB" -i "$ADDONS" --stop-after-init --without-demo=False --max-cron-threads=0 \
        --log-level=warn >>"$LOG" 2>&1
install_rc=$?
set -e
install_secs=$((SECONDS - started))
log "install: $(minutes $install_secs) (exit $install_rc)"
problems=0
if errors_in "$LOG"; then problems=1; fi
if [ "$install_rc" != 0 ]; then
    log "FAILED: the channel addons do not install (log: $LOG)"
    wait "$side_pid" || true
    echo "channel: 0 passed, 1 failed"
    exit 1
fi
createdb -T "$DB" "${DB}_addons"
createdb -T "$DB" "${DB}_peer"

# --- phase 2: the addons' tests then tests/ (one core), the peer suites (the other)
tests_started=$SECONDS
(
    t=$SECONDS
    set +e
    (cd "$ROOT" && "$VENV/bin/python" -m pytest addons -q -rfEs -o junit_family=legacy \
        --junitxml="$LOG.addons.xml" --odoo-database="${DB}_addons" --odoo-log-level=warn \
        --odoo-extra="logfile=$LOG.addons.odoo" --odoo-extra="screenshots=$ARTIFACTS" \
        ${CHANNEL_TEST_TAGS:+--odoo-test-tags="$CHANNEL_TEST_TAGS"}) >"$LOG.addons" 2>&1
    echo "rc=$? secs=$((SECONDS - t))" >"$LOG.addons.done"
) &
addons_pid=$!
(
    t=$SECONDS
    set +e
    (cd "$ROOT" && "$VENV/bin/python" tests/peer/run.py "${DB}_peer" --junit "$LOG.peer.xml") >"$LOG.peer" 2>&1
    echo "rc=$? secs=$((SECONDS - t))" >"$LOG.peer.done"
) &
peer_pid=$!

wait "$addons_pid" || true
# End-to-end tests against a real server on the installed database (they
# commit), while the peer suites may still run on their copy.
t=$SECONDS
set +e
(cd "$ROOT" && CHANNEL_TEST_DB=$DB "$VENV/bin/python" -m pytest tests -p no:cacheprovider -q -rs \
    --ignore=tests/peer --ignore-glob='tests/test_bench_*.py' \
    -o junit_family=legacy --junitxml="$LOG.junit.xml") >"$LOG.pytest" 2>&1
pytest_rc=$?
set -e
e2e_secs=$((SECONDS - t))
wait "$peer_pid" || true
wait "$side_pid" || true
tests_secs=$((SECONDS - tests_started))

# --- results -----------------------------------------------------------------
field() { grep -oE "$2=[0-9]+" "$1" 2>/dev/null | cut -d= -f2 || true; }

log "install check ($(minutes "$(field "$LOG.check.done" secs)")):"
grep -vE ' ok \(' "$LOG.check" | tail -40 >&2 || true
read -r check_passed check_failed < <(count "$(grep -E '^install check: [0-9]+ passed' "$LOG.check" | tail -1)")
[ "$(field "$LOG.check.done" rc)" = 0 ] || [ "$check_failed" != 0 ] || check_failed=1

log "lint ($(minutes "$(field "$LOG.lint.done" secs)")):"
grep -vE '^\S*\[channel\]' "$LOG.lint" | tail -40 >&2 || true
read -r lint_passed lint_failed < <(count "$(grep -E '^lint: [0-9]+ passed' "$LOG.lint" | tail -1)")
[ "$(field "$LOG.lint.done" rc)" = 0 ] || [ "$lint_failed" != 0 ] || lint_failed=1

log "addons' tests through pytest-odoo ($(minutes "$(field "$LOG.addons.done" secs)"), log: $LOG.addons, Odoo's log: $LOG.addons.odoo):"
grep -E '^(FAILED|ERROR|SKIPPED) ' "$LOG.addons" | head -40 >&2 || true
tail -1 "$LOG.addons" >&2
read -r addons_passed addons_failed < <(count "$(tail -1 "$LOG.addons" | grep -E ' in [0-9.]+s' || true)")
addons_rc=$(field "$LOG.addons.done" rc)
[ "$addons_rc" = 0 ] || [ "$addons_failed" != 0 ] || addons_failed=1
if [ "$addons_passed" = 0 ]; then log "the addons' tests ran no test"; problems=1; fi
if errors_in "$LOG.addons.odoo"; then problems=1; fi
if grep -qiE 'skip.*(chrom|websocket)|(chrom|websocket).*skip' "$LOG.addons" "$LOG.addons.odoo" 2>/dev/null; then
    log "a browser tour was skipped: Chromium or websocket-client is missing"
    problems=1
fi
log "screenshots: $ARTIFACTS"

log "peer suites ($(minutes "$(field "$LOG.peer.done" secs)"), log: $LOG.peer):"
grep -E '^peer: (FAILED|listed|known)' "$LOG.peer" >&2 || true
peer_summary=$(grep -E '^peer: [0-9]+ passed' "$LOG.peer" | tail -1 || true)
read -r peer_passed peer_failed < <(count "$peer_summary")
peer_rc=$(field "$LOG.peer.done" rc)
[ "$peer_rc" = 0 ] || [ "$peer_failed" != 0 ] || peer_failed=1

log "tests/ end to end ($(minutes $e2e_secs), log: $LOG.pytest):"
grep -E '^(FAILED|ERROR|SKIPPED) ' "$LOG.pytest" | head -40 >&2 || true
tail -1 "$LOG.pytest" >&2
read -r py_passed py_failed < <(count "$(tail -1 "$LOG.pytest")")
# pytest's 5: no test collected (CHANNEL_TEST_DB missing makes them skip, not vanish)
if [ "$pytest_rc" != 0 ] && [ "$pytest_rc" != 5 ] && [ "$py_failed" = 0 ]; then py_failed=1; fi

log "${peer_summary:-peer: the peer suites did not report}"
log "time: install $(minutes $install_secs) (install check and lint alongside)," \
    "addons' tests $(minutes "$(field "$LOG.addons.done" secs)") then tests/ $(minutes $e2e_secs)" \
    "alongside the peer suites $(minutes "$(field "$LOG.peer.done" secs)"); total $(minutes $((SECONDS - started)))"
passed=$((addons_passed + peer_passed + py_passed + check_passed + lint_passed))
# an error Odoo logged, a skipped tour, an install that failed: one failure more
failed=$((addons_failed + peer_failed + py_failed + check_failed + lint_failed + problems))
echo "channel: $passed passed, $failed failed"
if [ "$problems" != 0 ] || [ "$failed" != 0 ]; then
    log "FAILED (logs: $LOG*)"
    exit 1
fi
