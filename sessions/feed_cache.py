"""Built calendar bodies, shared between workers and readers through the cache (Redis in
production) under a hash of *everything* they are built from: every column of every row a
feed shows, and of the rows joined to it (select_related), plus the calendar's name and
language. Another scope, or an older state of the data, has another key and never finds
a body that is not its own. The ETag stored with a body is a strong hash of its bytes.

A revalidating client costs one narrow query (values, no model instances) and a cache
read; the calendar is built only when the data changed."""

import hashlib

from django.core.cache import cache
from django.db.models import QuerySet

from sessions.ical import build_calendar

FEED_CACHE_SECONDS = 60 * 60


def _columns(model, related: dict, prefix: str = "") -> list[str]:
    columns = [prefix + field.attname for field in model._meta.concrete_fields]
    for name, deeper in sorted(related.items()):
        target = model._meta.get_field(name).related_model
        columns += _columns(target, deeper, f"{prefix}{name}__")
    return columns


def _value(row, column: str):
    *path, attname = column.split("__")
    for name in path:
        row = getattr(row, name)
        if row is None:
            return None
    return getattr(row, attname)


def _key(values, *, name: str, language: str) -> str:
    digest = hashlib.sha256(repr((name, language)).encode())
    for row in values:
        digest.update(repr(row).encode())
    return f"lalanh:feed-body:{digest.hexdigest()}"


def feed_body(sessions: QuerySet, *, name: str, language: str) -> tuple[str, bytes]:
    """(ETag, body) of the calendar of ``sessions``. The queryset may join rows with
    select_related only (a prefetch would escape the key)."""
    if sessions._prefetch_related_lookups or not isinstance(  # type: ignore[attr-defined]
        sessions.query.select_related, dict
    ):
        raise ValueError("feed_body needs a queryset with named select_related only")
    columns = _columns(sessions.model, sessions.query.select_related)
    cached = cache.get(_key(sessions.values_list(*columns), name=name, language=language))
    if cached is not None:
        return cached
    # Key the body by the rows it is built from (the data may have changed since the
    # narrow read above).
    rows = list(sessions)
    key = _key((tuple(_value(row, c) for c in columns) for row in rows), name=name,
               language=language)
    body = build_calendar(rows, name=name)
    etag = '"' + hashlib.sha256(body).hexdigest() + '"'
    cache.set(key, (etag, body), FEED_CACHE_SECONDS)
    return etag, body
