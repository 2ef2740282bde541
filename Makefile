# Two commands matter (README): `make run` and `make test`. Everything else is a step of theirs.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
PY := .venv/bin/python
MANAGE := $(PY) manage.py
PACKAGES := config core procurement registers waira rights_requests accountability oversight packs demo
# The suite runs in parallel, a test database per worker; a module's tests stay on one worker, so
# a world built once per module (tests/module_worlds.py) is built once, while the long browser
# tests are spread one by one (tests/conftest.py groups the rest by module).
TEST_WORKERS ?= 2
PYTEST_ARGS := -n $(TEST_WORKERS) --dist loadgroup
# The project's templates and any app's own templates/ folder.
TEMPLATE_DIRS := $(strip templates $(wildcard */templates))

.PHONY: install run test checks lint coverage coverage-report bench clean uv node gettext chromium compose servers messages pdf wrk pgclient

install: .venv/.synced static/vendor/govuk-frontend/govuk-frontend.min.css messages pdf

# uv from PyPI where absent, in a small venv of its own (Debian may need python3-venv for it).
uv:
	@command -v uv >/dev/null 2>&1 || [ -x .tools/bin/uv ] || { \
		python3 -m venv .tools 2>/dev/null || { rm -rf .tools; \
			apt-get update -q && apt-get install -y -q python3-venv && python3 -m venv .tools; }; \
		.tools/bin/pip install --quiet uv; }

.venv/.synced: pyproject.toml uv.lock | uv
	$(UV) sync --frozen
	@touch $@

node:
	@command -v npm >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q nodejs npm)

node_modules/.installed: package.json package-lock.json | node
	npm ci --no-audit --no-fund
	@touch $@

static/vendor/govuk-frontend/govuk-frontend.min.css: node_modules/.installed scripts/build_frontend.py | .venv/.synced
	$(PY) scripts/build_frontend.py

gettext:
	@command -v msgfmt >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q gettext)

messages: .venv/.synced | gettext
	@$(MANAGE) compilemessages --ignore=.venv --ignore=.tools --ignore=node_modules -v0

# WeasyPrint draws PDFs with Pango; DejaVu carries every Welsh letter (ŵ, ŷ) the packs print.
pdf:
	@{ ldconfig -p | grep -q libpangoft2-1.0 && fc-list | grep -qi "DejaVu Sans"; } || \
		(apt-get update -q && apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)

chromium:
	@[ -x /usr/bin/chromium ] || (apt-get update -q && apt-get install -y -q chromium)

# tests/cross_app/test_deployment.py parses docker-compose.yml with a compose client. Where there
# is none, Debian's standalone docker-compose 1.29 is installed: it parses without a Docker
# engine, and --no-install-recommends leaves the engine (docker.io, only recommended) out.
compose:
	@docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1 || \
		(apt-get update -q && apt-get install -y -q --no-install-recommends docker-compose)

# PostgreSQL and Redis server packages, only where a service neither answers nor can be started
# as a throwaway (scripts/with_services.py).
servers: | .venv/.synced
	@pkgs="$$($(PY) scripts/with_services.py --missing-packages)"; \
		[ -z "$$pkgs" ] || (apt-get update -q && apt-get install -y -q $$pkgs)

# Runs Llais on its embedded default: SQLite and kombu's filesystem broker, no servers.
# DATABASE_URL and CELERY_BROKER_URL switch it to PostgreSQL and Redis. Ctrl-C stops it all.
run: export DJANGO_SETTINGS_MODULE := config.settings.dev
run: install
	@mkdir -p var/broker/queue var/broker/control
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) load_demo
	.venv/bin/honcho -f Procfile.dev start

# pg_dump and pg_restore: tests/cross_app/test_backup.py backs up and restores the test database
# (docs/operations.md).
pgclient:
	@{ command -v pg_dump && command -v pg_restore; } >/dev/null 2>&1 || \
		(apt-get update -q && apt-get install -y -q postgresql-client)

test: install chromium compose servers pgclient
	$(PY) scripts/with_services.py $(MAKE) --no-print-directory checks

checks: lint
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	DJANGO_ALLOW_ASYNC_UNSAFE=true .venv/bin/pytest $(PYTEST_ARGS)

# The same parallel suite under coverage (never part of `make test`): line and branch coverage of
# the project's packages, per file and in total.
coverage: install chromium compose servers pgclient
	$(PY) scripts/with_services.py $(MAKE) --no-print-directory coverage-report

coverage-report:
	rm -rf var/coverage && mkdir -p var/coverage
	DJANGO_ALLOW_ASYNC_UNSAFE=true .venv/bin/coverage run -m pytest $(PYTEST_ARGS)
	.venv/bin/coverage combine -q
	.venv/bin/coverage report
	.venv/bin/coverage json -q
	@$(PY) scripts/coverage_totals.py

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/djlint $(TEMPLATE_DIRS) --lint
	.venv/bin/mypy $(PACKAGES) tests bench scripts
	.venv/bin/lint-imports
	@echo "manage.py check --deploy (production settings, a throwaway secret key)"
	@DJANGO_SETTINGS_MODULE=config.settings.production DATABASE_URL=sqlite:///:memory: \
		DJANGO_ALLOWED_HOSTS=llais.example.org \
		DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		$(MANAGE) check --deploy --fail-level WARNING

# wrk (Debian) drives the register's throughput bench against gunicorn on loopback.
wrk:
	@command -v wrk >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q wrk)

bench: install servers wrk
	$(PY) scripts/with_services.py $(PY) bench/run.py

clean:
	rm -rf .venv .tools node_modules static/vendor var
