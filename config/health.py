"""/healthz: 200 when this process can serve, 503 with the reason when it cannot.

For a load balancer, a process manager or the deploy steps (README): the database answers,
every migration the code knows is applied, and Redis answers when REDIS_URL is set. Each
check has a short timeout (the database's connect_timeout, Redis's socket timeouts), so
the answer comes within 5 s even when a server hangs; any failure is a 503, never a 500.
"""

import logging

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)

REDIS_TIMEOUT_SECONDS = 1.0
_known_migrations: set[tuple[str, str]] | None = None


def _migrations_on_disk() -> set[tuple[str, str]]:
    """Every migration this code has (read once a process: files do not change under a
    running server)."""
    global _known_migrations
    if _known_migrations is None:
        _known_migrations = set(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)
    return _known_migrations


def _database_problem() -> str | None:
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        applied = set(MigrationRecorder(connection).applied_migrations())
    except DatabaseError as error:
        logger.warning("health: database unavailable: %s", type(error).__name__)
        return "database unavailable"
    missing = _migrations_on_disk() - applied
    if missing:
        logger.warning("health: %d migrations not applied", len(missing))
        return f"{len(missing)} migrations not applied"
    return None


def _redis_problem() -> str | None:
    url = getattr(settings, "REDIS_URL", None)
    if not url:
        return None
    client = redis.Redis.from_url(
        url,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
        retry=Retry(NoBackoff(), 0),  # one try: redis-py retries three times by default
    )
    try:
        client.ping()
    except (redis.RedisError, OSError) as error:
        logger.warning("health: redis unavailable: %s", type(error).__name__)
        return "redis unavailable"
    finally:
        client.close()
    return None


@never_cache
@require_safe
def healthz(request):
    problems = [p for p in (_database_problem(), _redis_problem()) if p]
    if problems:
        return JsonResponse({"status": "unavailable", "problems": problems}, status=503)
    return JsonResponse({"status": "ok"})


class HealthCheckMiddleware:
    """Answers /healthz before anything else runs: a load balancer or the systemd unit
    asks by the server's own address (127.0.0.1:8001), over plain HTTP, which
    ALLOWED_HOSTS and the HTTPS redirect would otherwise refuse. First in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)
