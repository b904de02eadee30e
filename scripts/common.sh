# shellcheck shell=bash
# Shared by scripts/run.sh and scripts/test.sh: finds Odoo, builds the virtualenv.
#
# The virtualenv lives outside the clone (CHANNEL_VENV, default under ~/.cache),
# keyed by a hash of every requirements file, so a fresh clone on a machine that
# already built it starts at once and a changed requirement builds a new one.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_PATH=${ODOO_PATH:-/opt/odoo}
PYTHON=${PYTHON:-python3.11}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-$(id -un)}
export PGHOST PGPORT PGUSER

log() { printf '\033[1m[channel]\033[0m %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

check_odoo() {
    [ -f "$ODOO_PATH/odoo/release.py" ] \
        || die "no Odoo source tree at ODOO_PATH=$ODOO_PATH (Odoo 18.0 Community is expected there)"
    grep -q "version_info = (18, 0" "$ODOO_PATH/odoo/release.py" \
        || die "the Odoo at $ODOO_PATH is not 18.0"
}

# System packages some of Odoo's pinned requirements compile against.
ensure_system_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || die "missing system packages: ${missing[*]}"
    log "installing system packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {
    check_odoo
    local key
    # the requirements without comments: rewording a comment builds nothing
    key=$( (sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$ODOO_PATH/requirements.txt" "$ROOT/requirements.txt" \
        | grep -v '^$'; echo "$ODOO_PATH"; $PYTHON --version) | sha256sum | cut -c1-12)
    VENV=${CHANNEL_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/channel-suite/venv-$key}
    if [ ! -f "$VENV/.complete" ]; then
        # one build at a time: a second shell waits for it, then uses it
        mkdir -p "$(dirname "$VENV")"
        local lock
        exec {lock}>"$VENV.lock"
        flock "$lock"
    fi
    if [ ! -f "$VENV/.complete" ]; then
        ensure_system_packages libpq-dev libldap2-dev libsasl2-dev python3-dev build-essential
        log "building the virtualenv $VENV (first run on this machine: several minutes)"
        rm -rf "$VENV"
        $PYTHON -m venv "$VENV"
        # Some of Odoo 18's pinned requirements are old sdists that only build
        # with setuptools < 70, so they are built without isolation.
        "$VENV/bin/pip" install -q --upgrade "pip<25" "setuptools<70" "setuptools_scm<8" wheel Cython
        "$VENV/bin/pip" install -q --no-build-isolation -r "$ODOO_PATH/requirements.txt"
        # Path-based (compat) editable install: a PEP 660 import hook would hide
        # the OCA wheels that install into the odoo.addons namespace.
        "$VENV/bin/pip" install -q --no-build-isolation --no-deps \
            --config-settings editable_mode=compat -e "$ODOO_PATH"
        "$VENV/bin/pip" install -q -r "$ROOT/requirements.txt"
        touch "$VENV/.complete"
    fi
    if [ -n "${lock:-}" ]; then exec {lock}>&-; fi
    ODOO_BIN=("$VENV/bin/python" "$ODOO_PATH/odoo-bin")
    OCA_ADDONS=$("$VENV/bin/python" -c 'import odoo.addons, os; print(next(p for p in odoo.addons.__path__ if "site-packages" in p))')
    ADDONS_PATH="$ROOT/addons,$OCA_ADDONS,$ODOO_PATH/addons,$ODOO_PATH/odoo/addons"
    export VENV ADDONS_PATH
}

# The suite's addons, in a stable order.
channel_addons() {
    local m names=()
    for m in "$ROOT"/addons/*/__manifest__.py; do
        names+=("$(basename "$(dirname "$m")")")
    done
    (IFS=,; echo "${names[*]}")
}

odoo() {
    "${ODOO_BIN[@]}" --addons-path="$ADDONS_PATH" --db_host="$PGHOST" --db_port="$PGPORT" \
        --db_user="$PGUSER" "$@"
}
