# The two commands: `make run` and `make test`. Both work on a fresh machine
# that has Python 3.11+ and make; everything else is installed into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck pytest screenshots docs clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "onward needs Python 3.11 or newer: run make PYTHON=python3.11 (or newer)")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	@# An editable install leaves onward's own modules uncompiled; where PYTHONDONTWRITEBYTECODE is set,
	@# every command would compile them again (about 100 ms of each CLI start).
	$(BIN)/python -m compileall -q onward >/dev/null
	@touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	$(BIN)/python -m compileall -q onward >/dev/null
	@touch $@ $(VENV)/.installed-run

## run: install into .venv, apply migrations and start onward on 127.0.0.1:8000
run: $(VENV)/.installed-run
	$(BIN)/onward serve --host $(HOST) --port $(PORT)

## test: install with the test extras, then ruff, mypy and pytest (SQLite, PostgreSQL, Chromium)
test: lint typecheck pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: $(VENV)/.installed-test
	$(BIN)/python -m tests.suite

## screenshots: regenerate the README's screenshots (needs Chromium)
screenshots: $(VENV)/.installed-test
	$(BIN)/python -m scripts.screenshots

## docs: regenerate the settings table in docs/configuration.md
docs: $(VENV)/.installed-test
	$(BIN)/python -m scripts.settings_docs

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
