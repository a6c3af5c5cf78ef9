"""Django's PostgreSQL backend, with a health check that costs no round trip on a
connection the server answered moments ago.

With CONN_HEALTH_CHECKS, Django asks a kept connection `SELECT 1` before the first query
of every request, so that a PostgreSQL restart costs no request a 500. That is one more
round trip on every request: on a scan, one of its three statements
(docs/attendance-performance.md). This check skips it only when both hold:
- the server answered a query on this connection in the last TRUST_SECONDS; and
- nothing is waiting on the socket (asked with poll(), no wait): a server going away
  (a restart, pg_terminate_backend, idle_session_timeout) says so and closes the socket,
  which a busy worker sees at its next request.
A server that vanished without a word (a host rebooted, a failover) is seen only by
sending something; a connection idle for longer than TRUST_SECONDS gets Django's own
`SELECT 1`, so only requests within those seconds of the failure can meet it, and they
would have met it in the middle of the request anyway. A connection that psycopg knows
to be closed, that is left inside a transaction, or whose socket cannot be polled gets
Django's own check.
"""

import select
import time

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus

TRUST_SECONDS = 2.0
_clock = time.monotonic


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.answered_at = float("-inf")
        # Django's documented query instrumentation: every query the server answers
        # renews the trust.
        self.execute_wrappers.append(self._note_answer)

    def _note_answer(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        self.answered_at = _clock()
        return result

    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed:
            return False
        if (
            connection.info.transaction_status == TransactionStatus.IDLE
            and _clock() - self.answered_at < TRUST_SECONDS
            and _quiet(connection.fileno())
        ):
            return True
        usable = super().is_usable()
        if usable:
            self.answered_at = _clock()
        return usable


def _quiet(fd: int) -> bool:
    """Whether nothing is waiting to be read on the socket; False when it cannot tell."""
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        return not poller.poll(0)
    except (AttributeError, OSError, ValueError):  # no poll() on Windows
        return False
