"""Odoo as the tests under tests/ run it: its command-line options, an
environment on a cursor of its own, and a real server process.

One place for what the end-to-end tests (conftest.py), the multi-process test
(test_serving.py) and the scale benchmark (scale/) all need.
"""
import contextlib
import os
import socket
import subprocess
import sys
import time
import xmlrpc.client

ODOO_PATH = os.environ.get("ODOO_PATH", "/opt/odoo")


def odoo_args():
    """The options that point Odoo at the suite's addons and the database server."""
    return [
        "--addons-path", os.environ["ADDONS_PATH"],
        "--db_host", os.environ.get("PGHOST", "127.0.0.1"),
        "--db_port", os.environ.get("PGPORT", "5432"),
        "--db_user", os.environ.get("PGUSER", "postgres"),
    ]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def admin_env(registry):
    """The administrator's environment (a brand channel manager) on a new
    cursor of ``registry``; committed when the block ends unless it rolls back."""
    import odoo

    with registry.cursor() as cr:
        root = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        yield root(user=root.ref("base.user_admin"))


def _answers_xmlrpc(url):
    try:
        xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").version()
    except OSError:
        return False
    return True


@contextlib.contextmanager
def serve(db, options=(), log_name="channel-server", env=None, ready=_answers_xmlrpc, timeout=180):
    """A real Odoo server on ``db`` with ``options`` added to the suite's own;
    yields ``(url, process, log_path)`` once ``ready(url)`` holds, and stops
    the server when the block ends (killed if it does not stop in 30 s)."""
    port = free_port()
    log_path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"{log_name}-{db}-{port}.log")
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, os.path.join(ODOO_PATH, "odoo-bin"), *odoo_args(), "-d", db,
             "--db-filter", f"^{db}$", "--http-interface", "127.0.0.1", "--http-port", str(port), *options],
            stdout=log, stderr=subprocess.STDOUT, env=env,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + timeout
            while not ready(url):
                if process.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"the Odoo server did not start; see {log_path}")
                time.sleep(0.5)
            yield url, process, log_path
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
