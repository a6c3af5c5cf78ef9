"""The client's address behind reverse proxies (accounts/ip.py): what the lock-out and
the rate limits count."""

import pytest

from accounts.ip import client_ip, limit_address
from tests.factories.accounts import LeaderUserFactory


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy configured: the header is the client's
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a forged left part is ignored
        (2, "203.0.113.9, 10.0.0.7", "203.0.113.9"),  # two proxies, each appending
        (2, "203.0.113.9", "10.0.0.1"),  # fewer hops than proxies: not through ours
        (1, "", "10.0.0.1"),  # a direct request, e.g. a health check
        (1, "not-an-address", None),  # our proxy never writes that: no address
        (1, "203.0.113.9:5123", "203.0.113.9"),  # a load balancer that adds the port
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "::ffff:203.0.113.9", "203.0.113.9"),  # IPv4 through an IPv6 socket
    ],
)
def test_the_address_is_the_one_our_outermost_proxy_saw(
    rf, settings, proxies, forwarded, expected
):
    settings.PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_a_request_without_an_address_counts_as_none(rf, settings):
    settings.PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="")
    assert client_ip(request) is None
    assert limit_address(request) == "0.0.0.0"  # noqa: S104


def test_ipv4_clients_behind_an_ipv6_socket_keep_their_own_limits(rf, settings):
    settings.PROXY_COUNT = 0
    one = rf.get("/", REMOTE_ADDR="::ffff:203.0.113.9")
    other = rf.get("/", REMOTE_ADDR="::ffff:198.51.100.7")
    assert limit_address(one) == "203.0.113.9" != limit_address(other)


def test_an_ipv6_phone_is_limited_by_its_network(rf, settings):
    settings.PROXY_COUNT = 0
    one = rf.get("/", REMOTE_ADDR="2001:db8:1:2:aaaa::1")
    other = rf.get("/", REMOTE_ADDR="2001:db8:1:2:bbbb::9")
    assert limit_address(one) == limit_address(other) == "2001:db8:1:2::"


@pytest.mark.django_db
def test_behind_the_proxy_a_lock_out_stays_with_the_address_that_failed(
    client, password, settings
):
    settings.PROXY_COUNT = 1
    LeaderUserFactory(username="cohoa")
    attacker = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    teacher = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/accounts/login/", {"username": "cohoa", "password": "x"}, **attacker)
    locked = client.post(
        "/en/accounts/login/", {"username": "cohoa", "password": password}, **attacker
    )
    assert locked.status_code == 429
    # The teacher at school signs in: the proxy's own address is not what was locked.
    response = client.post(
        "/en/accounts/login/", {"username": "cohoa", "password": password}, **teacher
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
