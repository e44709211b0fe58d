# `make brochures` and `make test` each do the whole set-up first, so both
# work on a fresh clone: system packages (where we may install them), the
# virtual environment, the project itself.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: brochures test setup system-packages pot clean

brochures: setup
	$(BIN)/python make_brochure.py build

test: setup
	$(BIN)/python -m pytest

setup: system-packages $(STAMP)

system-packages:
	@bash scripts/system-packages.sh

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

pot: setup
	$(BIN)/python make_brochure.py extract

clean:
	rm -rf out .pytest_cache
