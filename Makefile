# Two entry points for a fresh machine: `make demo` and `make test`. Each builds the virtual
# environment from pyproject.toml first, so nothing has to be installed by hand.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
STORE ?= somnotes-store

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

.PHONY: install demo test bench samples
install: $(BIN)/.installed

demo: $(BIN)/.installed
	$(BIN)/somnotes ingest samples --store $(STORE)
	$(BIN)/somnotes summary --store $(STORE)
	$(BIN)/somnotes stalled --store $(STORE)

test: $(BIN)/.installed
	$(BIN)/python -m pytest

bench: $(BIN)/.installed
	$(BIN)/python bench/benchmark.py

samples: $(BIN)/.installed
	$(BIN)/python samples/build_samples.py
	$(BIN)/python samples/build_other_bodies.py
	$(BIN)/python tests/fixtures/build_fixtures.py
	$(BIN)/python tests/fixtures/hazards/build_hazards.py
	$(BIN)/python samples/build_series.py
	$(BIN)/python samples/build_scans.py
