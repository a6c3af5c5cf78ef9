#!/usr/bin/env bash
# Back up the PostgreSQL database (pg_dump custom format) and the uploaded media.
#   DATABASE_URL=postgres://... scripts/backup.sh [DIR]     (default DIR: var/backups)
# Writes DIR/lalanh-<UTC timestamp>.dump and DIR/lalanh-<UTC timestamp>-media.tar.gz.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?Set DATABASE_URL to the PostgreSQL database to back up}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "DATABASE_URL must be a PostgreSQL URL (SQLite: copy var/lalanh.sqlite3 while the site is stopped)" >&2; exit 2 ;;
esac
dir="${1:-var/backups}"
media="${MEDIA_ROOT:-var/media}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$dir"
chmod 700 "$dir"
pg_dump --format=custom --no-owner --file="$dir/lalanh-$stamp.dump" "$DATABASE_URL"
if [ -d "$media" ]; then
  tar -czf "$dir/lalanh-$stamp-media.tar.gz" -C "$media" .
fi
echo "$dir/lalanh-$stamp.dump"
