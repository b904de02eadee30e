"""Benchmark: the suite as the network grows (``tests/scale/bench.py``), end to
end, at a reduced size, in a database of its own.

The scale data (distributors onboarded by the suite, stores, a period of
orders, invoices and sell-out written by ``tests/scale/generate.py``) must not
reach the test database the other tests share, so the benchmark creates its
own (``<test database>_scale``: the demo and every channel addon), grows it step
by step, measures each step against plain Odoo, and drops it at the end, also
when it fails or runs out of time. Sizes: CHANNEL_SCALE_STEPS (distributors per
step, default "10,30"), CHANNEL_SCALE_STORES (stores per distributor, default
20), CHANNEL_SCALE_PRODUCTS (40), CHANNEL_SCALE_DAYS (60), CHANNEL_SCALE_REPEAT
(5); CHANNEL_SCALE_TIMEOUT (seconds, default 1,500). About 8 minutes at the
defaults on two cores, most of it the database's creation and the suite's
onboarding of the distributors. The tables are printed with the other figures
and written to $CHANNEL_ARTIFACTS/scale-bench-<database>.md.
"""
import os
import signal
import subprocess
import sys

BENCH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scale", "bench.py")
STEPS = os.environ.get("CHANNEL_SCALE_STEPS", "10,30")
STORES = os.environ.get("CHANNEL_SCALE_STORES", "20")
PRODUCTS = os.environ.get("CHANNEL_SCALE_PRODUCTS", "40")
DAYS = os.environ.get("CHANNEL_SCALE_DAYS", "60")
REPEAT = os.environ.get("CHANNEL_SCALE_REPEAT", "5")
TIMEOUT = int(os.environ.get("CHANNEL_SCALE_TIMEOUT", 1500))


def _run(arguments, log, timeout=None):
    """Run bench.py in a session of its own, so that on a timeout its Odoo
    server goes with it; its exit code (None: it ran out of time)."""
    process = subprocess.Popen([sys.executable, BENCH, *arguments], stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return None


def test_bench_scale(bench):
    from conftest import DB

    db = f"{DB}_scale"
    folder = os.environ.get("CHANNEL_ARTIFACTS") or os.path.join(os.environ.get("TMPDIR", "/tmp"), "channel-artifacts")
    os.makedirs(folder, exist_ok=True)
    output = os.path.join(folder, f"scale-bench-{db}.md")
    log_path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"channel-scale-{db}.log")
    with open(log_path, "w") as log:
        try:
            code = _run(["--db", db, "--steps", STEPS, "--stores-per-distributor", STORES, "--products", PRODUCTS,
                         "--days", DAYS, "--repeat", REPEAT, "--output", output, "--create", "--drop"], log, TIMEOUT)
        finally:
            _run(["--db", db, "--drop-only"], log, 300)  # whatever happened to the run
    with open(log_path) as log:
        tail = "".join(log.readlines()[-40:])
    assert code is not None, f"the scale benchmark ran out of time ({TIMEOUT} s); see {log_path}:\n{tail}"
    assert code == 0, f"the scale benchmark failed; see {log_path}:\n{tail}"
    with open(output) as report:
        text = report.read()
    assert "### Growth" in text, text
    bench(f"scale benchmark (database {db}, dropped; tables in {output}):")
    for line in text.splitlines():
        bench(f"  {line}")
