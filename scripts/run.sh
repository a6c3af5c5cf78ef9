#!/usr/bin/env bash
# Run the site with demo data on the embedded default database (SQLite in var/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements.lock
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.dev}"
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py load_demo
.venv/bin/python manage.py site_address
echo "==> Serving on http://${LALANH_ADDR:-127.0.0.1:8000} (Ctrl+C to stop)"
exec .venv/bin/python manage.py runserver "${LALANH_ADDR:-127.0.0.1:8000}"
