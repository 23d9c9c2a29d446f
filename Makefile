# The verbs a newcomer needs. `make run` and `make test` work from a bare machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SEED ?= hip-pain-buttock-discomfort
# Tests need some SECRET_KEY because DEBUG is off in them; this one is never used outside tests. Webhook
# deliveries run in-process in tests (one test drives the real worker when REDIS_URL is set).
TEST_ENV := SECRET_KEY=$${SECRET_KEY:-test-only-not-secret} HUEY_IMMEDIATE=1
# The API versions served side by side, each with its committed schema openapi/<version>.yaml.
API_VERSIONS := v1 v2 v3 v4

.PHONY: run serve test lint format check schema editor reviewer worker superuser seed reset-db clean
.PHONY: contract clients release-contract
.PHONY: bench

# Node tools for the API contract: oasdiff (breaking-change gate), Redocly CLI (lint), and the client
# generators tests/clients/ proves (openapi-typescript, orval, @hey-api/openapi-ts) with tsc.
# `npm install` installs exactly package-lock.json; `npm ci` refuses that lock here, because the registry
# serves only oasdiff's linux-x64 package, so the lock cannot list the other platforms' optional packages.
# --ignore-scripts: no package runs code at install (npm 11 skips unapproved scripts anyway; npm 10 would run
# esbuild's, which only checks the binary its platform package already brought).
NODE_STAMP := node_modules/.installed

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm install --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

## run: development server on SQLite (or $DATABASE_URL) with the seed content, on $PORT
run: $(BIN)/.installed
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py load_seed $(SEED)
	@echo "API:   http://127.0.0.1:$(PORT)/api/v1/"
	@echo "Docs:  http://127.0.0.1:$(PORT)/api/v1/docs/  (ReDoc: /api/v1/redoc/)"
	@echo "Admin: http://127.0.0.1:$(PORT)/admin/  (make superuser for a login)"
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver 0.0.0.0:$(PORT)

## serve: production style: gunicorn (gunicorn.conf.py), DEBUG off, whitenoise static files, migrations and seed applied
serve: $(BIN)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seed $(SEED)
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	PORT=$(PORT) $(BIN)/gunicorn hipcontent.wsgi --config gunicorn.conf.py

## bench: load-test the service as `make serve` runs it, on PostgreSQL ($$BENCH_DATABASE_URL, default
##   hipcontent_bench, recreated) with the seed and then 10,000 conditions; writes docs/benchmarks.md
bench: $(BIN)/.installed
	$(BIN)/python bench/run.py

## test: the whole suite (SQLite, or PostgreSQL when DATABASE_URL is set), on every core (TEST_WORKERS=0: one process)
test: $(BIN)/.installed $(NODE_STAMP)
	$(TEST_ENV) $(BIN)/pytest -n $${TEST_WORKERS:-auto} $(PYTEST_ARGS)

## check: what CI checks besides the tests (ruff, migrations, each schema valid, the contract gate, redocly lint)
check: $(BIN)/.installed $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	for v in $(API_VERSIONS); do \
		$(TEST_ENV) $(BIN)/python manage.py spectacular --api-version $$v --validate --fail-on-warn --file /dev/null || exit 1; \
	done
	$(BIN)/python scripts/contract_check.py
	REDOCLY_SUPPRESS_UPDATE_NOTICE=true node_modules/.bin/redocly lint --config redocly.yaml \
		$(foreach v,$(API_VERSIONS),openapi/$(v).yaml)

## schema: rewrite the committed OpenAPI files from the code
schema: $(BIN)/.installed
	for v in $(API_VERSIONS); do \
		$(TEST_ENV) $(BIN)/python manage.py spectacular --api-version $$v --validate --fail-on-warn --file openapi/$$v.yaml || exit 1; \
	done

## contract: fail if openapi/vN.yaml breaks its released contract openapi/released/vN.yaml (every released N)
contract: $(BIN)/.installed $(NODE_STAMP)
	$(BIN)/python scripts/contract_check.py

## release-contract: freeze what shipped: V=vN copies openapi/vN.yaml to openapi/released/ if it keeps the old one
release-contract: $(BIN)/.installed $(NODE_STAMP)
	test -n "$(V)" -a -f openapi/$(V).yaml || { echo "usage: make release-contract V=v1"; exit 2; }
	test ! -f openapi/released/$(V).yaml || $(BIN)/python scripts/contract_check.py \
		--base openapi/released/$(V).yaml --revision openapi/$(V).yaml
	cp openapi/$(V).yaml openapi/released/$(V).yaml

## clients: generate per version into build/clients/ a Python client, TypeScript types, an orval and a
##   @hey-api/openapi-ts client; tsc the examples against the types and the two clients with --strict
clients: $(BIN)/.installed $(NODE_STAMP)
	$(BIN)/python scripts/clients.py

lint: $(BIN)/.installed
	$(BIN)/ruff check .

format: $(BIN)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## editor / reviewer: create an editor or a clinical reviewer (asks for the password)
##   make editor NAME=ann
##   make reviewer NAME=bob DISPLAY_NAME="Dr Bob Smith" CREDENTIALS="PT, DPT"
editor: $(BIN)/.installed
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py add_staff "$(NAME)" --role editor

reviewer: $(BIN)/.installed
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py add_staff "$(NAME)" --role reviewer \
		--display-name "$(DISPLAY_NAME)" --credentials "$(CREDENTIALS)"

## worker: the webhook delivery worker (Huey; on Redis when REDIS_URL is set)
worker: $(BIN)/.installed
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py run_huey

## superuser: create an admin login (asks for a password; none is fixed)
superuser: $(BIN)/.installed
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py createsuperuser

## seed: load the seed content again (creates what is missing; RESET=1 overwrites the seed items)
seed: $(BIN)/.installed
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py load_seed $(SEED) $(if $(RESET),--reset)

## reset-db: delete the local SQLite database, migrate and load the seed
reset-db: $(BIN)/.installed
	rm -f db.sqlite3
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_seed $(SEED)

clean:
	rm -rf $(VENV) staticfiles *.egg-info node_modules build
