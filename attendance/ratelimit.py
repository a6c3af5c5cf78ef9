"""Check-in rate limits, counted in one Redis round trip.

django-ratelimit (kept for the sign-in pages) counts a limit with cache.add, then
cache.incr: two Redis calls per limit, so four to six per scan, each costing more Python
than the check-in's own database work (docs/attendance-performance.md). Here all the
limits of one request are counted in ONE Redis command (a small Lua script): INCR on
each limit's key for the current window, and EXPIRE when that INCR opened the window.
Fixed windows as in django-ratelimit, aligned to the clock (django-ratelimit staggers
them per key), the request counted before it is judged; a counter lives for its window
and one second more. Keys hold an HMAC of the value (keyed with SECRET_KEY), so neither
an address nor a phone's key can be read back from Redis. RATELIMIT_ENABLE=False turns
the limits off here too.

Without Redis (local memory in development and in the SQLite test run) each limit is
handed to django-ratelimit, which counts the same way in the local cache.
"""

import hashlib
import hmac
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

try:
    from django_redis.cache import RedisCache
except ImportError:  # pragma: no cover - django-redis is a dependency
    RedisCache = ()

_RATE = re.compile(r"^(\d+)/([1-9]\d*)?([smhd])\Z")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PARSED: dict[str, tuple[int, int]] = {}


def parse_rate(rate: str) -> tuple[int, int]:
    """'120/m' -> (120, 60); '5/10s' -> (5, 10): django-ratelimit's rate format."""
    parsed = _PARSED.get(rate)
    if parsed is None:
        match = _RATE.match(rate) if isinstance(rate, str) else None
        if match is None:
            raise ImproperlyConfigured(
                f"Rate limit {rate!r} is not a count per period such as 120/m or 5/10s."
            )
        count, multiplier, unit = match.groups()
        parsed = _PARSED[rate] = (int(count), int(multiplier or 1) * _UNIT_SECONDS[unit])
    return parsed


def over_limit(request, *, group: str, limits: list[tuple[str, str, str]]) -> bool:
    """Count this request against every (name, value, rate) in `limits`, e.g.
    ("ip", "203.0.113.5", "1200/m"); True when any of them is now over its rate."""
    return bool(count_and_read(request, group=group, limits=limits, read=[])[0])


def count_and_read(
    request,
    *,
    group: str,
    limits: list[tuple[str, str, str]],
    read: list[str],
    only_if_entry: bool = False,
) -> tuple[bool | None, dict]:
    """over_limit(), and the cache entries named in `read` (as cache.get_many would
    return them), in the same round trip: the scanner API reads its token's entry and
    counts the scan's limits at once.

    With `only_if_entry`, the request is counted only if read[0] is in the cache and
    read[1] (a revocation marker) is not; otherwise the answer is (None, entries) and
    the caller counts once it knows the request is genuine: a stream of made-up tokens
    must not use up a school's scanner budget."""
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return False, caches["default"].get_many(read) if read else {}
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        held = cache.get_many(read) if read else {}
        if only_if_entry and (read[0] not in held or read[1:2] and read[1] in held):
            return None, held
        limited = False
        for name, value, rate in limits:
            limited |= is_ratelimited(
                request,
                group=f"{group}:{name}",
                key=lambda _group, _request, value=value: value,
                rate=rate,
                method=ALL,
                increment=True,
            )
        return limited, held

    client = cache.client
    redis = client.get_client(write=True)
    now = int(time.time())
    keys = [client.make_key(key) for key in read]
    periods, allowed = [], []
    for name, value, rate in limits:
        count, period = parse_rate(rate)
        window = f"rl:{group}:{name}:{period}:{now // period}"
        keys.append(client.make_key(f"{window}:{keyed_digest(value)}"))
        periods.append(period + 1)
        allowed.append(count)
    replies = _script(redis)(
        keys=keys, args=[len(read), int(only_if_entry), *periods], client=redis
    )
    held = {
        key: client.decode(value)
        for key, value in zip(read, replies[: len(read)], strict=True)
        if value is not None
    }
    if len(replies) == len(read) and limits:
        return None, held  # only_if_entry, and no entry: nothing counted
    counts = replies[len(read) :]
    return any(used > count for used, count in zip(counts, allowed, strict=True)), held


def keyed_digest(value: str) -> str:
    """An HMAC of `value` keyed with SECRET_KEY (32 hex digits), for cache keys."""
    key = settings.SECRET_KEY.encode()  # type: ignore[union-attr]  # every settings set it
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]


# One command instead of a GET per entry and an INCR + EXPIRE per limit: each command
# costs redis-py more Python than Redis needs to run it. KEYS are the entries to read,
# then one counter per limit; ARGV[1] is how many entries, ARGV[2] is 1 to count only
# when the first entry exists and the second does not, then each counter's lifetime.
_COUNT_AND_READ = """
local nread = tonumber(ARGV[1])
local out = {}
for i = 1, nread do
  out[i] = redis.call('GET', KEYS[i])
end
if ARGV[2] == '1' and (not out[1] or (nread > 1 and out[2])) then
  return out
end
for i = nread + 1, #KEYS do
  local used = redis.call('INCR', KEYS[i])
  if used == 1 then
    redis.call('EXPIRE', KEYS[i], ARGV[i - nread + 2])
  end
  out[i] = used
end
return out
"""
_SCRIPT = None


def _script(redis):
    """The script, registered once per process: calling it with client= sends EVALSHA
    on that client, and loads the script again if Redis forgot it."""
    global _SCRIPT
    if _SCRIPT is None:
        _SCRIPT = redis.register_script(_COUNT_AND_READ)
    return _SCRIPT
