#!/usr/bin/env bash
# The run command (README): builds everything, creates the demo database with
# every channel addon and the demo network (once), and serves it on
# http://localhost:8069. CHANNEL_DB names the database (default channel_demo);
# CHANNEL_RESET=1 drops and recreates it. A new database also gets a year of
# history for the dashboards (tests/scale/generate.py, 10 more distributors
# with 200 stores); CHANNEL_DEMO_HISTORY=0 leaves it out.
# It serves in Odoo's multi-process mode with memory and time limits sized
# from the machine (scripts/serving.sh; CHANNEL_WORKERS overrides the number
# of workers, CHANNEL_WORKERS=0 serves from one process).
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/serving.sh"

ensure_system_packages wkhtmltopdf fonts-wqy-zenhei  # PDFs: invoices (attached to inter-company bills), statements
[ "${CHANNEL_WORKERS:-}" = 0 ] || ensure_system_packages nginx  # the proxy in front of the workers
ensure_venv
DB=${CHANNEL_DB:-channel_demo}
PORT=${CHANNEL_PORT:-8069}
HTTP_PORT=${CHANNEL_HTTP_PORT:-$((PORT + 1))}      # the HTTP workers, behind nginx on $PORT
GEVENT_PORT=${CHANNEL_GEVENT_PORT:-$((PORT + 3))}  # /websocket, behind nginx on $PORT
mapfile -t SERVING < <(serving_options)
export ODOO_QUEUE_JOB_CHANNELS=${ODOO_QUEUE_JOB_CHANNELS:-$(serving_channels)}
ADDONS=$(channel_addons)

if [ "${CHANNEL_RESET:-0}" = 1 ]; then
    log "dropping $DB"
    dropdb --if-exists "$DB"
fi
created=0
if ! psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    log "creating the demo database $DB (Chinese, China, with the demo network: a few minutes)"
    "$VENV/bin/python" "$ROOT/scripts/create_db.py" "$DB" --demo --lang zh_CN
    created=1
fi
log "installing / updating: $ADDONS"
odoo -c "$ROOT/config/odoo.conf" -d "$DB" -i "$ADDONS" --stop-after-init --log-level=warn
if [ "$created" = 1 ] && [ "${CHANNEL_DEMO_HISTORY:-1}" = 1 ]; then
    log "a year of history for the dashboards (10 SCALE- distributors, 200 stores; about a minute)"
    "$VENV/bin/python" "$ROOT/tests/scale/generate.py" --db "$DB" --distributors 10 --stores 200 \
        --products 40 --days 365
fi

cat >&2 <<MSG

  The channel suite is at http://localhost:$PORT  (database $DB)
  Demo logins (password channel-demo):
    brand channel manager   brand.manager
    brand channel user      brand.user
    level-1 distributor     hd.manager   (华东; also hn.manager, hb.manager)
    level-2 distributor     hz.manager   (杭州; also nj, gz, fz, bj, sjz .manager)
    store (portal)          store.hz01   (西湖区晨曦文具店; its pages: http://localhost:$PORT/my/store)
    brand ERP (XML-RPC)     erp.integration  (the channel API only; README: integration guide)
    administrator           admin / admin

MSG
log "serving: ${SERVING[*]}, queue_job channels $ODOO_QUEUE_JOB_CHANNELS"
SERVE=("${ODOO_BIN[@]}" -c "$ROOT/config/odoo.conf" --addons-path="$ADDONS_PATH" --db_host="$PGHOST"
    --db_port="$PGPORT" --db_user="$PGUSER" -d "$DB" --db-filter="^$DB\$")
if [ "${CHANNEL_WORKERS:-}" = 0 ]; then
    exec "${SERVE[@]}" --http-port="$PORT" "${SERVING[@]}"
fi
# multi-process: nginx on $PORT in front of the workers and the websocket port
PROXY_DIR=${XDG_RUNTIME_DIR:-/tmp}/channel-suite-proxy-$PORT
serving_proxy_config "$PROXY_DIR" "$PORT" "$HTTP_PORT" "$GEVENT_PORT"
nginx -c "$PROXY_DIR/nginx.conf" -g 'daemon off;' &
proxy_pid=$!
trap 'kill "$proxy_pid" 2>/dev/null; kill "$odoo_pid" 2>/dev/null; wait' EXIT INT TERM
"${SERVE[@]}" --http-port="$HTTP_PORT" --gevent-port="$GEVENT_PORT" --proxy-mode "${SERVING[@]}" &
odoo_pid=$!
wait "$odoo_pid"
