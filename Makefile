# Tastybot: `make demo` and `make test` set up their own virtualenv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# tests run in parallel, one worker per CPU (pytest-xdist); PYTEST_WORKERS=0 runs them in one
PYTEST_WORKERS ?= auto

.PHONY: demo test test-sqlite lint format install clean bench lock

$(STAMP): pyproject.toml requirements/dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Tastybot needs Python 3.11 or newer (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e '.[dev,demo]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/tastybot demo

# The full suite with coverage. Uses Postgres when TEST_DATABASE_URL is set, else SQLite.
test: $(STAMP)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --cov --cov-report=term --cov-fail-under=90 \
		$(PYTEST_ARGS)

# The database-semantics tests again on the embedded SQLite: schema and migrations, sync's
# upserts and locks, grouping and edits under their row locks, the order audit chain, limits
# and signal rules (CI runs the whole suite on Postgres first; the rest drives the same
# services through the same ORM calls, and repeating it would take CI past its 30 minutes).
SQLITE_TESTS = tests/integration/db tests/integration/sync tests/integration/strategies \
	tests/integration/orders/test_audit.py tests/integration/orders/test_limits.py \
	tests/integration/signals
test-sqlite: $(STAMP)
	env -u TEST_DATABASE_URL $(BIN)/python -m pytest -n $(PYTEST_WORKERS) -m db $(SQLITE_TESTS) \
		$(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/simulator_load.py
	$(BIN)/python bench/simulator_speed.py
	$(BIN)/python bench/sync.py --accounts 3 --transactions 10000 --latency-ms 50
	$(BIN)/python bench/pnl.py --transactions 100000
	$(BIN)/python bench/strategies.py
	$(BIN)/python bench/gex.py
	$(BIN)/python bench/charts.py
	$(BIN)/python bench/orders.py --concurrency 100 --latency-ms 100
	$(BIN)/python bench/orders.py --fault-runs 200
	$(BIN)/python bench/db_calls.py

# Refresh the pinned, hashed lock files after changing dependencies in pyproject.toml.
lock:
	$(BIN)/python -m pip install --quiet 'uv>=0.4'
	$(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 \
		--python-platform x86_64-manylinux_2_28 -o requirements/prod.lock
	$(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 \
		--python-platform x86_64-manylinux_2_28 --extra demo --extra dev -o requirements/dev.lock

clean:
	rm -rf $(VENV) data/demo demo-output .pytest_cache .mypy_cache .ruff_cache .coverage
