# Research Voices. `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
DEV_ENV := DJANGO_DEBUG=true
# Where `make run` serves: `make run PORT=8001` when 8000 is taken (HOST likewise).
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint serve migrate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP) $@

migrate: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

run: migrate
	$(DEV_ENV) $(BIN)/python manage.py seed_demo
	$(DEV_ENV) $(BIN)/python manage.py createinitialrevisions articles --comment "Initial version."
	$(DEV_ENV) $(BIN)/python manage.py ensure_demo_admin --admin-url http://$(HOST):$(PORT)/admin/
	@echo "Serving on http://$(HOST):$(PORT) (Ctrl+C to stop)"
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# Production-style server: needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
serve: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/gunicorn site_project.wsgi --bind 127.0.0.1:8000 --workers 2

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
