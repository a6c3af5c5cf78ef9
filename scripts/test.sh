#!/usr/bin/env bash
# Install what the tests need and run the whole suite: lint, migrations check, the suite on
# SQLite, then again on PostgreSQL with Redis as the shared cache, browser tests included.
#   TEST_DATABASE_URL  PostgreSQL to test against (default: the local server)
#   TEST_REDIS_URL     Redis for the shared cache run (default: local, database 15)
#   extra arguments go to every pytest run (e.g. -x, -k name)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements-test.lock
scripts/install_system_packages.sh
scripts/start_services.sh

pg_url="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/lalanh}"
redis_url="${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"
py=.venv/bin/python
export DJANGO_SETTINGS_MODULE=config.settings.test

echo "==> ruff"
.venv/bin/ruff check .
echo "==> bandit: no high-severity finding"
.venv/bin/bandit -q -r accounts clubs sessions attendance cms config demo scripts -lll
echo "==> mypy"
.venv/bin/mypy
echo "==> migrations are complete"
DATABASE_URL="sqlite:///:memory:" $py manage.py makemigrations --check --dry-run
echo "==> tests on SQLite"
env -u DATABASE_URL -u REDIS_URL .venv/bin/pytest -q "$@"
echo "==> tests on PostgreSQL with Redis, browser tests included"
DATABASE_URL="$pg_url" REDIS_URL="$redis_url" .venv/bin/pytest -q -m "" "$@"
echo "==> two gunicorn instances and a task worker on one PostgreSQL and one Redis"
MULTI_DATABASE_URL="${pg_url%/*}/lalanh_multiserver" MULTI_REDIS_URL="$redis_url" \
  $py scripts/multi_server_check.py
echo "==> all green"
