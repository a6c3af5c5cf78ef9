import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

# Playwright's sync API runs an event loop in the test thread; Django's live server and
# ORM calls made from the test body are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


BROWSER_DIR = Path(__file__).resolve().parent / "browser"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Every test under tests/browser/ is marked `browser` (the default run leaves them out;
    `-m browser` runs them).

    Tests marked `postgres` need PostgreSQL (row locks, full-text search), tests marked
    `redis` the shared Redis cache. Without them they are deselected, not skipped: the
    PostgreSQL run of the suite (with REDIS_URL) runs them."""
    for item in items:
        _serialise_transactional(item)
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
        elif "browser_name" in getattr(item, "fixturenames", ()):
            # A parameter or fixture named like Playwright's (page, context, browser) pulls
            # the test into Playwright's session-scoped parametrisation, which reorders it
            # among the transactional browser tests and breaks pytest-django's ordering.
            raise pytest.UsageError(
                f"{item.nodeid} uses a Playwright fixture outside tests/browser/; "
                "rename its parameter (e.g. 'page' -> 'subpage')."
            )
    needs = set()
    if connection.vendor != "postgresql":
        needs.add("postgres")
    if not settings.CACHES["default"]["BACKEND"].startswith("django_redis."):
        needs.add("redis")
    if not needs:
        return
    kept, dropped = [], []
    for item in items:
        unmet = any(item.get_closest_marker(name) for name in needs)
        (dropped if unmet else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def _serialise_transactional(item) -> None:
    """Every transactional test (row-lock races, live-server browser tests) restores the
    rows migrations made (Wagtail's root page, collection, locale and site, the editor
    groups and workflow) and flushes without re-running post_migrate. Mixing serialised and
    plain transactional tests fails: a plain flush re-creates content types, and the next
    restore collides with them."""
    marker = item.get_closest_marker("django_db")
    kwargs = dict(marker.kwargs) if marker else {}
    if marker and marker.args:
        kwargs.setdefault("transaction", marker.args[0])
    fixtures = getattr(item, "fixturenames", ())
    transactional = kwargs.get("transaction") or "live_server" in fixtures or (
        "transactional_db" in fixtures
    )
    if transactional and not kwargs.get("serialized_rollback"):
        kwargs.update(transaction=True, serialized_rollback=True)
        item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.fixture(scope="session", autouse=True)
def _serialized_contents_for_every_connection_object(request):
    """Django keeps the serialised migration data on the connection object that created
    the test database. Playwright's sync API runs tests in a greenlet whose context sees
    another connection object, which then has nothing to restore; keep the data on the
    wrapper class so every connection object finds it."""
    if not any(item.get_closest_marker("django_db") for item in request.session.items):
        yield
        return
    request.getfixturevalue("django_db_setup")
    from django.db import connections

    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        type(connection)._test_serialized_contents = contents
    yield


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and cached pages must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password():
    return "a-Strong-test-passw0rd"


@pytest.fixture
def wagtail_root(db):
    """Wagtail's root page (made by its migration; transactional tests restore it, see
    _serialise_transactional)."""
    from wagtail.models import Page

    return Page.get_first_root_node()
