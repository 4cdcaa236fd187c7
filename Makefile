# The two commands a new user runs: `make demo` and `make test`. Each sets up .venv on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	@echo "== copyedit fix --diff seeds/ (what copyedit proposes; nothing is written) =="
	@$(BIN)/copyedit fix --diff seeds/ || [ $$? -eq 1 ]

test: $(VENV)/.installed
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check copyedit tests bench
	$(BIN)/ruff format --check copyedit tests bench

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
