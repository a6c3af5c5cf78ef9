import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from attendance.errors import MESSAGES, CheckInError
from attendance.models import Attendance, CheckinNonce, CheckinSettings, Method, RefusedScan
from attendance.selectors import session_for_checkin
from attendance.services import (
    attendance_mark,
    attendance_mark_absentees,
    checkin_record,
    checkin_undo,
    guest_record,
)
from clubs.models import GuardianConsent
from sessions.models import ClubSession
from tests.factories.attendance import (
    CHECKIN_QUERIES_IN_A_TRANSACTION,
    CheckinSessionFactory,
    member_with_card,
    paired_phone,
    refused_code,
    scan,
)
from tests.factories.clubs import ClubFactory, MemberCardFactory

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
START = datetime.datetime(2024, 10, 5, 14, 0, tzinfo=HCM)


@pytest.fixture
def fixed_session(db):
    return CheckinSessionFactory(starts_at=START, ends_at=START + datetime.timedelta(hours=2))


# --- Success, duplicates, lateness ------------------------------------------------------


def test_a_scanned_card_checks_the_member_in(session, member, leader):
    pupil, card = member
    result = scan(session, card, leader)
    assert result.outcome == "ok"
    assert result.status == "present"
    row = Attendance.objects.get(session=session, pupil=pupil)
    assert (row.status, row.method, row.recorded_by) == ("present", "card", leader)


def test_a_second_scan_is_a_friendly_duplicate_with_the_first_time(session, member, leader):
    with time_machine.travel(session.starts_at - datetime.timedelta(minutes=1), tick=False):
        scan(session, member[1], leader)
    with time_machine.travel(session.starts_at + datetime.timedelta(minutes=30), tick=False):
        again = scan(session, member[1], leader)
    assert again.outcome == "duplicate"
    first = timezone.localtime(session.starts_at - datetime.timedelta(minutes=1))
    assert f"{first:%H:%M}" in again.message
    assert Attendance.objects.count() == 1
    assert Attendance.objects.get().status == "present"


def test_arriving_after_the_late_limit_is_late(fixed_session):
    _pupil, card = member_with_card(fixed_session.club)
    with time_machine.travel(START + datetime.timedelta(minutes=11), tick=False):
        assert scan(fixed_session, card, None).status == "late"


def test_arriving_just_at_the_late_limit_is_present(fixed_session):
    _pupil, card = member_with_card(fixed_session.club)
    with time_machine.travel(START + datetime.timedelta(minutes=10), tick=False):
        assert scan(fixed_session, card, None).status == "present"


def test_the_late_limit_is_configurable_per_session(fixed_session):
    CheckinSettings.objects.create(session=fixed_session, late_after_minutes=30)
    fixed_session.refresh_from_db()
    _pupil, card = member_with_card(fixed_session.club)
    with time_machine.travel(START + datetime.timedelta(minutes=20), tick=False):
        assert scan(fixed_session, card, None).status == "present"


def test_an_offline_scan_keeps_its_scan_time(fixed_session, settings):
    _pupil, card = member_with_card(fixed_session.club)
    scanned = START + datetime.timedelta(minutes=2)
    # Synced after the late limit, and even after check-in closed: the scan time counts.
    with time_machine.travel(START + datetime.timedelta(hours=3), tick=False):
        result = scan(fixed_session, card, None, scanned_at=scanned, nonce="n-offline-1")
    assert result.status == "present"
    row = Attendance.objects.get()
    assert row.checked_in_at == scanned and row.scanned_at == scanned


# --- One test per reason code -----------------------------------------------------------


def test_every_reason_code_has_a_vietnamese_message():
    from django.utils import translation

    for code, message in MESSAGES.items():
        with translation.override("en"):
            english = str(message)
        with translation.override("vi"):
            vietnamese = str(message)
        assert vietnamese and vietnamese != english, code


def test_cancelled_session(session, member, leader):
    session.status = ClubSession.Status.CANCELLED
    session.save()
    assert refused_code(lambda: scan(session, member[1], leader)) == "session_cancelled"


def test_not_open_yet(fixed_session):
    _pupil, card = member_with_card(fixed_session.club)
    with time_machine.travel(START - datetime.timedelta(minutes=31), tick=False):
        assert refused_code(lambda: scan(fixed_session, card, None)) == "not_open_yet"
    with time_machine.travel(START - datetime.timedelta(minutes=29), tick=False):
        assert scan(fixed_session, card, None).outcome == "ok"


def test_closed(fixed_session):
    _pupil, card = member_with_card(fixed_session.club)
    end = fixed_session.ends_at
    with time_machine.travel(end + datetime.timedelta(minutes=31), tick=False):
        assert refused_code(lambda: scan(fixed_session, card, None)) == "closed"


def test_the_window_is_configurable_per_session(fixed_session):
    CheckinSettings.objects.create(session=fixed_session, opens_minutes_before=60)
    fixed_session.refresh_from_db()
    _pupil, card = member_with_card(fixed_session.club)
    with time_machine.travel(START - datetime.timedelta(minutes=50), tick=False):
        assert scan(fixed_session, card, None).outcome == "ok"


def test_card_unknown(session, leader):
    code = refused_code(
        lambda: checkin_record(
            session=session, method=Method.CARD, actor=leader, card_secret="x" * 32
        )
    )
    assert code == "card_unknown"


def test_card_revoked_reads_revoked_not_unknown(session, member, leader):
    pupil, card = member
    card.revoked_at = timezone.now()
    card.save()
    MemberCardFactory(pupil=pupil)
    assert refused_code(lambda: scan(session, card, leader)) == "card_revoked"
    assert not Attendance.objects.exists()


def test_scan_time_invalid_in_the_future(session, member, leader):
    future = timezone.now() + datetime.timedelta(minutes=10)
    assert refused_code(lambda: scan(session, member[1], leader, scanned_at=future)) == (
        "scan_time_invalid"
    )


def test_scan_time_invalid_too_old(session, member, leader):
    old = timezone.now() - datetime.timedelta(days=3)
    assert refused_code(lambda: scan(session, member[1], leader, scanned_at=old)) == (
        "scan_time_invalid"
    )


def test_not_paired(session):
    code = refused_code(
        lambda: checkin_record(session=session, method=Method.PROJECTOR, pupil_id=999_999)
    )
    assert code == "not_paired"


def test_pupil_of_another_club_is_not_a_member(session, leader):
    _pupil, card = member_with_card(ClubFactory())
    assert refused_code(lambda: scan(session, card, leader)) == "not_member"
    assert RefusedScan.objects.get().pupil == _pupil


def test_a_pupil_of_another_club_may_come_to_a_public_session(leader, session):
    session.audience = ClubSession.Audience.PUBLIC
    session.save()
    _pupil, card = member_with_card(ClubFactory())
    assert scan(session, card, leader).outcome == "ok"


def test_under_16_without_consent_is_refused(session, leader):
    _pupil, card = member_with_card(session.club, consent=False)
    assert refused_code(lambda: scan(session, card, leader)) == "consent_missing"


def test_withdrawn_consent_is_refused(session, member, leader):
    GuardianConsent.objects.update(withdrawn_at=timezone.now())
    assert refused_code(lambda: scan(session, member[1], leader)) == "consent_missing"


def test_7_to_15_needs_the_childs_assent_too(session, leader):
    _pupil, card = member_with_card(session.club, assent=False)
    assert refused_code(lambda: scan(session, card, leader)) == "consent_missing"


def test_16_and_over_needs_no_guardian_consent(session, leader):
    year = timezone.localdate().year
    _pupil, card = member_with_card(session.club, birth_year=year - 17, consent=False)
    assert scan(session, card, leader).outcome == "ok"


def test_pupil_unknown_on_the_roster(session, leader):
    outsider, _card = member_with_card(ClubFactory())
    code = refused_code(
        lambda: attendance_mark(session=session, pupil_id=outsider.pk, status="present",
                                actor=leader)
    )
    assert code == "pupil_unknown"


def test_every_refusal_is_stored_with_reason_who_and_when(session, leader):
    secret = "unknown-secret-0123456789abcdef"
    with pytest.raises(CheckInError):
        checkin_record(session=session, method=Method.CARD, actor=leader, card_secret=secret)
    refused = RefusedScan.objects.get()
    assert (refused.code, refused.actor, refused.session) == ("card_unknown", leader, session)
    assert refused.created_at is not None
    assert secret not in refused.token_hash and len(refused.token_hash) == 64


# --- Nonces -----------------------------------------------------------------------------


def test_a_retried_nonce_returns_the_first_answer_and_stores_once(session, member, leader):
    first = scan(session, member[1], leader, nonce="abc-12345")
    again = scan(session, member[1], leader, nonce="abc-12345")
    assert again.replayed and again.outcome == "ok" and again.to_json() == first.to_json()
    assert Attendance.objects.count() == 1
    assert CheckinNonce.objects.count() == 1


def test_a_retried_refusal_is_stored_once(session, leader):
    def call():
        return checkin_record(
            session=session, method=Method.CARD, actor=leader, card_secret="z" * 32,
            nonce="nonce-n1",
        )

    assert refused_code(call) == "card_unknown"
    assert refused_code(call) == "card_unknown"
    assert RefusedScan.objects.count() == 1


def test_the_same_nonce_from_another_leader_is_not_theirs(session, member, leader):
    from tests.factories.clubs import LeaderAssignmentFactory

    other = LeaderAssignmentFactory(club=session.club).user
    pupil2, card2 = member_with_card(session.club)
    scan(session, member[1], leader, nonce="same-nonce")
    result = scan(session, card2, other, nonce="same-nonce")
    assert result.pupil_id == pupil2.pk and not result.replayed


# --- Query budget -----------------------------------------------------------------------


def _real(queries):
    # Savepoints only exist because the test itself runs in a transaction.
    return [q for q in queries if "SAVEPOINT" not in q["sql"]]


# Inside a caller's transaction (as here: the test runs in one), a check-in takes the
# careful path on both databases (CHECKIN_QUERIES_IN_A_TRANSACTION).
QUERIES_IN_A_TRANSACTION = CHECKIN_QUERIES_IN_A_TRANSACTION


def test_a_card_checkin_in_a_callers_transaction_costs_3_or_4_queries(
    session, member, leader, django_assert_max_num_queries
):
    session = session_for_checkin(session_id=session.pk)  # as the views load it
    with django_assert_max_num_queries(6) as ctx:
        scan(session, member[1], leader, nonce="query-1-nonce")
    real = _real(ctx.captured_queries)
    assert len(real) == QUERIES_IN_A_TRANSACTION[connection.vendor], real


def test_a_phone_checkin_in_a_callers_transaction_costs_3_or_4_queries(
    session, member, django_assert_max_num_queries
):
    device, _key = paired_phone(member[0])
    session = session_for_checkin(session_id=session.pk)
    with django_assert_max_num_queries(6) as ctx:
        checkin_record(
            session=session, method=Method.PROJECTOR, pupil_device=device, nonce="query-nonce"
        )
    real = _real(ctx.captured_queries)
    assert len(real) == QUERIES_IN_A_TRANSACTION[connection.vendor], real


def _wire(call):
    """The statements `call` sends, each with whether it ran in autocommit (no BEGIN or
    COMMIT around it) or inside a transaction (BEGIN before, COMMIT after)."""
    sent = []

    def record(execute, sql, params, many, context):
        sent.append((sql.split()[0], connection.get_autocommit()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        call()
    return sent


# What a first scan sends on its own (as in a request), BEGIN and COMMIT included. On
# PostgreSQL: the read, then one statement that locks the pupil, inserts the attendance
# and stores the nonce, both in autocommit. A request adds the connection's health check
# (SELECT 1) before them. On SQLite: BEGIN (IMMEDIATE), the read, two INSERTs, then the
# COMMIT (a driver call, not a statement Django can show).
WIRE = {
    "postgresql": [("SELECT", True), ("WITH", True)],
    "sqlite": [("BEGIN", True), ("SELECT", False), ("INSERT", False), ("INSERT", False)],
}
# A scan of a pupil marked absent takes the transaction. On PostgreSQL: the read in
# autocommit finds the absent row, then in a transaction the pupil's row is locked in a
# statement of its own before the read is run again (a fresh snapshot after any wait for
# the lock), then the update, its AttendanceChange and the nonce.
WIRE_CAME_AFTER_ALL = {
    "postgresql": [
        ("SELECT", True), ("SELECT", False), ("SELECT", False), ("UPDATE", False),
        ("INSERT", False), ("INSERT", False),
    ],
    "sqlite": [
        ("BEGIN", True), ("SELECT", False), ("UPDATE", False), ("INSERT", False),
        ("INSERT", False),
    ],
}


@pytest.mark.django_db(transaction=True)
def test_what_a_first_scan_and_a_rescan_send_to_the_database(session, member, leader):
    session = session_for_checkin(session_id=session.pk)
    first = _wire(lambda: scan(session, member[1], leader, nonce="wire-nonce-1"))
    assert [(verb.upper(), auto) for verb, auto in first] == WIRE[connection.vendor]
    assert Attendance.objects.get().status == "present"
    # A re-scan with a new nonce is answered from the read and writes nothing.
    again = _wire(lambda: scan(session, member[1], leader, nonce="wire-nonce-2"))
    assert [verb.upper() for verb, _auto in again if verb.upper() != "BEGIN"] == ["SELECT"]
    assert list(CheckinNonce.objects.values_list("nonce", flat=True)) == ["wire-nonce-1"]


@pytest.mark.django_db(transaction=True)
def test_what_a_scan_of_a_pupil_marked_absent_sends_to_the_database(session, member, leader):
    attendance_mark(session=session, pupil_id=member[0].pk, status="absent", actor=leader)
    session = session_for_checkin(session_id=session.pk)
    sent = _wire(lambda: scan(session, member[1], leader, nonce="wire-nonce-3"))
    assert [(verb.upper(), auto) for verb, auto in sent] == WIRE_CAME_AFTER_ALL[connection.vendor]
    assert Attendance.objects.get().status == "present"


# --- Phones -----------------------------------------------------------------------------


def test_a_paired_phone_checks_its_pupil_in(session, member):
    device, _key = paired_phone(member[0])
    result = checkin_record(session=session, method=Method.PROJECTOR, pupil_device=device)
    assert result.pupil_id == member[0].pk
    assert Attendance.objects.get().pupil_device == device


def test_a_phone_cannot_backdate_its_check_in(fixed_session):
    pupil, _card = member_with_card(fixed_session.club)
    device, _key = paired_phone(pupil)
    with time_machine.travel(START + datetime.timedelta(minutes=20), tick=False):
        result = checkin_record(
            session=fixed_session,
            method=Method.PROJECTOR,
            pupil_device=device,
            scanned_at=START - datetime.timedelta(minutes=5),
        )
    assert result.status == "late"


# --- Roster, undo, absentees, guests ----------------------------------------------------


def test_undo_lets_the_pupil_check_in_again(session, member, leader):
    scan(session, member[1], leader)
    checkin_undo(attendance=Attendance.objects.get(), actor=leader)
    assert not Attendance.objects.exists()
    assert scan(session, member[1], leader).outcome == "ok"


@pytest.mark.parametrize("status", ["present", "late", "excused", "absent"])
def test_the_roster_marks_each_status(session, member, leader, status):
    attendance_mark(session=session, pupil_id=member[0].pk, status=status, actor=leader)
    row = Attendance.objects.get()
    assert (row.status, row.method) == (status, "roster")
    assert (row.checked_in_at is not None) == (status in ("present", "late"))


def test_the_roster_refuses_present_without_consent(session, leader):
    pupil, _card = member_with_card(session.club, consent=False)
    code = refused_code(
        lambda: attendance_mark(session=session, pupil_id=pupil.pk, status="present",
                                actor=leader)
    )
    assert code == "consent_missing"
    attendance_mark(session=session, pupil_id=pupil.pk, status="excused", actor=leader)


def test_a_pupil_marked_absent_who_comes_after_all_is_checked_in(session, member, leader):
    attendance_mark(session=session, pupil_id=member[0].pk, status="absent", actor=leader)
    assert scan(session, member[1], leader).outcome == "ok"
    assert Attendance.objects.get().status == "present"


def test_absentees_are_marked_once_after_check_in_closes(fixed_session):
    came, card = member_with_card(fixed_session.club)
    stayed_home, _ = member_with_card(fixed_session.club)
    with time_machine.travel(START, tick=False):
        scan(fixed_session, card, None)
        assert attendance_mark_absentees(session=fixed_session) == 0  # still open
    later = fixed_session.ends_at + datetime.timedelta(hours=1)
    assert attendance_mark_absentees(session=fixed_session, now=later) == 1
    assert attendance_mark_absentees(session=fixed_session, now=later) == 0
    statuses = dict(Attendance.objects.values_list("pupil_id", "status"))
    assert statuses == {came.pk: "present", stayed_home.pk: "absent"}


def test_the_absentee_command_closes_ended_sessions(fixed_session):
    from django.core.management import call_command

    member_with_card(fixed_session.club)
    with time_machine.travel(fixed_session.ends_at + datetime.timedelta(hours=2), tick=False):
        call_command("attendance_mark_absentees")
    assert Attendance.objects.get().status == "absent"


def test_guests_are_counted_by_headcount_or_by_name(session, leader):
    guest_record(session=session, actor=leader, headcount=35)
    guest_record(session=session, actor=leader, name="Trần Văn An",
                 school_name="THPT Châu Văn Liêm",
                 class_name="10A2")
    from attendance.selectors import attendance_counts

    assert attendance_counts(session)["guests"] == 36


def test_the_background_task_marks_absentees_of_ended_sessions(fixed_session):
    from attendance.tasks import close_ended_sessions

    member_with_card(fixed_session.club)
    with time_machine.travel(fixed_session.ends_at + datetime.timedelta(hours=1), tick=False):
        result = close_ended_sessions.enqueue()
    assert result.return_value == 1
    assert Attendance.objects.get().status == "absent"


def test_a_cancelled_session_gets_no_absentees(fixed_session):
    member_with_card(fixed_session.club)
    fixed_session.status = ClubSession.Status.CANCELLED
    fixed_session.save()
    later = fixed_session.ends_at + datetime.timedelta(hours=1)
    assert attendance_mark_absentees(session=fixed_session, now=later) == 0
    assert not Attendance.objects.exists()
