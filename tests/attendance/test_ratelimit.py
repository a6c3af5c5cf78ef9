"""The check-in limits: django-ratelimit's counting, in one Redis command when Redis is
the cache (attendance/ratelimit.py)."""

import hashlib
import uuid
from unittest.mock import patch

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured

from attendance.ratelimit import count_and_read, over_limit, parse_rate
from attendance.services import scanner_device_create
from attendance.tokens import sha256
from tests.factories.attendance import member_with_card

URL = "/api/attendance/checkins"


@pytest.mark.parametrize(
    ("rate", "parsed"), [("120/m", (120, 60)), ("5/10s", (5, 10)), ("1000/h", (1000, 3600))]
)
def test_rates_are_read_like_django_ratelimit(rate, parsed):
    assert parse_rate(rate) == parsed


@pytest.mark.parametrize("rate", ["", "120", "120/x", "many/m", "-1/m", "5/0m", "5/m\n", None])
def test_a_malformed_rate_is_named_in_the_error(rate):
    with pytest.raises(ImproperlyConfigured, match="Rate limit"):
        parse_rate(rate)


def test_entries_come_back_with_the_counts(rf):
    cache = caches["default"]
    cache.set("lalanh-test-entry", {"device": 7}, 30)
    request = rf.get("/")
    limited, held = count_and_read(
        request, group="t", limits=[("ip", "192.0.2.1", "2/m")],
        read=["lalanh-test-entry", "lalanh-test-missing"],
    )
    assert held == {"lalanh-test-entry": {"device": 7}}
    assert not limited

    def hit(address):
        return count_and_read(request, group="t", limits=[("ip", address, "2/m")], read=[])[0]

    assert [hit("192.0.2.1"), hit("192.0.2.1")] == [False, True]
    # Another address has its own count.
    assert hit("192.0.2.2") is False


@pytest.mark.redis
@pytest.mark.django_db
def test_the_counters_in_redis_expire_with_their_window(client, session, leader):
    """Every counter is created with a lifetime, so Redis does not fill up with old
    windows, and none holds the phone key or address it counts."""
    _device, token = scanner_device_create(user=leader, name="Cửa 1")
    _pupil, card = member_with_card(session.club)
    response = client.post(
        URL,
        {"session_id": session.pk, "card": card.secret, "nonce": uuid.uuid4().hex},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200
    redis = caches["default"].client.get_client(write=True)
    counters = [k.decode() for k in redis.keys("*rl:api-checkin:*")]
    assert len(counters) == 2  # per address and per device
    plain_hashes = [hashlib.sha256(v.encode()).hexdigest()[:32] for v in ("127.0.0.1", token)]
    for key in counters:
        assert 0 < redis.ttl(key) <= 61
        assert "127.0.0.1" not in key and sha256(token) not in key
        # Keyed with the site's secret: an address cannot be found by hashing them all.
        assert not any(h in key for h in plain_hashes)


@pytest.mark.redis
def test_entries_and_every_limit_take_one_round_trip_to_redis(rf):
    from redis.connection import Connection

    cache = caches["default"]
    cache.set("lalanh-test-entry", {"device": 7}, 30)
    limits = [("ip", "192.0.2.1", "5/m"), ("user", "7", "5/m"), ("phone", "k", "5/m")]
    with patch.object(Connection, "send_packed_command", autospec=True,
                      side_effect=Connection.send_packed_command) as sent:
        limited, held = count_and_read(
            rf.get("/"), group="t", limits=limits, read=["lalanh-test-entry", "x"]
        )
    assert held == {"lalanh-test-entry": {"device": 7}} and limited is False
    assert sent.call_count == 1


@pytest.mark.redis
def test_without_its_entry_a_request_is_not_counted_until_the_caller_knows_it(rf):
    request = rf.get("/")
    limits = [("ip", "192.0.2.9", "1/m")]
    for _ in range(3):
        limited, held = count_and_read(
            request, group="t2", limits=limits, read=["absent-entry", "absent-marker"],
            only_if_entry=True,
        )
        assert (limited, held) == (None, {})
    assert over_limit(request, group="t2", limits=limits) is False


def test_a_malformed_rate_setting_stops_start_up(settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.ATTENDANCE_RATE_PER_PHONE = "ten a minute"
    with pytest.raises(SystemCheckError, match="ATTENDANCE_RATE_PER_PHONE"):
        call_command("check")
