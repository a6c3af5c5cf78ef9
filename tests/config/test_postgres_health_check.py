"""config.postgresql: a kept connection is checked before a request reuses it, and the
check asks the server only when the server wrote to the idle connection."""

import time

import psycopg
import pytest
from django.db import close_old_connections, connection, connections

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _server_side(sql, params=()):
    """Run `sql` on a connection of its own (another backend, as an administrator's)."""
    settings = connection.settings_dict
    with psycopg.connect(
        dbname=connection.settings_dict["NAME"], user=settings["USER"] or None,
        password=settings["PASSWORD"] or None, host=settings["HOST"] or None,
        port=settings["PORT"] or None, autocommit=True,
    ) as other:
        return other.execute(sql, params).fetchall()


def test_the_backend_is_ours():
    assert connection.vendor == "postgresql"
    assert type(connections["default"]).__module__ == "config.postgresql.base"


def test_a_connection_the_server_ended_is_replaced_before_a_request_uses_it():
    # What Django does when a request starts (the test client skips it): close_old_connections.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    pid = connection.connection.info.backend_pid
    assert _server_side("SELECT pg_terminate_backend(%s)", [pid]) == [(True,)]
    time.sleep(0.2)  # the server's goodbye reaches the socket
    close_old_connections()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def test_a_healthy_connection_is_checked_without_a_round_trip():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'the last statement'")
    pid = connection.connection.info.backend_pid
    assert connection.is_usable()
    rows = _server_side("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
    assert rows == [("SELECT 'the last statement'",)]


def test_a_connection_left_in_a_failed_transaction_is_not_usable():
    connection.ensure_connection()
    raw = connection.connection
    raw.autocommit = False
    try:
        with pytest.raises(psycopg.errors.DivisionByZero):
            raw.execute("SELECT 1 / 0")
        assert not connection.is_usable()
    finally:
        raw.rollback()
        raw.autocommit = True
