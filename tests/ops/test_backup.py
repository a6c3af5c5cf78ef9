"""A backup is only a backup once it has been restored: the drill runs on every CI run."""

import os
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from tests.factories.clubs import MembershipFactory

ROOT = Path(__file__).resolve().parent.parent.parent
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def database_url():
    s = connection.settings_dict
    host = s.get("HOST") or "127.0.0.1"
    port = s.get("PORT") or 5432
    auth = s.get("USER") or "postgres"
    if s.get("PASSWORD"):
        auth += f":{s['PASSWORD']}"
    return f"postgres://{auth}@{host}:{port}/{s['NAME']}"


def run(script, *args, tmp_path):
    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(tmp_path / "media")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [str(ROOT / "scripts" / script), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )


def test_backup_restores_into_an_empty_database_with_equal_row_counts(tmp_path):
    MembershipFactory.create_batch(3)
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "worksheet.pdf").write_bytes(b"%PDF-1.4 demo")

    backup = run("backup.sh", str(tmp_path / "backups"), tmp_path=tmp_path)
    assert backup.returncode == 0, backup.stderr
    dump = Path(backup.stdout.strip().splitlines()[-1])
    assert dump.exists() and dump.stat().st_size > 0
    assert list((tmp_path / "backups").glob("*-media.tar.gz"))

    drill = run("restore_drill.sh", str(dump), tmp_path=tmp_path)
    assert drill.returncode == 0, drill.stderr + drill.stdout
    assert "equal row counts" in drill.stdout


def test_restore_drill_fails_when_the_backup_is_stale(tmp_path):
    backup = run("backup.sh", str(tmp_path / "backups"), tmp_path=tmp_path)
    dump = Path(backup.stdout.strip().splitlines()[-1])
    MembershipFactory()  # written after the backup: the drill must notice the difference

    drill = run("restore_drill.sh", str(dump), tmp_path=tmp_path)
    assert drill.returncode != 0
    assert "row counts differ" in drill.stderr
    assert "clubs_membership" in drill.stdout
