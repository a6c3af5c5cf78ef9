#!/usr/bin/env bash
# Prove a backup restores: load DUMP into a new, empty database, check that no migration
# is missing, and compare the row count of every table with the source database.
#   DATABASE_URL=postgres://.../source scripts/restore_drill.sh DUMP
# Exits non-zero, naming the table, when anything differs. Drops the drill database after.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?Set DATABASE_URL to the source PostgreSQL database}"
dump="${1:?Give the .dump file to restore}"
base="${DATABASE_URL%/*}"
drill_db="lalanh_restore_drill_$$"
drill_url="$base/$drill_db"
admin_url="$base/postgres"

psql -q -v ON_ERROR_STOP=1 "$admin_url" -c "CREATE DATABASE $drill_db"
trap 'psql -q "$admin_url" -c "DROP DATABASE IF EXISTS $drill_db" >/dev/null' EXIT
pg_restore --no-owner --exit-on-error --dbname="$drill_url" "$dump"

DATABASE_URL="$drill_url" .venv/bin/python manage.py migrate --check >/dev/null \
  || { echo "restore drill: migrations missing or unapplied in the restored database" >&2; exit 1; }

count_rows() {
  # One query counts every table (query_to_xml runs a count per table server-side).
  psql -At -F ' ' "$1" -c "
    SELECT table_name,
           (xpath('/row/c/text()',
                  query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name),
                               false, true, '')))[1]::text
    FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
}
diff <(count_rows "$DATABASE_URL") <(count_rows "$drill_url") \
  || { echo "restore drill: row counts differ (source < > restored)" >&2; exit 1; }
echo "restore drill: $(count_rows "$drill_url" | wc -l) tables restored with equal row counts"
