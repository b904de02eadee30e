# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""pytest-odoo for the suite: ``pytest addons/<addon>`` runs that addon's Odoo
tests (browser tours included) against a kept database, the way Odoo's own
test runner runs them.

Loaded by the root conftest.py (addons' tests) and by tests/peer/run.py (the
peer suites). When pytest is pointed at addons (paths inside an Odoo addon, or
the addons folder), it fills in pytest-odoo's options the suite always needs,
so that none has to be typed:

- ``--odoo-database``: ``$CHANNEL_TEST_DB`` (a database with the addons
  installed, e.g. a copy of the demo database);
- ``--odoo-addons-path``: ``$ADDONS_PATH`` (scripts/common.sh), else the suite's
  addons, the OCA wheels' folder, Odoo's addons (``$ODOO_PATH``, /opt/odoo);
- the PostgreSQL connection from ``$PGHOST``/``$PGPORT``/``$PGUSER``;
- ``--odoo-http`` (tours need Odoo's HTTP server; pytest-odoo starts a threaded
  one on a free port) with no cron thread.

Each can still be given on the command line. ``--odoo-test-tags`` selects
tests the way Odoo's ``--test-tags`` does (e.g. ``-channel_perf``).

Odoo's runner marks the process as running tests
(``odoo.modules.module.current_test``) while tests run; pytest-odoo 2.3.0 does
so only for Odoo 19. The suite's side transactions share the test's cursor in
that mode (channel_base/tools/side_transaction.py), as mail servers refuse to
send: this plugin sets the mark for the session, as Odoo's runner does.
"""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser):
    parser.addoption(
        "--odoo-test-tags",
        action="store",
        default=os.environ.get("CHANNEL_TEST_TAGS_PYTEST"),
        help="Run only the tests Odoo's --test-tags would select with this "
        "specification (e.g. '-channel_perf', '/channel_sale:TestCredit').",
    )


def _inside_addon(path):
    for folder in (path, *path.parents):
        if (folder / "__manifest__.py").is_file():
            return True
        if folder == ROOT:
            return False
    return False


def _runs_addons(config):
    """Whether pytest was pointed at Odoo addons (not at tests/)."""
    if config.getoption("--odoo-database", None):
        return True
    paths = []
    for arg in config.args:
        path = Path(str(arg).split("::")[0])
        paths.append(path if path.is_absolute() else Path(config.invocation_params.dir) / path)
    paths = [path.resolve() for path in paths if path.exists()]
    return bool(paths) and all(
        path == ROOT / "addons" or _inside_addon(path) for path in paths
    )


def _addons_path():
    if os.environ.get("ADDONS_PATH"):
        return os.environ["ADDONS_PATH"]
    import odoo.addons

    odoo_path = os.environ.get("ODOO_PATH", "/opt/odoo")
    wheels = [path for path in odoo.addons.__path__ if "site-packages" in path]
    return ",".join(
        [str(ROOT / "addons"), *wheels, f"{odoo_path}/addons", f"{odoo_path}/odoo/addons"]
    )


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_cmdline_main(config):
    """Before pytest-odoo's own hook reads its options (it parses Odoo's
    configuration from them), fill in the suite's defaults."""
    if _runs_addons(config):
        option = config.option
        if not option.odoo_database and not option.odoo_config:
            option.odoo_database = os.environ.get("CHANNEL_TEST_DB")
            if not option.odoo_database:
                sys.exit(
                    "pytest-odoo needs a database with the addons installed: set "
                    "CHANNEL_TEST_DB (e.g. CHANNEL_TEST_DB=mydb pytest addons/channel_sale) "
                    "or pass --odoo-database"
                )
        if not option.odoo_addons_path and not option.odoo_config:
            option.odoo_addons_path = _addons_path()
        given = {extra.split("=")[0].replace("-", "_") for extra in option.odoo_extra}
        # Odoo's own spelling of each option (db_host, max-cron-threads)
        defaults = {
            "db_host": os.environ.get("PGHOST", "127.0.0.1"),
            "db_port": os.environ.get("PGPORT", "5432"),
            "db_user": os.environ.get("PGUSER") or os.environ.get("USER", "odoo"),
            "max-cron-threads": "0",
        }
        for key, value in defaults.items():
            if key.replace("-", "_") not in given and not option.odoo_config:
                option.odoo_extra.append(f"{key}={value}")
        option.odoo_http = True
        config.pluginmanager.register(_OdooTestMode(), "channel-odoo-test-mode")
        # Odoo logs an ERROR when its test framework is imported outside
        # test mode, and pytest-odoo imports it right after reading Odoo's
        # configuration: import it first, in test mode, as Odoo's runner does.
        from odoo.tools import config as odoo_config

        enabled = odoo_config["test_enable"]
        odoo_config["test_enable"] = True
        try:
            import odoo.tests.common  # noqa: F401
        finally:
            odoo_config["test_enable"] = enabled
    yield


class _OdooTestMode:
    """Registered only when pytest runs Odoo tests (see pytest_cmdline_main)."""

    @pytest.fixture(scope="session", autouse=True)
    def odoo_current_test(self, load_registry):
        """As Odoo's test runner (odoo/tests/loader.py run_suite) does while
        tests run: after the registry is loaded, before the first test."""
        from odoo.modules import module

        module.current_test = True
        yield
        module.current_test = False

    def pytest_collection_modifyitems(self, config, items):
        spec = config.getoption("--odoo-test-tags")
        if not spec:
            return
        from odoo.tests.tag_selector import TagsSelector

        selector = TagsSelector(spec)
        selected, deselected = [], []
        for item in items:
            cls = getattr(item, "cls", None)
            if cls is None or not hasattr(cls, "test_tags"):
                selected.append(item)
                continue
            test = cls.__new__(cls)
            test._testMethodName = item.name.split("[")[0]
            (selected if selector.check(test) else deselected).append(item)
        if deselected:
            config.hook.pytest_deselected(items=deselected)
            items[:] = selected
