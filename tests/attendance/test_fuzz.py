"""Hypothesis throws random and near-miss input at every parser a phone can reach: the
answer is a 4xx with a reason, never a 5xx, and no attendance is ever written."""

import string
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attendance import tokens
from attendance.errors import CheckInError
from attendance.models import Attendance, CheckinNonce, PupilDevice, RefusedScan

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
URL_SAFE = string.ascii_letters + string.digits + "-_.:~"


def token_like():
    """Random text, and variations on a real token (cut, extended, a character changed)."""
    real = st.builds(lambda: tokens.projector_token_make(session_id=1))
    mutated = (
        st.tuples(real, st.integers(0, 80), st.text(URL_SAFE, min_size=1, max_size=5))
        .map(lambda t: (t[0], t[0][: t[1]] + t[2] + t[0][t[1] + len(t[2]):]))
        .filter(lambda pair: pair[0] != pair[1])
        .map(lambda pair: pair[1])
    )
    return st.one_of(st.text(max_size=120), st.text(URL_SAFE, max_size=120), mutated)


@FUZZ
@given(token_like())
def test_the_projected_token_parser_only_ever_refuses(token):
    try:
        tokens.projector_token_parse(token, session_id=1)
    except CheckInError as error:
        assert error.code in {"token_invalid", "token_expired", "token_other_session"}


@FUZZ
@given(st.one_of(st.text(max_size=400), st.integers(), st.none(), st.binary(max_size=50)))
def test_the_card_secret_parser_only_ever_refuses(raw):
    try:
        cleaned = tokens.card_secret_clean(raw)
    except CheckInError as error:
        assert error.code == "card_unknown"
    else:
        assert tokens.CARD_SECRET_RE.match(cleaned)


@FUZZ
@given(st.one_of(st.text(max_size=20), st.text("0123456789 ", max_size=9)))
def test_the_typed_code_parser_only_ever_refuses(code):
    try:
        tokens.typed_code_match(code, session_ids=[1, 2, 3])
    except CheckInError as error:
        assert error.code == "code_invalid"


@FUZZ
@given(token=token_like())
def test_projected_urls_never_fail_and_write_nothing(client, session, member, token):
    client.post(f"/checkin/card/{member[1].secret}/")
    path = quote(token, safe="") or "x"
    response = client.get(f"/checkin/p/{path}/")
    assert response.status_code < 500
    assert not Attendance.objects.exists() and not RefusedScan.objects.exists()


@FUZZ
@given(secret=st.one_of(st.text(max_size=80), st.text(URL_SAFE, min_size=16, max_size=64)))
def test_card_urls_never_fail_and_check_nobody_in(client, session, secret):
    path = quote(secret, safe="") or "x"
    assert client.get(f"/checkin/card/{path}/").status_code < 500
    assert client.post(f"/checkin/card/{path}/").status_code < 500
    assert not Attendance.objects.exists() and not PupilDevice.objects.exists()


@FUZZ
@given(code=st.text(max_size=30))
def test_typed_codes_never_fail_and_write_nothing(client, session, member, code):
    client.post(f"/checkin/card/{member[1].secret}/")
    assert client.post("/checkin/code/", {"code": code}).status_code < 500
    assert not Attendance.objects.exists()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=10,
)
ITEM = st.fixed_dictionaries(
    {},
    optional={
        "session_id": st.one_of(st.integers(), st.text(max_size=5), st.none()),
        "card": st.one_of(st.text(max_size=400), st.integers(), st.none()),
        "nonce": st.one_of(st.text(max_size=70), st.uuids().map(str)),
        "scanned_at": st.one_of(st.text(max_size=30), st.datetimes().map(str), st.none()),
    },
)


@FUZZ
@given(body=st.one_of(JSON, ITEM, st.fixed_dictionaries({"items": st.lists(ITEM, max_size=3)})))
def test_api_payloads_never_fail_and_check_nobody_in(client, session, leader, body):
    client.force_login(leader)
    for url in ("/api/attendance/checkins", "/api/attendance/checkins/batch"):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code < 500, response.content
    assert not Attendance.objects.exists()
    # Refusals of a leader's scans are kept (that is the point), but never twice per nonce.
    assert RefusedScan.objects.count() <= CheckinNonce.objects.count()
