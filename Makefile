# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint format bench messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## demo: seed the demo company into ./stampla.db and serve on http://127.0.0.1:8000
demo: $(STAMP)
	$(BIN)/stampla db upgrade
	$(BIN)/stampla demo
	$(BIN)/stampla serve --host 127.0.0.1 --port 8000

## test: run every test (PostgreSQL too when STAMPLA_TEST_POSTGRES_URL is set)
test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

## bench: measure ingest, latency and attest; figures are appended to bench/RESULTS.md
bench: $(STAMP)
	$(BIN)/python -m bench ingest
	$(BIN)/python -m bench latency
	$(BIN)/python -m bench attest
	$(BIN)/python -m bench flood

## messages: extract the pages' marked text and update the Swedish catalog (then translate)
LOCALE := src/stampla/web/locale
messages: $(STAMP)
	$(BIN)/pybabel extract --no-location -F babel.cfg -o $(LOCALE)/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i $(LOCALE)/messages.pot -d $(LOCALE) -l sv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
