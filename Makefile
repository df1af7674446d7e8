# One entry point for people and CI. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# Every dependency is pinned with its hashes in the lock files, made from pyproject.toml by
# `make lock` (pip-tools): requirements.lock for the image, requirements-test.lock with the
# test tools for development and CI.
LOCK := requirements-test.lock
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(wildcard $(LOCK)) | sha1sum | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000
# Local development runs with DEBUG on (no SECRET_KEY needed) unless the caller says otherwise.
DEV_ENV := DJANGO_DEBUG=$${DJANGO_DEBUG:-true}

.PHONY: help run install setup test lint format messages seed bench clean admin api-fuzz bench-opendata lock lock-upgrade

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/bin/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && \
	    rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); \
	  else echo "Python's venv module is missing: sudo apt-get install python3-venv" >&2; exit 1; fi; }

$(STAMP): $(VENV)/bin/python pyproject.toml $(LOCK)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP) ## Create the virtual environment and install the locked dependencies and the site

# Resolved against pip's default index with this machine's pip configuration set aside, so the
# files hold no local mirror and the hashes are those of the published files.
LOCK_COMPILE := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_CONSTRAINT \
	PIP_CONFIG_FILE=/dev/null $(PY) -m piptools compile --quiet --generate-hashes --allow-unsafe \
	--strip-extras --no-emit-index-url --no-emit-find-links --all-build-deps $(LOCK_ARGS)

lock: $(VENV)/bin/python ## Update the lock files to pyproject.toml (other pins are kept)
	$(PY) -m pip install --quiet 'pip-tools>=7.4,<8'
	$(LOCK_COMPILE) --output-file requirements.lock pyproject.toml
	$(LOCK_COMPILE) --extra test --output-file requirements-test.lock pyproject.toml

lock-upgrade: ## Re-pin every dependency to the newest version pyproject.toml allows
	$(MAKE) lock LOCK_ARGS=--upgrade

setup: install ## Migrate the database and load the seed content (never overwrites staff edits)
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py seed_content

run: setup ## Serve the seeded site at http://127.0.0.1:8000 (SQLite unless DATABASE_URL is set)
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# The npm test tools (package.json): axe-core for the accessibility tests, the MDN HTTP
# Observatory for the topology stage. .npmrc turns off install scripts (none is needed).
OBSERVATORY := node_modules/@mdn/mdn-http-observatory/src/scan.js
node_modules/axe-core/axe.min.js $(OBSERVATORY) &: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent || npm install --no-audit --no-fund --silent; \
	else echo "npm not found: the accessibility checks and the Observatory grade will skip (CI installs it)"; fi

test: install node_modules/axe-core/axe.min.js ## Run the whole test suite (SQLite, or DATABASE_URL)
	$(PY) -m pytest

.PHONY: test-topology
test-topology: install $(OBSERVATORY) ## Test through nginx (TLS), two gunicorn nodes, PostgreSQL and Redis (tests/topology)
	$(PY) -m pytest -p no:cacheprovider -m topology tests/topology

.PHONY: stage stage-down backup restore
stage: install ## Start the production topology in the background: https://127.0.0.1:8443 (STAGE_HTTPS_PORT), TLS, two nodes
	$(PY) -m tests.topology.daemon up

stage-down: install ## Stop everything `make stage` started and drop its database
	$(PY) -m tests.topology.daemon down

# The stage's environment (.stage/env) unless the caller names a database: DATABASE_URL=... make backup.
SITE_ENV := if [ -z "$${DATABASE_URL:-}" ] && [ -f .stage/env ]; then set -a; . .stage/env; set +a; fi;

backup: install ## Dump the database (the stage's, or DATABASE_URL's) to backups/<UTC time>.dump (docs/serving.md)
	@$(SITE_ENV) $(DEV_ENV) $(PY) manage.py backup_database

restore: install ## Restore FILE=backups/<time>.dump into the stage (or DATABASE_URL), then refresh every cache
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/<time>.dump" >&2; exit 1; }
	@$(SITE_ENV) $(DEV_ENV) $(PY) manage.py restore_database "$(FILE)"

lint: install ## ruff check, ruff format --check, and the layer rule (docs/layers.md)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache --no-logo

format: install ## Format and autofix with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The site's languages (settings.LANGUAGES), for the catalogues.
SITE_LANGUAGES = el en ar fa fr uk sq

messages: install ## Update the .po catalogues from the code and compile them (.mo are committed)
	$(DEV_ENV) $(PY) manage.py makemessages $(foreach l,$(SITE_LANGUAGES),-l $(l)) --no-obsolete --no-location --ignore=node_modules --ignore=staticfiles --ignore=$(VENV)
	$(DEV_ENV) $(PY) manage.py compilemessages --ignore=$(VENV)

admin: install ## Create the first administrator (asks, or reads DJANGO_ADMIN_USERNAME/EMAIL/PASSWORD)
	$(DEV_ENV) $(PY) manage.py create_admin

api-fuzz: install ## Fuzz the open-data API against its OpenAPI document with many random examples
	API_FUZZ_EXAMPLES=$${API_FUZZ_EXAMPLES:-500} $(PY) -m pytest -p no:cacheprovider tests/opendata/test_openapi_conformance.py

bench-opendata: setup ## Time the open-data endpoints: built, cached and 304 (seeded database)
	$(DEV_ENV) $(PY) bench/opendata_api.py

seed: install ## Load the seed content again (idempotent)
	$(DEV_ENV) $(PY) manage.py seed_content

.PHONY: page-weight
page-weight: install ## Directorate page weight in Chromium: requests, compressed KB, blocking JS
	$(PY) bench/page_weight.py

clean: ## Remove the virtual environment, the local database and collected static files
	rm -rf $(VENV) db.sqlite3 staticfiles node_modules

.PHONY: bench-search
bench-search: install ## Benchmark site search on PostgreSQL (DATABASE_URL must name a scratch database)
	@test -n "$$DATABASE_URL" || { echo "Set DATABASE_URL=postgres://…/<scratch database>: the benchmark replaces its content" >&2; exit 1; }
	$(DEV_ENV) $(PY) bench/search.py

bench: install ## Load benchmark, production configuration (PostgreSQL scratch db + Redis) and local memory, with wrk (docs/performance.md)
	$(PY) bench/serve.py
	$(PY) bench/topology.py
	$(PY) bench/render.py

.PHONY: bench-render
bench-render: install ## Render speed: the uncached page and search vs Wagtail 7 LTS and a plain Django floor (docs/performance.md)
	$(PY) bench/render.py

.PHONY: bench-topology
bench-topology: install ## Through the shipped nginx configuration vs straight to gunicorn vs a static file
	$(PY) bench/topology.py
