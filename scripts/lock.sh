#!/usr/bin/env bash
# Re-resolve every dependency (runtime, test and build backend) to its newest
# release and write requirements/lock.txt with a hash for every file of every
# pinned version. The resolver (uv) lives in a throw-away environment: only
# this command needs it, installing from the lock needs nothing but pip.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
"$PYTHON" -m venv "$tools"
"$tools/bin/python" -m pip install --quiet --disable-pip-version-check uv
"$tools/bin/uv" pip compile --quiet --upgrade --universal --python-version 3.11 --generate-hashes \
    --extra test --custom-compile-command "make lock" \
    pyproject.toml requirements/build.in -o requirements/lock.txt
echo "wrote requirements/lock.txt:"
grep -E '^[a-z0-9]' requirements/lock.txt | sed -E 's/ *\\$//; s/^/  /'
