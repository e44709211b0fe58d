# `make brochures` and `make test` each do the whole set-up first, so both
# work on a fresh clone: system packages (where we may install them), the
# virtual environment, the project itself.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: brochures editions test setup system-packages pot clean

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

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

pot: setup
	$(BIN)/python make_brochure.py extract

clean:
	rm -rf out .pytest_cache
