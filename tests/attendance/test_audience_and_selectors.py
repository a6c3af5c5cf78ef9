"""Check-in follows the clubs and sessions apps' rules: who is expected at a session
(guest clubs, a whole school), consent, anonymised pupils; and the hand-written hot-path
reads answer exactly what the ORM / the other apps' selectors answer."""

import datetime

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from attendance import selectors
from attendance.checkin_read import checkin_facts
from attendance.models import Attendance, CheckinSettings, Method, RefusedScan
from attendance.services import checkin_record, scanner_device_create
from attendance.tokens import sha256
from clubs.models import GuardianConsent
from clubs.services import pupil_anonymise
from sessions.access import may_run_checkin
from sessions.models import ClubSession
from sessions.selectors import expected_pupil_ids
from tests.factories.attendance import (
    CHECKIN_QUERIES_IN_A_TRANSACTION,
    CheckinSessionFactory,
    member_with_card,
    paired_phone,
    refused_code,
    scan,
)
from tests.factories.clubs import (
    ClubFactory,
    LeaderAssignmentFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.django_db
URL = "/api/attendance/checkins"


# --- Audience ---------------------------------------------------------------------------


def test_a_guest_clubs_member_is_accepted_and_expected(session, leader):
    guest = ClubFactory()
    session.audience = ClubSession.Audience.CLUBS
    session.save()
    session.guest_clubs.add(guest)
    pupil, card = member_with_card(guest)
    assert scan(session, card, leader).outcome == "ok"
    state = selectors.live_state(session)
    assert state["counts"]["expected"] == 1 and state["counts"]["in"] == 1


def test_a_pupil_of_an_uninvited_club_is_refused_at_a_several_clubs_session(session, leader):
    session.audience = ClubSession.Audience.CLUBS
    session.save()
    session.guest_clubs.add(ClubFactory())
    _pupil, card = member_with_card(ClubFactory())
    assert refused_code(lambda: scan(session, card, leader)) == "not_member"
    assert not Attendance.objects.exists()


def test_a_member_of_any_club_of_the_school_is_accepted_at_a_whole_school_session(leader):
    school = SchoolFactory()
    organiser = ClubFactory(school=school)
    session = CheckinSessionFactory(
        club=organiser, audience=ClubSession.Audience.SCHOOL, school=school
    )
    LeaderAssignmentFactory(club=organiser, user=leader)
    pupil, card = member_with_card(ClubFactory(school=school))
    assert scan(session, card, leader).outcome == "ok"
    # Same answer as the sessions app's own rule.
    assert pupil.pk in expected_pupil_ids(session)
    _other, far_card = member_with_card(ClubFactory())
    assert refused_code(lambda: scan(session, far_card, leader)) == "not_member"


def test_a_phone_checks_a_guest_club_pupil_in_too(session):
    guest = ClubFactory()
    session.audience = ClubSession.Audience.CLUBS
    session.save()
    session.guest_clubs.add(guest)
    pupil, _card = member_with_card(guest)
    device, _key = paired_phone(pupil)
    result = checkin_record(session=session, method=Method.PROJECTOR, pupil_device=device)
    assert result.outcome == "ok" and result.pupil_id == pupil.pk


def test_absentees_include_guest_club_members(session):
    guest = ClubFactory()
    session.guest_clubs.add(guest)
    pupil, _card = member_with_card(guest)
    from attendance.services import attendance_mark_absentees

    later = session.ends_at + datetime.timedelta(hours=3)
    assert attendance_mark_absentees(session=session, now=later) == 1
    assert Attendance.objects.get().pupil == pupil


# --- Anonymised pupils ------------------------------------------------------------------


def test_an_anonymised_pupils_phone_can_no_longer_check_in(session, member, leader):
    pupil, _card = member
    device, key = paired_phone(pupil)
    pupil_anonymise(pupil=pupil, by=leader)
    # A phone object loaded before the erasure is refused by the locked read...
    code = refused_code(
        lambda: checkin_record(session=session, method=Method.PROJECTOR, pupil_device=device)
    )
    assert code == "not_paired"
    # ...and the phone's cookie no longer finds it at all.
    assert selectors.pupil_device_by_key(key=key) is None
    assert not Attendance.objects.exists()
    assert RefusedScan.objects.get().code == "not_paired"


def test_an_anonymised_pupils_card_reads_as_unknown(session, member, leader):
    pupil, card = member
    pupil_anonymise(pupil=pupil, by=leader)
    assert refused_code(lambda: scan(session, card, leader)) == "card_unknown"
    assert not Attendance.objects.exists()


def test_an_anonymised_pupil_is_not_expected(session, member, leader):
    pupil_anonymise(pupil=member[0], by=leader)
    assert selectors.live_state(session)["counts"]["expected"] == 0


# --- The read's own rules: tests/attendance/test_checkin_read_rules.py ----------------


def test_an_unknown_card_reads_as_nothing(session):
    today = timezone.localdate()
    assert checkin_facts(session_id=session.pk, today=today, card_secret="x" * 32) is None


def test_the_locked_read_refreshes_a_stale_session(session, member, leader):
    stale = selectors.session_for_checkin(session_id=session.pk)
    ClubSession.objects.filter(pk=session.pk).update(status=ClubSession.Status.CANCELLED)
    assert refused_code(lambda: scan(stale, member[1], leader)) == "session_cancelled"
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("role", ["leader", "other_leader", "staff", "pupil"])
def test_the_apis_session_read_follows_the_sessions_apps_rule(session, leader, role):
    from tests.factories.accounts import UserFactory

    user = {
        "leader": leader,
        "other_leader": LeaderAssignmentFactory(club=ClubFactory()).user,
        "staff": UserFactory(role="centre_staff"),
        "pupil": UserFactory(role="pupil"),
    }[role]
    found = selectors.session_for_actor(session_id=session.pk, user=user)
    assert (found is not None) == may_run_checkin(user, session)
    if found is not None:
        assert selectors.checkin_window(found) == selectors.checkin_window(session)


def test_an_ended_leader_assignment_closes_the_api(session, member):
    assignment = LeaderAssignmentFactory(club=session.club)
    assignment.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    assignment.starts_on = assignment.ends_on - datetime.timedelta(days=30)
    assignment.save()
    assert selectors.session_for_actor(session_id=session.pk, user=assignment.user) is None


# --- API: cached answers never outlive the rules ----------------------------------------


def test_a_cancelled_session_refuses_scans_at_once_despite_the_cache(session, leader):
    _device, token = scanner_device_create(user=leader, name="Cửa 1")
    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def post(card):
        body = {"session_id": session.pk, "card": card.secret, "nonce": sha256(card.secret)[:20]}
        return client.post(URL, body, content_type="application/json", **headers)

    assert post(member_with_card(session.club)[1]).status_code == 200
    ClubSession.objects.filter(pk=session.pk).update(status=ClubSession.Status.CANCELLED)
    refused = post(member_with_card(session.club)[1])
    assert refused.status_code == 409 and refused.json()["code"] == "session_cancelled"
    assert Attendance.objects.count() == 1


def test_queries_per_token_api_check_in_are_pinned(
    session, leader, django_assert_max_num_queries
):
    _device, token = scanner_device_create(user=leader, name="Cửa 1")
    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    cards = [member_with_card(session.club)[1] for _ in range(2)]

    def post(card):
        body = {"session_id": session.pk, "card": card.secret, "nonce": sha256(card.secret)[:20]}
        assert client.post(URL, body, content_type="application/json", **headers).json()[
            "outcome"
        ] == "ok"

    post(cards[0])  # first use: token and may-run answers are read and cached
    with django_assert_max_num_queries(6) as ctx:
        post(cards[1])
    real = [q for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]]
    # In the test's transaction: the lock (its own statement on PostgreSQL), the read,
    # then the INSERTs.
    assert len(real) == CHECKIN_QUERIES_IN_A_TRANSACTION[connection.vendor], real


def test_the_consent_date_counts(session, leader):
    pupil, card = member_with_card(session.club)
    GuardianConsent.objects.filter(pupil=pupil).update(
        given_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    assert refused_code(lambda: scan(session, card, leader)) == "consent_missing"


def test_transaction_holds_the_pupil_lock_only_inside(session, member, leader):
    # The read outside a transaction still works (no lock is needed to read).
    with transaction.atomic():
        read = checkin_facts(
            session_id=session.pk, today=timezone.localdate(), card_secret=member[1].secret
        )
    assert read.pupil_id == member[0].pk


def test_a_request_in_flight_during_revocation_cannot_revive_the_token(session, leader):
    from django.core.cache import cache

    from attendance.services import scanner_device_revoke
    from attendance.tokens import scanner_cache_key

    device, token = scanner_device_create(user=leader, name="Cửa 3")
    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    body = {"session_id": session.pk, "card": member_with_card(session.club)[1].secret,
            "nonce": "in-flight-1"}
    assert client.post(URL, body, content_type="application/json", **headers).status_code == 200
    stale = cache.get(scanner_cache_key(device.token_hash))
    scanner_device_revoke(device=device)
    # A request that read the entry just before the revocation writes it back after.
    cache.set(scanner_cache_key(device.token_hash), stale, 30)
    body = {"session_id": session.pk, "card": member_with_card(session.club)[1].secret,
            "nonce": "in-flight-2"}
    assert client.post(URL, body, content_type="application/json", **headers).status_code == 401
    assert Attendance.objects.count() == 1


def test_a_column_added_while_the_site_runs_does_not_shift_the_session_settings(
    session, member
):
    """Deploys migrate first and reload the web processes after: in between, the running
    processes must still read the check-in settings right."""
    from django.db import connection

    CheckinSettings.objects.create(session=session, late_after_minutes=3, opens_minutes_before=7)
    today = timezone.localdate()

    def read():
        facts = checkin_facts(session_id=session.pk, today=today, pupil_id=member[0].pk)
        return facts.session, selectors.session_for_pupil_checkin(session_id=session.pk)

    before = read()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test's own transaction holds deferred foreign-key checks.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE club_sessions_clubsession ADD COLUMN room varchar(20) NULL")
    after = read()
    for facts, ref in (before, after):
        assert (facts.late_after_minutes, facts.opens_minutes_before) == (3, 7)
        assert ref.title == session.title
