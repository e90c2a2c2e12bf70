# Two commands: `make run` (the site with demo content on SQLite) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The Nu HTML checker for the tests, from the npm registry, pinned by version and hash.
VNU_VERSION := 26.9.27
VNU_INTEGRITY := sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA==
VNU_JAR := $(VENV)/vnu-$(VNU_VERSION).jar

.PHONY: run test bench lint format migrations messages clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: set PYTHON=python3.11 (or newer).")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

$(VNU_JAR): | $(BIN)/python
	$(BIN)/python tools/fetch_vnu.py $(VNU_VERSION) $(VNU_INTEGRITY) $@

# Development mode on SQLite (unless DATABASE_URL says otherwise).
run: export DEBUG ?= 1
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py ensure_demo_staff --url http://$(HOST):$(PORT)
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# PostgreSQL when DATABASE_URL is set, else SQLite.
test: export SECRET_KEY ?= insecure-key-for-tests-only
test: export VNU_JAR := $(abspath $(VNU_JAR))
test: $(VENV)/.installed-dev $(VNU_JAR)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# The site at 100,000 releases under load (PostgreSQL when DATABASE_URL is set, else
# SQLite); writes docs/performance.md. BENCH_ARGS="--releases 2000 --duration 3"
# for a quick run.
# The load comes from wrk (installed from Debian if it can be), else from locust.
bench: $(VENV)/.installed
	@command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null 2>&1 || \
		$(BIN)/pip install --quiet -r tools/bench/requirements.txt
	$(BIN)/python -m tools.bench.run $(BENCH_ARGS)

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations: export DEBUG ?= 1
migrations: $(VENV)/.installed-dev
	$(BIN)/python manage.py makemigrations

# The interface's Dutch catalogue: collect the marked strings into
# locale/nl/LC_MESSAGES/django.po, then, once they are translated there, compile
# django.mo. Both files are committed, so `make run` needs no gettext tools.
messages: export DEBUG ?= 1
messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || \
		{ echo "gettext is needed: apt-get install gettext"; exit 1; }
	$(BIN)/python manage.py makemessages --locale nl --no-obsolete \
		--add-location file --ignore '.venv/*' --ignore 'tests/*' \
		--ignore 'tools/*' --ignore 'seed/*' --ignore 'staticfiles/*' \
		--ignore 'media/*'
	$(BIN)/python manage.py compilemessages --locale nl

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
