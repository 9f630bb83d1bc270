# 信息报送门户 — the two commands: `make serve` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build check lint bench clean

$(BIN)/.installed: requirements.txt requirements-test.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

## Serve the portal on the demo content at http://127.0.0.1:8000/
serve: $(BIN)/.installed
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

## Lint, type-check and run every test (incl. real builds and the browser tests)
test: $(BIN)/.installed
	$(BIN)/ruff check portal build_stats.py tests bench tools
	$(BIN)/ruff format --check portal build_stats.py tests bench tools
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

build: $(BIN)/.installed
	$(BIN)/mkdocs build --strict

check: $(BIN)/.installed
	$(BIN)/python build_stats.py check

bench: $(BIN)/.installed
	$(BIN)/python bench/run.py

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache test-artifacts
