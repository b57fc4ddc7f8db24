# The portal's everyday commands. `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Where the running site is reached: links in review e-mails and the printed admin URL.
BASE_URL ?= http://$(HOST):$(PORT)
RUN_ENV = BASE_URL=$(BASE_URL) ALLOWED_HOSTS=$(HOST),127.0.0.1,localhost
PYTEST_ARGS ?=

.PHONY: run run-debug install npm migrate demo test test-sqlite test-postgres lint services-start services-stop clean messages screenshots

## make run: the portal on http://$(HOST):$(PORT) with SQLite, embedded search and demo content,
## as residents see it in production (DEBUG off: Chinese 404/500 pages; portal.settings.run).
## make run-debug: the same with DEBUG on (Django's technical error pages) for developers.
run: SETTINGS = portal.settings.run
run-debug: SETTINGS = portal.settings.dev
run run-debug: install npm
	$(RUN_ENV) DJANGO_SETTINGS_MODULE=$(SETTINGS) $(PY) manage.py migrate --noinput
	$(RUN_ENV) DJANGO_SETTINGS_MODULE=$(SETTINGS) $(PY) manage.py seed_demo
	$(RUN_ENV) DJANGO_SETTINGS_MODULE=$(SETTINGS) $(PY) manage.py demo_accounts
	@echo "Site: $(BASE_URL)/"
	$(RUN_ENV) DJANGO_SETTINGS_MODULE=$(SETTINGS) $(PY) manage.py runserver $(HOST):$(PORT)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet ".[test]"
	touch $(STAMP)

install: $(STAMP)

npm:
	@if [ -f package.json ]; then \
		if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then npm ci --no-audit --no-fund --loglevel=error; fi; \
	fi

## make test: provisions PostgreSQL and Elasticsearch, then runs every check and the whole
## suite twice: on SQLite and on PostgreSQL.
test: install npm
	bash scripts/system-deps.sh
	$(MAKE) --no-print-directory services-start
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

# Browser tests need committed data (live server + transactional database); they run in a pytest
# process of their own so that the database flushes between them never meet the other tests.
# Exit code 5 ("no tests collected") is fine when PYTEST_ARGS selects no browser test.
define run_suite
	$(1) $(PY) -m pytest -m "not browser" $(PYTEST_ARGS)
	$(1) $(PY) -m pytest -m browser $(PYTEST_ARGS) || [ $$? -eq 5 ]
endef

test-sqlite:
	@echo "== test suite on SQLite =="
	$(call run_suite,)

test-postgres:
	@echo "== test suite on PostgreSQL =="
	$(call run_suite,DATABASE_URL=$$(bash scripts/postgres.sh url))

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run --noinput

## make screenshots: full-page PNGs of every public page type at 360, 390 and 1366 px from the
## demo site (its own SQLite file and port) into .cache/screenshots/; prints their paths.
SCREENSHOT_PORT ?= 8077
SCREENSHOT_ARGS ?=
screenshots: install npm
	$(PY) scripts/screenshots.py --port $(SCREENSHOT_PORT) $(SCREENSHOT_ARGS)

## make messages: refresh and compile the Simplified Chinese catalog after changing UI text.
messages: install
	$(PY) scripts/messages.py

services-start:
	bash scripts/postgres.sh start
	bash scripts/elasticsearch.sh start

services-stop:
	-bash scripts/elasticsearch.sh stop
	-bash scripts/postgres.sh stop

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media staticfiles .pytest_cache .ruff_cache

# ---------------------------------------------------------------------------------------------
# Production stack on this machine, benchmarks and load tests (issue 5: operations).
# Every server listens on 127.0.0.1 only; state and logs live under $PORTAL_CACHE_DIR.
# ---------------------------------------------------------------------------------------------
BENCH_ARGS ?=

.PHONY: serve serve-stop serve-status bench-pages bench-load bench-fault bench-relevance bench-voices bench-motions bench-peer bench-cpu

## make serve: gunicorn (WEB_WORKERS) + PostgreSQL + Redis + Elasticsearch + task worker with
## production settings on http://127.0.0.1:$(PORT); make serve-stop stops it.
serve: install npm
	bash scripts/stack.sh start

serve-stop:
	bash scripts/stack.sh stop

serve-status:
	bash scripts/stack.sh status

## make bench-pages: server time, p95 and SQL queries per page type (10× demo data on PostgreSQL),
## then wrk throughput against gunicorn: static file, uncached and cached pages.
bench-pages: install npm
	$(PY) bench/pages.py $(BENCH_ARGS)

## make bench-load: 200 connections for 60 s over a mix of pages; errors and worker memory.
bench-load: install npm
	$(PY) bench/load.py $(BENCH_ARGS)

## make bench-fault: stop and restart Elasticsearch, then Redis, under load; status codes per phase.
bench-fault: install npm
	$(PY) bench/fault.py $(BENCH_ARGS)

## make bench-voices: 200 residents write, confirm and track at once (网上联络站) on gunicorn with
## its own SQLite file, then on a fresh PostgreSQL database when DATABASE_URL is set: server
## time per step, zero lost, zero duplicated, zero 5xx.
bench-voices: install npm
	$(PY) bench/voices_load.py $(BENCH_ARGS)

## make bench-motions: the suggestions list (代表建议) at 10,000 items on SQLite, then on a fresh
## PostgreSQL database when DATABASE_URL is set: p95 server time and queries per page, uncached,
## against the notice list at the same volume in the same run.
bench-motions: install npm
	$(PY) bench/motions_list.py $(BENCH_ARGS)

## make bench-peer: the portal beside wagtail/bakerydemo in one run (gunicorn, 2 workers, SQLite,
## production settings, wrk): req/s per page type and the ratios. BAKERYDEMO = a git clone of
## wagtail/bakerydemo (default .cache/bakerydemo, cloned from GitHub when missing).
BAKERYDEMO ?= .cache/bakerydemo
BENCH_SECONDS ?= 10
bench-peer: install npm
	@test -e $(BAKERYDEMO) || git clone -q https://github.com/wagtail/bakerydemo.git $(BAKERYDEMO)
	bash bench/peer.sh $(BAKERYDEMO) $(BENCH_SECONDS)

## make bench-cpu: CPU ms (time.process_time) and SQL queries per uncached page in process, on a
## seeded SQLite demo database; stable on a loaded machine. BENCH_ARGS="--profile station" for cProfile.
bench-cpu: install npm
	$(PY) bench/profile_pages.py $(BENCH_ARGS)

## make bench-search: Elasticsearch vs embedded search benchmark (BENCH_DOCS=100000 for the full run);
## BENCH_AGAINST=REV: Elasticsearch query latency of this checkout against revision REV, alternated in
## one sitting (bench/search_versus.py).
BENCH_AGAINST ?=
bench-search: install
ifeq ($(BENCH_AGAINST),)
	$(PY) bench/search_bench.py
else
	$(PY) bench/search_versus.py --against $(BENCH_AGAINST) $(BENCH_ARGS)
endif

## make bench-relevance: judged resident queries on both backends and stock Wagtail search:
## nDCG@10, Hit@3, MRR (BENCH_DISTRACTORS=10000 distractor publications by default).
bench-relevance: install
	$(PY) bench/relevance.py
