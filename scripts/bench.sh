#!/usr/bin/env bash
# The benchmark command (BENCHMARKS.md): a fresh database with every channel
# addon and the demo network installed, then the benchmarks under tests/
# (tests/test_bench_*.py, pytest) against it and a real server on it. Prints
# the figures and "bench: N passed, N failed"; exits non-zero on a failure.
# CHANNEL_BENCH_FILTER narrows them (a pytest -k expression, e.g. "ordering").
source "$(dirname "$0")/common.sh"

ensure_system_packages chromium wkhtmltopdf fonts-wqy-zenhei
ensure_venv
DB=${CHANNEL_BENCH_DB:-channel_bench_$$}
LOG=$(mktemp -t channel-bench-XXXX.log)
ADDONS=$(channel_addons)
export CHANNEL_TEST_DB=$DB

cleanup() { dropdb --if-exists "$DB" >/dev/null 2>&1 || true; }
trap cleanup EXIT
cleanup

log "creating database $DB"
"$VENV/bin/python" "$ROOT/scripts/create_db.py" "$DB" --demo
log "installing: $ADDONS (log: $LOG)"
odoo -d "$DB" -i "$ADDONS" --stop-after-init --http-port "${CHANNEL_BENCH_PORT:-8170}" --without-demo=False \
    --max-cron-threads=0 --log-level=warn >"$LOG" 2>&1 || die "the install failed (log: $LOG)"

log "pytest tests/test_bench_*.py"
set +e
(cd "$ROOT" && "$VENV/bin/python" -m pytest tests/test_bench_*.py -p no:cacheprovider -q -rs \
    ${CHANNEL_BENCH_FILTER:+-k "$CHANNEL_BENCH_FILTER"} \
    -o junit_family=legacy --junitxml="$LOG.junit.xml") | tee "$LOG.pytest"
pytest_rc=${PIPESTATUS[0]}
set -e
summary=$(tail -1 "$LOG.pytest")
passed=$(grep -oE '[0-9]+ passed' <<<"$summary" | cut -d' ' -f1 || true)
failed=$(grep -oE '[0-9]+ (failed|errors?)' <<<"$summary" | awk '{s+=$1} END {print s+0}' || true)
echo "bench: ${passed:-0} passed, ${failed:-0} failed"
if [ "$pytest_rc" != 0 ]; then
    log "FAILED (log: $LOG)"
    exit 1
fi
