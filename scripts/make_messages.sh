#!/usr/bin/env bash
# Refresh the translation catalogues from the code and templates (needs GNU gettext).
# Then fill in the new msgstr entries in locale/*/LC_MESSAGES/django.po.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python manage.py makemessages --no-obsolete --no-location \
  -l vi -l fr -l ar \
  --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=test-artifacts
.venv/bin/python manage.py makemessages -d djangojs --no-obsolete --no-location \
  -l vi -l fr -l ar \
  --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=test-artifacts \
  --ignore='static/vendor/*'
.venv/bin/python scripts/compile_translations.py
