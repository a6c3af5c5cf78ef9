"""Django's PostgreSQL backend, with a health check that costs no round trip when there
is nothing to check.

With CONN_HEALTH_CHECKS, Django asks a kept connection `SELECT 1` before the first query
of every request, so that a PostgreSQL restart costs no request a 500. That is one more
round trip on every request: on a scan, a third of the database's share
(docs/attendance-performance.md). A kept connection between two requests is idle: the
server writes to it only to say it is going away (a restart, an administrator's
pg_terminate_backend, idle_session_timeout), and then closes it. So the check first asks
the socket, without a round trip, whether anything came; only then does it ask the
server (SELECT 1, which reads and reports what came). A connection that psycopg already
knows to be broken, or that is left inside a transaction, is handled as Django's own check
would handle it. What no check can see in advance, a link that dropped without a word (no
FIN, no message), SELECT 1 would not have answered either.
"""

import select

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        if connection.info.transaction_status != TransactionStatus.IDLE:
            return super().is_usable()
        try:
            waiting, _, _ = select.select([connection.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        return super().is_usable() if waiting else True
