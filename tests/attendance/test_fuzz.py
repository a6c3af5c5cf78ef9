"""Hypothesis throws random and near-miss input at every parser a phone can reach: the
answer is a 4xx with a reason, never a 5xx, and no attendance is ever written."""

import datetime
import string
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from attendance import tokens
from attendance.errors import CheckInError
from attendance.models import Attendance, CheckinNonce, PupilDevice, RefusedScan
from attendance.services import CLOCK_SKEW

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

def with_nul(strategy):
    """Text with a NUL byte somewhere in it: PostgreSQL refuses those in any text column."""
    return st.tuples(strategy, st.integers(0, 80)).map(
        lambda t: t[0][: t[1]] + "\x00" + t[0][t[1]:]
    )


# Scan times at the edges of the calendar, in the furthest time zones (year 1 at +14:00 is
# year 0 in UTC, 9999-12-31 at -14:00 is year 10000), and around the offline window.
EDGE_ZONES = [datetime.timezone(datetime.timedelta(hours=h)) for h in (14, -14, 0, 7)]
SCAN_TIMES = st.one_of(
    st.text(max_size=30),
    with_nul(st.text(max_size=30)),
    st.datetimes().map(str),
    st.datetimes(timezones=st.sampled_from(EDGE_ZONES)).map(lambda d: d.isoformat()),
    st.sampled_from(["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"]),
    st.timedeltas(
        min_value=datetime.timedelta(days=-5), max_value=datetime.timedelta(hours=1)
    ).map(lambda d: (timezone.now() + d).isoformat()),
    st.none(),
)
SESSION = "<the session's id>"  # replaced by the test's session id before sending
ITEM = st.fixed_dictionaries(
    {},
    optional={
        "session_id": st.one_of(
            st.just(SESSION), st.integers(), st.text(max_size=5), st.none()
        ),
        "card": st.one_of(
            st.text(max_size=400), with_nul(st.text(max_size=40)), st.integers(), st.none()
        ),
        "nonce": st.one_of(
            st.text(max_size=70), with_nul(st.uuids().map(str)), st.uuids().map(str)
        ),
        "scanned_at": SCAN_TIMES,
    },
)


# A well-formed scan of this session, with only the card and the time fuzzed: the
# refusal is stored, so the time must have been checked first.
SCAN = st.fixed_dictionaries(
    {
        "session_id": st.just(SESSION),
        "card": st.text(URL_SAFE, min_size=16, max_size=64),
        "nonce": st.uuids().map(lambda u: u.hex),
        "scanned_at": SCAN_TIMES,
    }
)
EDGE_SCANS = [
    {"session_id": SESSION, "card": "n0t-a-card-0123456789", "nonce": f"edge-{n}-0123",
     "scanned_at": t}
    for n, t in enumerate(["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
]


def _with_session(value, session_id):
    if value == SESSION:
        return session_id
    if isinstance(value, list):
        return [_with_session(v, session_id) for v in value]
    if isinstance(value, dict):
        return {k: _with_session(v, session_id) for k, v in value.items()}
    return value


@FUZZ
@given(
    body=st.one_of(
        JSON, ITEM, SCAN,
        st.fixed_dictionaries({"items": st.lists(st.one_of(ITEM, SCAN), max_size=3)}),
    )
)
@example(body=EDGE_SCANS[0])
@example(body={"items": EDGE_SCANS})
def test_api_payloads_never_fail_and_check_nobody_in(client, session, leader, body):
    client.force_login(leader)
    body = _with_session(body, session.pk)
    for url in ("/api/attendance/checkins", "/api/attendance/checkins/batch"):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code < 500, response.content
    assert not Attendance.objects.exists()
    # Refusals of a leader's scans are kept (that is the point), but never twice per nonce,
    # and never with a time outside the offline window.
    assert RefusedScan.objects.count() <= CheckinNonce.objects.count()
    max_age = datetime.timedelta(hours=django_settings.ATTENDANCE_OFFLINE_MAX_AGE_HOURS)
    margin = datetime.timedelta(minutes=5)  # the clock ran on since the scans
    believable = (timezone.now() - max_age - margin, timezone.now() + CLOCK_SKEW)
    assert not RefusedScan.objects.exclude(scanned_at=None).exclude(
        scanned_at__range=believable
    ).exists()
    # Whatever was sent, the leader's roster, its live fragment and the live API open.
    for url in (
        f"/en/attendance/sessions/{session.pk}/",
        f"/en/attendance/sessions/{session.pk}/live/",
        f"/api/attendance/sessions/{session.pk}/live",
    ):
        assert client.get(url).status_code == 200, url


@FUZZ
@given(
    nonce=st.one_of(
        st.text(max_size=80), with_nul(st.text(max_size=20)), with_nul(st.uuids().map(str)),
        st.uuids().map(str),
    ),
    chosen=st.one_of(st.none(), st.text(max_size=8), with_nul(st.text(max_size=4))),
)
def test_a_leaders_card_link_form_never_fails(client, session, leader, member, nonce, chosen):
    client.force_login(leader)
    data = {"nonce": nonce, "session": session.pk if chosen is None else chosen}
    response = client.post(f"/checkin/card/{member[1].secret}/", data)
    assert response.status_code < 500
    assert all(tokens.NONCE_RE.fullmatch(n) for n in CheckinNonce.objects.values_list(
        "nonce", flat=True
    ))
