# Two entry points for a fresh machine: `make demo` and `make test`. Each builds the virtual
# environment from pyproject.toml first, so nothing has to be installed by hand.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
STORE ?= somnotes-store

# The sources are compiled to bytecode, as an installed package has them: an editable install
# leaves none, and where Python may not write it (PYTHONDONTWRITEBYTECODE) every run would compile
# somnotes again.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q -x '^\./(\.git|$(VENV))/' .
	touch $@

.PHONY: install demo test fuzz lint typecheck bench samples
install: $(BIN)/.installed

demo: $(BIN)/.installed
	$(BIN)/somnotes ingest samples --store $(STORE)
	$(BIN)/somnotes summary --store $(STORE)
	$(BIN)/somnotes stalled --store $(STORE)

# The test command (README, .ci/run): lint and type check first, then the tests.
test: lint typecheck
	$(BIN)/python -m pytest

# The property tests on examples drawn anew (`make test` draws the same ones every run): a
# failure is a note or table no run has read before, kept as a regression once understood.
FUZZ_EXAMPLES ?= 200
fuzz: $(BIN)/.installed
	FUZZ_RANDOM=1 FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -x tests/test_fuzz.py \
		tests/test_grid_cells.py tests/test_layout_property.py -k "not random_run" --hypothesis-show-statistics

lint: $(BIN)/.installed
	$(BIN)/ruff check

# The repository root IS the package `somnotes` (pyproject: package-dir), so mypy cannot find it
# by its name from here: it runs from a folder where `somnotes` is a link to this one.
TYPECHECK_DIR = $(VENV)/typecheck
typecheck: $(BIN)/.installed
	mkdir -p $(TYPECHECK_DIR) && ln -sfn $(CURDIR) $(TYPECHECK_DIR)/somnotes
	cd $(TYPECHECK_DIR) && $(abspath $(BIN))/mypy --config-file $(CURDIR)/pyproject.toml

bench: $(BIN)/.installed
	$(BIN)/python bench/benchmark.py

samples: $(BIN)/.installed
	$(BIN)/python samples/build_samples.py
	$(BIN)/python samples/build_other_bodies.py
	$(BIN)/python tests/fixtures/build_fixtures.py
	$(BIN)/python tests/fixtures/hazards/build_hazards.py
	$(BIN)/python samples/build_series.py
	$(BIN)/python samples/build_scans.py
