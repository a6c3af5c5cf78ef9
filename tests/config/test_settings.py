"""Start-up refuses a missing or malformed environment value with a message naming it,
and production settings pass Django's deployment checklist."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
GOOD_PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "lalanh.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/lalanh",
}


def manage(*args, env):
    # The test run's own environment (its database, DJANGO_ALLOW_ASYNC_UNSAFE for the
    # browser tests) must not leak into the settings under test.
    dropped = {*GOOD_PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=GOOD_PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DJANGO_SECRET_KEY", None, "DJANGO_SECRET_KEY"),
        ("DJANGO_SECRET_KEY", "short", "DJANGO_SECRET_KEY"),
        ("ALLOWED_HOSTS", "", "ALLOWED_HOSTS"),
        ("REDIS_URL", None, "REDIS_URL"),
        ("REDIS_URL", "localhost:6379", "REDIS_URL"),
        ("DATABASE_URL", "mysql-ish://nowhere", "DATABASE_URL"),
        ("DATABASE_URL", "sqlite:///var/x.sqlite3", "DATABASE_URL"),
        ("SECURE_SSL_REDIRECT", "maybe", "SECURE_SSL_REDIRECT"),
        ("SECURE_HSTS_SECONDS", "a year", "SECURE_HSTS_SECONDS"),
    ],
)
def test_production_start_up_names_the_bad_variable(variable, value, message):
    env = dict(GOOD_PRODUCTION_ENV)
    if value is None:
        env.pop(variable)
    else:
        env[variable] = value
    result = manage("check", env=env)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr.splitlines()[-1]


def test_development_defaults_to_sqlite_in_var_vietnamese_and_saigon_time():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['NAME'], s.LANGUAGE_CODE, s.TIME_ZONE)",
        env={"DJANGO_SETTINGS_MODULE": "config.settings.dev"},
    )
    assert result.returncode == 0, result.stderr
    name, language, zone = result.stdout.split()[-3:]
    assert name.endswith("var/lalanh.sqlite3")
    assert (language, zone) == ("vi", "Asia/Ho_Chi_Minh")


def test_passwords_hash_with_argon2_outside_tests():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.parametrize(("switch", "expected"), [(None, "True"), ("false", "None")])
def test_postgresql_binds_on_the_server_unless_switched_off(switch, expected):
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.dev",
           "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/lalanh"}
    if switch is not None:
        env["DATABASE_PREPARED_STATEMENTS"] = switch
    result = manage(
        "shell", "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default'].get('OPTIONS', {}).get('server_side_binding'))",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == expected


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_prepares_a_statement_a_connection_runs_often():
    from django.db import connection

    from clubs.models import Pupil

    for _ in range(6):
        Pupil.objects.filter(pk=1).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('"clubs_pupil"' in statement for statement in prepared), prepared
