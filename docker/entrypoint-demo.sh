#!/bin/bash
# Entry point of the demo container (docker-compose.yml runs it).
#
# Waits for PostgreSQL; on the first start creates the demo database
# (${DEMO_DB:-channel_demo}: demo data, country China, language zh_CN) and
# installs every addon of the suite in it; then runs Odoo on that database only.
# A setup that fails drops its half-made database again, so the next start
# retries from scratch.
set -euo pipefail

CONF=/etc/odoo/odoo.conf
DB=${DEMO_DB:-channel_demo}
EXTRA_ADDONS=/mnt/extra-addons

log() { printf '[channel-demo] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The official image's CMD is "odoo"; tolerate it being passed through.
if [ "${1:-}" = odoo ]; then
    shift
fi

[ -f "$CONF" ] || die "no Odoo configuration at $CONF"
[[ "$DB" =~ ^[A-Za-z0-9][A-Za-z0-9_.-]+$ ]] || die "invalid database name DEMO_DB=$DB"

# A value of the [options] section of the config file; $2 when unset/False.
conf_value() {
    python3 - "$CONF" "$1" "$2" <<'PY'
import configparser, sys
conf, key, default = sys.argv[1:]
parser = configparser.RawConfigParser()
parser.read(conf)
value = parser.get('options', key, fallback='').strip()
print(default if value in ('', 'False', 'None') else value)
PY
}

# Connect where Odoo will: the config file's db_* options win, the official
# image's HOST/PORT/USER/PASSWORD variables are the fallback. Exported as libpq
# variables, so the psycopg2 connections below need no arguments.
PGHOST=$(conf_value db_host "${HOST:-db}")
PGPORT=$(conf_value db_port "${PORT:-5432}")
PGUSER=$(conf_value db_user "${USER:-odoo}")
PGPASSWORD=$(conf_value db_password "${PASSWORD:-odoo}")
DATA_DIR=$(conf_value data_dir /var/lib/odoo)
export PGHOST PGPORT PGUSER PGPASSWORD

# The image's wait-for-psql.py has changed its command line over time (older
# builds take --db_host/--db_port/--db_user/--db_password, newer ones read the
# config file and call pg_isready), so wait with psycopg2 directly.
log "waiting for PostgreSQL at $PGUSER@$PGHOST:$PGPORT"
python3 - "${PSQL_WAIT_TIMEOUT:-30}" <<'PY'
import sys, time
import psycopg2
deadline = time.monotonic() + int(sys.argv[1])
while True:
    try:
        psycopg2.connect(dbname='postgres', connect_timeout=3).close()
        break
    except psycopg2.OperationalError as error:
        if time.monotonic() > deadline:
            sys.exit(f"[channel-demo] ERROR: PostgreSQL is not reachable: {error}")
        time.sleep(1)
PY

# Exit status 0: the database exists, 3: it does not (anything else: an error).
db_exists_status() {
    local rc=0
    python3 - "$DB" <<'PY' || rc=$?
import sys
import psycopg2
conn = psycopg2.connect(dbname='postgres')
try:
    with conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (sys.argv[1],))
        sys.exit(0 if cr.fetchone() else 3)
finally:
    conn.close()
PY
    echo "$rc"
}

drop_demo_db() {
    log "dropping the incomplete database $DB"
    python3 - "$DB" <<'PY' || log "could not drop $DB: drop it by hand before restarting"
import sys
import psycopg2
from psycopg2 import sql
conn = psycopg2.connect(dbname='postgres')
conn.autocommit = True
with conn.cursor() as cr:
    cr.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(sys.argv[1])))
conn.close()
PY
    rm -rf "${DATA_DIR:?}/filestore/$DB"
}

on_setup_exit() {
    local rc=$?
    if [ "$rc" -ne 0 ]; then
        log "the setup of $DB failed (exit status $rc)"
        drop_demo_db
    fi
}

status=$(db_exists_status)
case "$status" in
    0)
        log "database $DB exists: skipping the setup"
        ;;
    3)
        # The suite's addons: every folder of the mount with a manifest.
        addons=()
        for manifest in "$EXTRA_ADDONS"/*/__manifest__.py; do
            [ -f "$manifest" ] || continue
            addons+=("$(basename "$(dirname "$manifest")")")
        done
        [ ${#addons[@]} -gt 0 ] || die "no addon (folder with __manifest__.py) in $EXTRA_ADDONS"
        CHANNEL_ADDONS=$(IFS=,; echo "${addons[*]}")

        trap on_setup_exit EXIT

        log "creating database $DB (demo data, country CN, language zh_CN)"
        DEMO_DB_NAME=$DB CONF=$CONF python3 - <<'PY'
import os, sys
import odoo
from odoo.tools import config
config.parse_config(['-c', os.environ['CONF']])
# exp_create_database is a database-manager function, refused while list_db is
# off (it is in the docker config); this one-off process only creates the demo db.
config['list_db'] = True
from odoo.service import db
name = os.environ['DEMO_DB_NAME']
db.exp_create_database(name, True, 'zh_CN', 'admin', 'admin', 'CN', '')

# _initialize_db logs its errors without raising them: check the result.
import psycopg2
conn = psycopg2.connect(dbname=name)
try:
    with conn.cursor() as cr:
        cr.execute("SELECT state FROM ir_module_module WHERE name = 'base'")
        row = cr.fetchone()
finally:
    conn.close()
if not row or row[0] != 'installed':
    sys.exit(f"[channel-demo] ERROR: the initialisation of {name} failed (see the log above)")
PY

        log "installing $CHANNEL_ADDONS"
        odoo -c "$CONF" -d "$DB" -i "$CHANNEL_ADDONS" --stop-after-init

        python3 - "$DB" "$CHANNEL_ADDONS" <<'PY'
import sys
import psycopg2
name, addons = sys.argv[1], sys.argv[2].split(',')
conn = psycopg2.connect(dbname=name)
try:
    with conn.cursor() as cr:
        cr.execute("SELECT name FROM ir_module_module WHERE name = ANY(%s) AND state = 'installed'", (addons,))
        missing = sorted(set(addons) - {module for module, in cr.fetchall()})
finally:
    conn.close()
if missing:
    sys.exit(f"[channel-demo] ERROR: not installed: {', '.join(missing)} (see the log above)")
PY

        trap - EXIT

        cat >&2 <<EOF

[channel-demo] database $DB is ready: http://localhost:8069
[channel-demo] demo logins (login / password):
[channel-demo]   administrator            admin / admin
[channel-demo]   brand manager            brand.manager / channel-demo
[channel-demo]   distributor              hd.manager / channel-demo
[channel-demo]   store (portal user)      store.hz01 / channel-demo

EOF
        ;;
    *)
        die "could not check whether database $DB exists (exit status $status)"
        ;;
esac

exec odoo -c "$CONF" -d "$DB" --db-filter="^${DB}\$" "$@"
