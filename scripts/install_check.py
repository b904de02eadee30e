# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Install each addon of addons/ alone with what its manifest declares, on a
database of its own, and fail if one does not install and load cleanly.

    python scripts/install_check.py [--jobs 2] [--keep] [ADDON ...]

(run with the suite's virtualenv; ADDONS_PATH, PGHOST, PGPORT, PGUSER and ODOO_PATH
come from scripts/common.sh;
scripts/test.sh runs it.) What it proves: the addon's Python code imports, its
models, fields, views, data files, access rules and record rules load, with
only the modules its ``depends`` bring in (and the auto_install modules those
trigger, as Odoo would install them), without demo data. An addon that
extends a model, inherits a view, refers to an XML id or imports a module of
an addon it does not depend on fails here, even when the full install hides
it because the other addon happens to be installed. It does not run the
addon's tests on that database (the test command runs them on the full one),
so code reached only at run time can still use an undeclared module.

To save time, an addon is installed on a copy of the database of the one of
its dependencies (itself checked) that brings in the most modules, since
what that dependency installs is part of what the addon installs anyway;
addons without one in the suite start from a database with only ``base``.
Two installs run at a time (--jobs).
"""

import argparse
import ast
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = os.path.join(ROOT, "addons")
PREFIX = f"channel_check_{os.getpid()}"
# An install log line that fails the check: errors, and the warnings Odoo
# gives for what a missing dependency leaves undefined.
BAD = re.compile(
    r" (ERROR|CRITICAL) "
    r"| WARNING .*(unknown (field|model|comodel)|does not exist|not found|Unknown|inconsistent|"
    r"no access rules|invalid|Missing|ParseError)"
)


def manifests():
    found = {}
    for name in sorted(os.listdir(ADDONS)):
        path = os.path.join(ADDONS, name, "__manifest__.py")
        if os.path.isfile(path):
            with open(path) as manifest:
                data = ast.literal_eval(manifest.read())
            if data.get("installable", True):
                found[name] = data.get("depends", [])
    return found


def closure(name, depends):
    """The suite's addons ``name`` depends on, directly or not."""
    seen, todo = set(), list(depends[name])
    while todo:
        dep = todo.pop()
        if dep in depends and dep not in seen:
            seen.add(dep)
            todo.extend(depends[dep])
    return seen


def odoo(*args):
    command = [
        sys.executable,
        os.path.join(os.environ.get("ODOO_PATH", "/opt/odoo"), "odoo-bin"),
        f"--addons-path={os.environ['ADDONS_PATH']}",
        f"--db_host={os.environ.get('PGHOST', '127.0.0.1')}",
        f"--db_port={os.environ.get('PGPORT', '5432')}",
        f"--db_user={os.environ.get('PGUSER', 'postgres')}",
        "--max-cron-threads=0",
        "--stop-after-init",
        *args,
    ]
    return command


def run(command, log):
    with open(log, "a") as out:
        return subprocess.call(command, stdout=out, stderr=subprocess.STDOUT)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("addons", nargs="*")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    args = parser.parse_args()
    depends = manifests()
    wanted = args.addons or list(depends)
    unknown = [name for name in wanted if name not in depends]
    if unknown:
        sys.exit(f"install check: no installable addon {', '.join(unknown)} in addons/")
    # what has to be checked: the wanted addons and the suite addons they build on
    todo = set(wanted)
    for name in wanted:
        todo |= closure(name, depends)
    logdir = tempfile.mkdtemp(prefix="channel-install-check-")
    base_db = f"{PREFIX}_base"
    databases = [base_db]
    lock = threading.Lock()
    done = {}  # addon: threading.Event
    results = {}  # addon: (ok, seconds, detail)
    for name in todo:
        done[name] = threading.Event()

    def db_of(name):
        return f"{PREFIX}_{name}"

    def check(name):
        deps = closure(name, depends)
        for dep in deps:
            done[dep].wait()
        failed_deps = [dep for dep in deps if not results[dep][0]]
        if failed_deps:
            results[name] = (False, 0, f"not checked: {', '.join(sorted(failed_deps))} failed")
            done[name].set()
            return
        # the dependency that brings in the most, else base alone
        template = max(deps, key=lambda dep: len(closure(dep, depends)), default=None)
        template_db = db_of(template) if template else base_db
        db = db_of(name)
        log = os.path.join(logdir, f"{name}.log")
        started = time.monotonic()
        with lock:
            databases.append(db)
        subprocess.run(["dropdb", "--if-exists", db], check=True, capture_output=True)
        copy = subprocess.run(["createdb", "-T", template_db, db], capture_output=True, text=True)
        if copy.returncode:
            results[name] = (False, 0, f"createdb -T {template_db}: {copy.stderr.strip()}")
            done[name].set()
            return
        rc = run(odoo("-d", db, "-i", name, "--without-demo=all", "--log-level=warn"), log)
        with open(log) as lines:
            bad = [line.rstrip() for line in lines if BAD.search(line)]
        ok = rc == 0 and not bad
        detail = "" if ok else "\n".join([f"exit {rc}, log {log}", *bad[:20]])
        results[name] = (ok, time.monotonic() - started, detail)
        print(f"install check: {name} {'ok' if ok else 'FAILED'} "
              f"({results[name][1]:.0f} s, from {template or 'base'})", flush=True)
        done[name].set()

    started = time.monotonic()
    try:
        subprocess.run(["dropdb", "--if-exists", base_db], check=True, capture_output=True)
        base_log = os.path.join(logdir, "base.log")
        rc = run([sys.executable, os.path.join(ROOT, "scripts", "create_db.py"), base_db], base_log)
        if rc:
            print(f"install check: could not create the base database (log {base_log})")
            print("install check: 0 passed, 1 failed")
            return 1
        order = sorted(todo, key=lambda name: len(closure(name, depends)))
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            list(pool.map(check, order))
    finally:
        if not args.keep:
            for db in databases:
                subprocess.run(["dropdb", "--if-exists", db], capture_output=True)
    failed = sorted(name for name, (ok, _secs, _detail) in results.items() if not ok)
    for name in failed:
        print(f"install check: {name} does not install with only its dependencies:\n{results[name][2]}")
    print(f"install check: {len(results) - len(failed)} passed, {len(failed)} failed "
          f"in {time.monotonic() - started:.0f} s (logs: {logdir})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
