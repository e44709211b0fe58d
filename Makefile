# `make brochures` and `make test` each do the whole set-up first, so both
# work on a fresh clone on any day: system packages (where we may install
# them), then a virtual environment holding exactly the versions in
# requirements/lock.txt (every file checked against its hash), then the
# project itself.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements/lock.txt

.PHONY: brochures editions test test-latest lock setup system-packages pot clean

brochures: setup
	$(BIN)/python make_brochure.py build

# Every profile and format of every demo leaflet, then preflight on all of them.
editions: setup
	$(BIN)/python make_brochure.py build --profile office --profile press \
		--format a4 --format letter --format a5 --format trifold
	$(BIN)/python make_brochure.py build --large-print
	$(BIN)/python make_brochure.py check --pdf $$(find out -name '*.pdf' | sort)

test: setup
	$(BIN)/python -m pytest

setup: system-packages $(STAMP)

system-packages:
	@bash scripts/system-packages.sh

# A new lock means a new environment: nothing left over from the old one.
$(STAMP): $(LOCK) pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check --disable-pip-version-check
	touch $(STAMP)

# Re-resolve every dependency to its newest release and rewrite the lock.
lock:
	@bash scripts/lock.sh

# The whole suite against the newest releases, in a throw-away environment.
test-latest: system-packages
	@bash scripts/test-latest.sh

pot: setup
	$(BIN)/python make_brochure.py extract

clean:
	rm -rf out .pytest_cache
