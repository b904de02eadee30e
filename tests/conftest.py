"""Fixtures for the end-to-end tests and benchmarks under tests/.

They run after scripts/test.sh installed every channel addon into the test
database (CHANNEL_TEST_DB), against that real database:
- ``env``: an Odoo environment in-process (admin), rolled back afterwards;
- ``server``: a real Odoo server process on that database, for XML-RPC;
- ``bench``: collects benchmark figures, printed at the end of the run.
"""
import os
import socket
import subprocess
import sys
import time
import xmlrpc.client

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODOO_PATH = os.environ.get("ODOO_PATH", "/opt/odoo")
DB = os.environ.get("CHANNEL_TEST_DB")
_FIGURES = []


def _odoo_args():
    return [
        "--addons-path", os.environ["ADDONS_PATH"],
        "--db_host", os.environ.get("PGHOST", "127.0.0.1"),
        "--db_port", os.environ.get("PGPORT", "5432"),
        "--db_user", os.environ.get("PGUSER", "postgres"),
    ]


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Stands in for pytest-odoo's fixture of this name (the plugin runs the
    addons' and peer suites' tests in the same virtualenv): these tests load
    their own registry (``registry``) and do not run in Odoo's test mode."""
    yield


@pytest.fixture(scope="module", autouse=True)
def enable_odoo_test_flag():
    """Stands in for pytest-odoo's fixture of this name: see load_registry."""
    yield


def pytest_collection_modifyitems(config, items):
    if not DB:
        skip = pytest.mark.skip(reason="run through scripts/test.sh (CHANNEL_TEST_DB is not set)")
        for item in items:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def registry():
    import odoo
    from odoo.tools import config

    config.parse_config(_odoo_args() + ["--log-level", "warn"])
    return odoo.modules.registry.Registry(DB)


@pytest.fixture
def env(registry):
    """The administrator's environment (a brand channel manager); rolled back."""
    import odoo

    with registry.cursor() as cr:
        root = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        yield root(user=root.ref("base.user_admin"))
        cr.rollback()
    # the ORM caches (a user's companies, say) may hold what was just rolled back
    registry.clear_all_caches()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server():
    """A real Odoo server on the test database; yields its base URL."""
    port = _free_port()
    log = open(os.path.join(os.environ.get("TMPDIR", "/tmp"), f"channel-e2e-{port}.log"), "w")
    proc = subprocess.Popen(
        [sys.executable, os.path.join(ODOO_PATH, "odoo-bin"), *_odoo_args(), "-d", DB,
         "--db-filter", f"^{DB}$", "--http-interface", "127.0.0.1", "--http-port", str(port),
         "--max-cron-threads", "0", "--log-level", "warn", "--load", "base,web,queue_job"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while True:
        try:
            xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").version()
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError(f"the Odoo server did not start; see {log.name}")
            time.sleep(0.5)
    yield url
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


@pytest.fixture
def bench():
    def record(line):
        _FIGURES.append(line)
    return record


def pytest_terminal_summary(terminalreporter):
    if _FIGURES:
        terminalreporter.section("benchmark figures")
        for line in _FIGURES:
            terminalreporter.write_line(line)


@pytest.fixture
def confirm_concurrently(registry):
    """Confirm sale orders at the same moment, one transaction (thread and
    cursor) each as Odoo's workers do, through Odoo's own retry of
    serialisation failures. Returns {order id: "confirmed" | "refused" (a
    UserError) | "conflict" (still conflicting after the retries)}; the
    errors' messages go into ``messages`` if given."""
    import threading

    from psycopg2 import OperationalError

    import odoo
    from odoo.exceptions import UserError
    from odoo.service.model import retrying

    def run(order_ids, messages=None):
        barrier = threading.Barrier(len(order_ids))
        outcomes = {}
        messages = {} if messages is None else messages

        def worker(order_id):
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                barrier.wait()
                try:
                    retrying(lambda: env["sale.order"].browse(order_id).action_confirm(), env)
                    outcomes[order_id] = "confirmed"
                except UserError as error:
                    cr.rollback()
                    outcomes[order_id] = "refused"
                    messages[order_id] = str(error)
                except OperationalError as error:
                    cr.rollback()
                    outcomes[order_id] = "conflict"
                    messages[order_id] = str(error)

        threads = [threading.Thread(target=worker, args=(order_id,)) for order_id in order_ids]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        assert len(outcomes) == len(order_ids), "every worker finished"
        return outcomes

    return run


@pytest.fixture
def race(registry):
    """Run ``calls`` (functions of an environment) at the same moment, one
    transaction (thread and cursor) each as Odoo's workers do: each opens its
    REPEATABLE READ snapshot first, waits for the others at a barrier, then
    acts, through Odoo's own retry of serialisation failures; each commits.
    Returns ({index: result | "refused"}, {index: the refusal}, [the index of
    each attempt]): more attempts than calls mean a call was retried."""
    import threading

    from odoo import SUPERUSER_ID, api
    from odoo.service.model import retrying

    def run(calls):
        barrier = threading.Barrier(len(calls))
        outcomes, messages, attempts = {}, {}, []

        def worker(index):
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                first = [True]

                def attempt():
                    attempts.append(index)
                    env["res.users"].search_count([])  # the snapshot begins here
                    if first[0]:
                        first[0] = False
                        barrier.wait(timeout=60)
                    return calls[index](env)

                try:
                    outcomes[index] = retrying(attempt, env)
                except Exception as error:  # noqa: BLE001 - counted and shown
                    outcomes[index] = "refused"
                    messages[index] = f"{type(error).__name__}: {error}"

        threads = [threading.Thread(target=worker, args=(index,)) for index in range(len(calls))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        return outcomes, messages, attempts

    return run
