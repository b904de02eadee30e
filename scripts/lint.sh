#!/usr/bin/env bash
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# The lint the test command runs (scripts/test.sh) and pre-commit runs on each
# commit (.pre-commit-config.yaml): the same tools, versions (requirements.txt)
# and configuration (.ruff.toml, .pylintrc-mandatory), no git hook needed.
#   ruff check                      style and likely bugs (pyflakes, bugbear, isort)
#   pylint-odoo (mandatory checks)  Odoo's rules: manifests, license, SQL injection,
#                                   translations, super() calls, ...
#   files                           no editor backups or merge leftovers, well-formed
#                                   XML, no trailing whitespace, a final newline
# Prints "lint: N passed, N failed" (one per tool) and exits non-zero on any finding.
source "$(dirname "$0")/common.sh"
ensure_venv
cd "$ROOT"

passed=0
failed=0
step() {
    local name=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
    else
        log "lint: $name found problems"
        failed=$((failed + 1))
    fi
}

# pylint-odoo runs on each addon as a package; ruff on all Python of the tree.
addons=()
for manifest in addons/*/__manifest__.py; do addons+=("$(dirname "$manifest")"); done

step ruff "$VENV/bin/ruff" check --no-fix --output-format=concise addons tests scripts conftest.py
step pylint-odoo "$VENV/bin/pylint" --rcfile=.pylintrc-mandatory "${addons[@]}"
step files "$VENV/bin/python" - <<'EOF'
import os
import re
import subprocess
import sys

from lxml import etree

try:
    files = subprocess.run(["git", "ls-files", "-z"], capture_output=True, check=True).stdout.decode().split("\0")
except (OSError, subprocess.CalledProcessError):  # not a git work tree: every file
    files = [os.path.relpath(os.path.join(d, f)) for d, _dirs, names in os.walk(".") for f in names]
files = [f for f in files if f and os.path.isfile(f) and not f.startswith(".git/")]
problems = []
backup = re.compile(r"(~|\.swp|\.swo|\.orig|\.rej|\.bak|\.pyc)$|(^|/)(\.#|#.*#$)|(^|/)__pycache__/")
text = re.compile(r"\.(py|xml|js|scss|css|csv|sh|toml|cfg|ini|yaml|yml)$")
for name in files:
    if backup.search(name):
        problems.append(f"{name}: an editor backup or merge leftover in git")
        continue
    if name.endswith(".xml"):
        try:
            etree.parse(name)
        except etree.XMLSyntaxError as error:
            problems.append(f"{name}: not well-formed XML: {error}")
    if text.search(name) and "/static/lib/" not in name:
        with open(name, "rb") as data:
            content = data.read()
        for number, line in enumerate(content.split(b"\n"), 1):
            if line.rstrip(b"\r") != line.rstrip():
                problems.append(f"{name}:{number}: trailing whitespace")
            if re.match(rb"(<{7}|>{7}) ", line):
                problems.append(f"{name}:{number}: merge conflict marker")
        if content and not content.endswith(b"\n"):
            problems.append(f"{name}: no newline at the end")
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
EOF

echo "lint: $passed passed, $failed failed"
[ "$failed" = 0 ]
