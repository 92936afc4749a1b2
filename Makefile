# Everyday tasks. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
LISTS := $(SHARED)/data/lists
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help install browser postgres docs-tools demo test lint typecheck bench check clean faketime test-clock

help:  ## List the tasks
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# setup.py compiles some of yalu.screening (mypyc): an edit there builds them again.
$(BIN)/yalu: pyproject.toml setup.py $(wildcard src/yalu/screening/*.py)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@$(BIN)/yalu --version  # says whether the matcher compiled: pip --quiet hides why not
	@touch $@

install: $(BIN)/yalu  ## Create .venv and install yalu with every extra and the dev tools

demo: install  ## Load the lists in ../shared into the local database and screen a name
	$(BIN)/yalu lists load $(LISTS)/UN_consolidated.xml $(LISTS)/ofac_sdn_2021 $(LISTS)/ofac_cons_nonsdn_2025 $(LISTS)/bis_dpl_2023.txt \
	  $(LISTS)/eu_fsf_sample.xml $(LISTS)/uk_sanctions_list_sample.xml $(LISTS)/au_dfat_consolidated_2024-11.xlsx $(LISTS)/ca_sema_2020-04.xml
	$(BIN)/yalu lists status
	$(BIN)/yalu screen "Korea Ryonbong General Corporation" --limit 3

browser:  ## Install Debian's chromium and a CJK font for the web-page tests (Playwright drives it)
	@{ command -v chromium && dpkg -s fonts-noto-cjk; } >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium and fonts-noto-cjk for the browser tests"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

postgres:  ## Install Debian's PostgreSQL server binaries for the store tests (a throwaway cluster)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "Installing Debian's postgresql for the store tests"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

docs-tools:  ## Install the Debian tools the console blocks of the docs call (curl, jq, sqlite3, openssl, nginx)
	@{ command -v curl && command -v jq && command -v sqlite3 && command -v openssl && command -v nginx; } >/dev/null 2>&1 || { \
	  echo "Installing Debian's curl, jq, sqlite3, openssl and nginx for the docs examples"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl jq sqlite3 openssl nginx-light >/dev/null; }

test: install browser postgres docs-tools  ## Run the whole test suite (needs ../shared beside the repo)
	$(BIN)/python -m pytest -n 2

faketime:  ## Install Debian's faketime for the clock check (`make test-clock`)
	@command -v faketime >/dev/null 2>&1 || { \
	  echo "Installing Debian's faketime for the clock check"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq faketime >/dev/null; }

CLOCK_AHEAD ?= +370d
test-clock: install browser postgres docs-tools faketime  ## The whole suite again, the clock moved a year ahead
	faketime -f $(CLOCK_AHEAD) $(BIN)/python -m pytest -n 2 -q -p no:cacheprovider

lint: install  ## Ruff and the import-layer contract
	$(BIN)/ruff check src tests benchmarks scripts setup.py
	$(BIN)/ruff format --check src tests benchmarks scripts setup.py
	$(BIN)/lint-imports

typecheck: install  ## mypy --strict over src
	$(BIN)/mypy src

bench: install  ## Print benchmark figures (screening and displacement)
	$(BIN)/python benchmarks/run_all.py

check: lint typecheck test  ## What CI runs: lint, types, then the tests

.PHONY: docs docs-check
docs: install docs-tools  ## Run every console block of README.md and docs/ and write the real outputs in
	$(BIN)/python scripts/docs_examples.py --write

docs-check: install docs-tools  ## Fail with a diff when a console block of the docs is stale
	$(BIN)/python scripts/docs_examples.py --check

clean:  ## Remove the virtual environment, caches and what setup.py compiled
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/yalu_matcher__mypyc*.so src/yalu/screening/*.so src/yalu/screening/compiled_sources.json
