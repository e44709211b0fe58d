#!/usr/bin/env bash
# The whole test suite against the newest release of every dependency, in a
# throw-away environment, so an upstream change is met on purpose and not by a
# clinic on a Monday morning. Prints which versions differ from the lock, then
# the tests' result; exits with pytest's code.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
env_dir=$(mktemp -d)
trap 'rm -rf "$env_dir"' EXIT
"$PYTHON" -m venv "$env_dir"
if ! "$env_dir/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip setuptools \
   || ! "$env_dir/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade '.[test]'; then
    echo "test-latest: the newest releases could not be installed together" >&2
    exit 2
fi
echo "newest releases that differ from requirements/lock.txt:"
"$env_dir/bin/python" - <<'PY'
import re
from importlib.metadata import distributions

locked = dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==([^\s;\\]+)", open("requirements/lock.txt").read(), re.M))
norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()
locked = {norm(name): version for name, version in locked.items()}
changed = sorted((norm(d.metadata["Name"]), locked.get(norm(d.metadata["Name"])), d.version)
                 for d in distributions() if norm(d.metadata["Name"]) in locked)
changed = [row for row in changed if row[1] != row[2]]
for name, old, new in changed:
    print(f"  {name}: {old} -> {new}")
if not changed:
    print("  none: the lock holds the newest releases")
PY
# The tests import the package from this folder; the environment only supplies its dependencies.
"$env_dir/bin/python" -m pytest -p no:cacheprovider "$@"
