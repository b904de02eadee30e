"""Run the peer suites (tests/peer/suites.txt: Odoo's and OCA's own tests of the
apps the channel extends) through pytest-odoo against a database with every
channel addon installed, and compare with the failures the same tests have
without the channel (tests/peer/known_failures.txt, each with its reason).

    python tests/peer/run.py DB [--junit FILE] [pytest args...]

ADDONS_PATH, PGHOST, PGPORT and PGUSER come from scripts/common.sh. Prints
"peer: N passed, N failed (N known failures of the bare environment, N skipped)"
and exits non-zero when a test fails that does not fail without the channel.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))


def suite_dirs():
    addons_path = os.environ["ADDONS_PATH"].split(",")
    dirs = []
    with open(os.path.join(HERE, "suites.txt")) as suites:
        for line in suites:
            addon = line.split("#")[0].strip()
            if not addon:
                continue
            found = [os.path.join(path, addon, "tests") for path in addons_path
                     if os.path.isdir(os.path.join(path, addon, "tests"))]
            if not found:
                sys.exit(f"peer: no tests/ for {addon} in the addons path")
            dirs.append(found[0])
    return dirs


def known_failures():
    """{test id: reason} from known_failures.txt ("id | reason" lines)."""
    known = {}
    with open(os.path.join(HERE, "known_failures.txt")) as lines:
        for line in lines:
            line = line.strip()
            if line and not line.startswith("#"):
                test_id, _sep, reason = line.partition(" | ")
                known[test_id.strip()] = reason.strip()
    return known


def test_id(case):
    """addon/tests/file.py::Class::test, whatever the checkout's path (the
    classname is the dotted path of the test's module and class)."""
    dotted = case.get("classname", "").rsplit(".addons.", 1)[-1]
    module, _dot, cls = dotted.rpartition(".")
    if case.get("file"):  # junit_family=legacy: the path, relative to pytest's rootdir
        path = case.get("file").rsplit("/addons/", 1)[-1]
    else:
        path = module.replace(".", "/") + ".py" if module else ""
    return "::".join(part for part in (path, cls, case.get("name")) if part)


def outcomes(junit):
    result = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            outcome = "failed"
        elif case.find("skipped") is not None:
            outcome = "skipped"
        else:
            outcome = "passed"
        # a test whose teardown errs appears twice: failed wins
        tid = test_id(case)
        if result.get(tid) != "failed":
            result[tid] = outcome
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--junit")
    args, pytest_args = parser.parse_known_args()
    junit = args.junit or tempfile.mktemp(prefix="channel-peer-", suffix=".xml")
    command = [
        # odoo_pytest (tests/): the test mode Odoo's runner sets (see there)
        sys.executable, "-m", "pytest", "-c", os.path.join(HERE, "pytest.ini"), "-p", "no:cacheprovider",
        "-p", "odoo_pytest",
        "-q", "-rfE", "-o", "junit_family=legacy", f"--junitxml={junit}",
        f"--odoo-database={args.db}", f"--odoo-addons-path={os.environ['ADDONS_PATH']}",
        f"--odoo-extra=db_host={os.environ.get('PGHOST', '127.0.0.1')}",
        f"--odoo-extra=db_port={os.environ.get('PGPORT', '5432')}",
        f"--odoo-extra=db_user={os.environ.get('PGUSER', 'postgres')}",
        "--odoo-extra=max-cron-threads=0", "--odoo-http",
        *pytest_args, *suite_dirs(),
    ]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [os.path.dirname(HERE), *filter(None, [os.environ.get("PYTHONPATH")])]))
    rc = subprocess.call(command, env=env)
    if rc not in (0, 1) or not os.path.exists(junit):
        print(f"peer: pytest stopped (exit {rc})")
        print("peer: 0 passed, 1 failed")
        return 1
    results = outcomes(junit)
    known = known_failures()
    failed = sorted(tid for tid, outcome in results.items() if outcome == "failed")
    unexpected = [tid for tid in failed if tid not in known]
    expected = [tid for tid in failed if tid in known]
    fixed = sorted(tid for tid in known if results.get(tid) == "passed")
    passed = sum(outcome == "passed" for outcome in results.values())
    skipped = sum(outcome == "skipped" for outcome in results.values())
    for tid in expected:
        print(f"peer: known failure of the bare environment: {tid} ({known[tid]})")
    for tid in fixed:
        print(f"peer: listed as failing without the channel but passed: {tid} (update known_failures.txt)")
    for tid in unexpected:
        print(f"peer: FAILED only with the channel installed: {tid}")
    print(f"peer: {passed} passed, {len(unexpected)} failed "
          f"({len(expected)} known failures of the bare environment, {skipped} skipped)")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
