#!/usr/bin/env bash
# Install everything the project needs from nothing: a virtualenv with the locked Python
# packages, the locked npm packages, compiled translations. Safe to run again: each step
# is skipped when what it installs is already current.
#   scripts/setup.sh [requirements.lock|requirements-test.lock]
set -euo pipefail
cd "$(dirname "$0")/.."

lock="${1:-requirements.lock}"
python="${PYTHON:-python3}"

if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
  echo "Python 3.11 is needed (found: $("$python" --version 2>&1)). Set PYTHON=/path/to/python3.11." >&2
  exit 1
fi
if ! command -v npm >/dev/null; then
  echo "Node.js and npm are needed for the front-end packages (apt-get install nodejs npm)." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> Creating the virtualenv in .venv"
  "$python" -m venv .venv
fi
stamp=".venv/.installed-$(basename "$lock")-$(sha256sum "$lock" | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "==> Installing Python packages from $lock"
  # PyICU (Vietnamese name order, clubs/collation.py) is built against Debian's ICU.
  pkg-config --exists icu-i18n 2>/dev/null || scripts/install_system_packages.sh libicu-dev pkg-config g++
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$lock"
  rm -f .venv/.installed-"$(basename "$lock")"-*
  touch "$stamp"
fi

# WeasyPrint (certificates, the printable report) draws with Debian's Pango and the Noto
# fonts, which carry Vietnamese and Arabic; without them only the PDFs fail.
scripts/install_system_packages.sh libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core \
  || echo "PDF certificates and reports need those Debian packages." >&2

npm_stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
if [ ! -f "$npm_stamp" ]; then
  echo "==> Installing front-end packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$npm_stamp"
fi

.venv/bin/python scripts/compile_translations.py
