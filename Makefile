# The verbs a newcomer needs. `make run` and `make test` work from a bare machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SEED ?= hip-pain-buttock-discomfort
# Tests need some SECRET_KEY because DEBUG is off in them; this one is never used outside tests. Webhook
# deliveries run in-process in tests (one test drives the real worker when REDIS_URL is set).
TEST_ENV := SECRET_KEY=$${SECRET_KEY:-test-only-not-secret} HUEY_IMMEDIATE=1

.PHONY: run serve test lint format check schema editor reviewer worker superuser seed reset-db clean

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

## run: development server on SQLite (or $DATABASE_URL) with the seed content, on $PORT
run: $(BIN)/.installed
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py load_seed $(SEED)
	@echo "API:   http://127.0.0.1:$(PORT)/api/v1/"
	@echo "Docs:  http://127.0.0.1:$(PORT)/api/v1/docs/  (ReDoc: /api/v1/redoc/)"
	@echo "Admin: http://127.0.0.1:$(PORT)/admin/  (make superuser for a login)"
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver 0.0.0.0:$(PORT)

## serve: production style: gunicorn, DEBUG off, whitenoise static files, migrations and seed applied
serve: $(BIN)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seed $(SEED)
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn hipcontent.wsgi --bind 0.0.0.0:$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

## test: the whole suite (SQLite, or PostgreSQL when DATABASE_URL is set)
test: $(BIN)/.installed
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

## check: what CI checks besides the tests
check: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(BIN)/python manage.py spectacular --api-version v1 --validate --fail-on-warn --file /dev/null

## schema: rewrite the committed OpenAPI files from the code
schema: $(BIN)/.installed
	$(TEST_ENV) $(BIN)/python manage.py spectacular --api-version v1 --validate --fail-on-warn --file openapi/v1.yaml

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
	rm -rf $(VENV) staticfiles *.egg-info
