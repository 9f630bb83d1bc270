# 信息报送门户 — the two commands: `make serve` and `make test` (`make test-fast` skips the slow tests).
# Every target runs `python tools/dev.py TARGET` (standard library only), which Windows runs without make:
# `py tools\dev.py serve`. `serve`, `build`, `check` and `bench` install only requirements.txt into .venv;
# `test` adds requirements-test.txt. `make bundle OUT=DIR` writes the offline install bundle.
PY ?= python3
VENV ?= .venv
OUT ?= offline-bundle
DEV := $(PY) tools/dev.py --venv $(VENV)

.PHONY: serve test test-fast build check bench bundle clean

## Serve the portal on the demo content at http://127.0.0.1:8000/ (runtime dependencies only)
serve:
	$(DEV) serve

## Lint, type-check and run every test (incl. real builds, the browser tests and the offline install)
test:
	$(DEV) test

## The same without the tests marked slow (LibreOffice, Chromium, pip/venv, nginx, servers): for quick rounds
test-fast:
	$(DEV) test-fast

build:
	$(DEV) build

check:
	$(DEV) check

bench:
	$(DEV) bench

bundle:
	$(DEV) bundle -o $(OUT)

clean:
	$(DEV) clean
