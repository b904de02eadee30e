"""Fixtures for the end-to-end tests and benchmarks under tests/.

They run after scripts/test.sh installed every channel addon into the test
database (CHANNEL_TEST_DB), against that real database:
- ``env``: an Odoo environment in-process (admin), rolled back afterwards;
- ``server``: a real Odoo server process on that database, for XML-RPC;
- ``bench``: collects benchmark figures, printed at the end of the run.
"""
import os

import pytest
from odoo_process import ODOO_PATH, admin_env, odoo_args, serve  # noqa: F401 (ODOO_PATH: for the tests)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DB = os.environ.get("CHANNEL_TEST_DB")
_FIGURES = []


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

    config.parse_config(odoo_args() + ["--log-level", "warn"])
    return odoo.modules.registry.Registry(DB)


@pytest.fixture
def env(registry):
    """The administrator's environment (a brand channel manager); rolled back."""
    with admin_env(registry) as admin:
        yield admin
        admin.cr.rollback()
    # the ORM caches (a user's companies, say) may hold what was just rolled back
    registry.clear_all_caches()


@pytest.fixture(scope="session")
def server():
    """A real Odoo server on the test database; yields its base URL."""
    with serve(DB, ["--max-cron-threads", "0", "--log-level", "warn", "--load", "base,web,queue_job"],
               log_name="channel-e2e", timeout=120) as (url, _process, _log):
        yield url


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
