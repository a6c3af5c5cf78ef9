"""config.postgresql: a kept connection is checked before a request reuses it, and the
check asks the server only when it has not answered for a while or wrote to the idle
connection."""

import select

import psycopg
import pytest
from django.db import close_old_connections, connection, connections

from config.postgresql import base

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _server_side(sql, params=()):
    """Run `sql` on a connection of its own (another backend, as an administrator's)."""
    settings = connection.settings_dict
    with psycopg.connect(
        dbname=settings["NAME"], user=settings["USER"] or None,
        password=settings["PASSWORD"] or None, host=settings["HOST"] or None,
        port=settings["PORT"] or None, autocommit=True,
    ) as other:
        return other.execute(sql, params).fetchall()


def _last_statement(pid):
    return _server_side("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])


def _run(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def test_the_backend_is_ours():
    assert connection.vendor == "postgresql"
    assert type(connections["default"]).__module__ == "config.postgresql.base"


def test_a_connection_the_server_ended_is_replaced_before_a_request_uses_it():
    _run("SELECT 1")
    pid = connection.connection.info.backend_pid
    assert _server_side("SELECT pg_terminate_backend(%s)", [pid]) == [(True,)]
    # Wait (up to 5 s) for the server's goodbye to reach the socket.
    select.select([connection.connection.fileno()], [], [], 5)
    close_old_connections()  # what Django does when a request starts
    assert _run("SELECT pg_backend_pid()")[0] != pid


@pytest.fixture
def frozen_clock(monkeypatch):
    """The backend's clock, stopped: "just answered" does not depend on the machine's
    speed between two statements."""
    now = base._clock()
    monkeypatch.setattr(base, "_clock", lambda: now)


def test_a_connection_the_server_just_answered_is_checked_without_a_round_trip(frozen_clock):
    _run("SELECT 'the last statement'")
    pid = connection.connection.info.backend_pid
    assert connection.is_usable()
    assert _last_statement(pid) == [("SELECT 'the last statement'",)]


def test_a_connection_idle_for_a_while_is_asked_by_the_server(frozen_clock):
    _run("SELECT 'the last statement'")
    pid = connection.connection.info.backend_pid
    connection.answered_at -= base.TRUST_SECONDS + 1  # the last answer, moved back
    assert connection.is_usable()
    assert _last_statement(pid) == [("SELECT 1",)]
    # The server answered: trusted again for TRUST_SECONDS.
    _run("SELECT 'again'")
    assert connection.is_usable()
    assert _last_statement(pid) == [("SELECT 'again'",)]


def test_a_socket_that_cannot_be_polled_falls_back_to_the_servers_answer(monkeypatch):
    _run("SELECT 'the last statement'")
    pid = connection.connection.info.backend_pid
    assert not base._quiet(-1)
    monkeypatch.setattr(base, "_quiet", lambda fd: False)
    assert connection.is_usable()
    assert _last_statement(pid) == [("SELECT 1",)]


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
