# Two commands for a newcomer: `make demo` and `make test`. Everything else is a helper.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run

.PHONY: demo test check setup lint bench docs clean

# The program alone (for the demo), and the program with its test and lint tools (for `make test`).
$(RUN_STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	$(BIN)/python -m compileall -q src/afterword  # an editable install compiles nothing; PYTHONDONTWRITEBYTECODE may be set
	$(BIN)/python -m afterword.cli.prepare  # the regular expressions of draft, check and plan, compiled ahead
	touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(RUN_STAMP)
	$(BIN)/afterword draft examples/northwind-panel.toml --now 2026-11-27T19:30:00+00:00

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# The whole set-up, then `check`: the system packages (installed when run as root, else the command
# to install them is printed and nothing runs), the venv, and a throw-away PostgreSQL for the run.
test:
	@PY=$(PY) bash .ci/system-deps.sh
	@$(MAKE) --no-print-directory $(STAMP)
	@bash .ci/with-postgres.sh $(MAKE) --no-print-directory check

# Lint, types, contracts and the tests, without the set-up (PostgreSQL from AFTERWORD_TEST_PG_URL).
check: lint
	$(BIN)/pytest

# The quick benchmarks; bench/store_seed.py and bench/web_speed.py seed 10,000 interviews (minutes).
bench: $(STAMP)
	$(BIN)/python bench/ratios.py --quick  # start-up, checker per draft and batch, panels: every ratio in one table
	$(BIN)/python bench/compose_speed.py
	$(BIN)/python bench/interop_speed.py

docs: $(STAMP)
	$(BIN)/python -m afterword.cli.docs > docs/cli.md
	$(BIN)/python -m afterword.check.docs > docs/rules.md

clean:
	rm -rf $(VENV) build *.egg-info
