"""Integrity under concurrency, on PostgreSQL (select_for_update does nothing on SQLite)."""

import datetime
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction
from django.test import Client

from attendance.models import Attendance, AttendanceChange, CheckinNonce
from attendance.roster_services import roster_tick
from attendance.selectors import session_for_checkin
from attendance.services import attendance_mark, checkin_record
from clubs.models import GuardianConsent, MemberCard, Membership, Pupil

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _in_thread(fn):
    def run(*args):
        try:
            return fn(*args)
        finally:
            connection.close()

    return run


def test_50_threads_checking_in_the_same_member_give_one_row_and_no_5xx(
    session, member, leader
):
    client = Client()
    client.force_login(leader)
    cookie = client.cookies["sessionid"].value
    barrier = threading.Barrier(50)

    @_in_thread
    def scan(i):
        own = Client()
        own.cookies["sessionid"] = cookie
        barrier.wait()
        response = own.post(
            "/api/attendance/checkins",
            {"session_id": session.pk, "card": member[1].secret, "nonce": f"door-{i:04d}-x"},
            content_type="application/json",
        )
        return response.status_code, response.json()["outcome"]

    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(scan, range(50)))
    assert {status for status, _ in answers} == {200}
    outcomes = sorted(outcome for _, outcome in answers)
    assert outcomes.count("ok") == 1 and outcomes.count("duplicate") == 49
    assert Attendance.objects.filter(session=session, pupil=member[0]).count() == 1


def test_the_same_nonce_sent_by_10_threads_at_once_stores_once(session, member, leader):
    fresh = session_for_checkin(session_id=session.pk)
    barrier = threading.Barrier(10)

    @_in_thread
    def scan(_i):
        barrier.wait()
        return checkin_record(
            session=fresh, method="card", actor=leader, card_secret=member[1].secret,
            nonce="the-same-nonce",
        ).outcome

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(pool.map(scan, range(10)))
    # Every retry gets the first answer, not "duplicate".
    assert outcomes == ["ok"] * 10
    assert Attendance.objects.count() == 1
    assert CheckinNonce.objects.count() == 1


def test_a_burst_of_2000_different_check_ins_gives_2000_rows(session, leader):
    club = session.club
    pupils = Pupil.objects.bulk_create(
        Pupil(
            full_name=f"Học sinh {i}", birth_year=2012, school=club.school, grade=8,
            member_code=f"B{i:05d}",
        )
        for i in range(2000)
    )
    Membership.objects.bulk_create(
        Membership(pupil=p, club=club, joined_on=datetime.date(2024, 9, 5),
                   activated_on=datetime.date(2024, 9, 5))
        for p in pupils
    )
    GuardianConsent.objects.bulk_create(
        GuardianConsent(
            pupil=p, guardian_name="Mẹ", relationship="Mẹ", given_on=datetime.date(2024, 9, 5),
            method="paper", notice_version="2024-1", child_assent=True,
            child_assent_on=datetime.date(2024, 9, 5),
        )
        for p in pupils
    )
    cards = MemberCard.objects.bulk_create(MemberCard(pupil=p) for p in pupils)
    fresh = session_for_checkin(session_id=session.pk)

    @_in_thread
    def scan_many(chunk):
        return [
            checkin_record(
                session=fresh, method="card", actor=leader, card_secret=card.secret,
                nonce=uuid.uuid4().hex,
            ).outcome
            for card in chunk
        ]

    chunks = [cards[i::8] for i in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = [o for part in pool.map(scan_many, chunks) for o in part]
    assert outcomes.count("ok") == 2000
    assert Attendance.objects.filter(session=session).count() == 2000


# --- One request waiting for another's lock on the pupil ----------------------------------


def _blocked_by(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity"
            " WHERE %s = ANY(pg_blocking_pids(pid)))",
            [pid],
        )
        return cursor.fetchone()[0]


def _while_holding(first, second):
    """Run `first` in a transaction on one connection and keep it open until `second`,
    on another, waits for a lock `first` holds; then commit `first`. Returns both
    results. The wait is seen in pg_stat_activity, not guessed with a sleep."""
    held, release = threading.Event(), threading.Event()
    holder = {}

    @_in_thread
    def hold():
        try:
            with transaction.atomic():
                holder["result"] = first()
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_backend_pid()")
                    holder["pid"] = cursor.fetchone()[0]
                held.set()
                assert release.wait(timeout=30)
            return holder["result"]
        finally:
            held.set()

    with ThreadPoolExecutor(max_workers=2) as pool:
        first_done = pool.submit(hold)
        try:
            held.wait()
            assert "pid" in holder, first_done.result()
            second_done = pool.submit(_in_thread(second))
            deadline = time.monotonic() + 20
            while not _blocked_by(holder["pid"]):
                assert not second_done.done(), "the second did not wait for the lock"
                assert time.monotonic() < deadline, "the second never waited for the lock"
                time.sleep(0.005)  # polling the server for the wait, not racing it
        finally:
            release.set()
        return first_done.result(), second_done.result()


def test_two_scans_of_a_pupil_marked_absent_at_once_check_them_in_once(
    session, member, leader
):
    pupil, card = member
    attendance_mark(session=session, pupil_id=pupil.pk, status="absent", actor=leader)
    fresh = session_for_checkin(session_id=session.pk)

    def scan(nonce):
        return lambda: checkin_record(
            session=fresh, method="card", actor=leader, card_secret=card.secret, nonce=nonce
        )

    first, second = _while_holding(scan("first-scan-0001"), scan("second-scan-001"))
    assert (first.outcome, second.outcome) == ("ok", "duplicate")
    assert second.checked_in_at == first.checked_in_at
    row = Attendance.objects.get()
    assert (row.status, row.method, row.checked_in_at.isoformat()) == (
        "present", "card", first.checked_in_at,
    )
    changes = AttendanceChange.objects.values_list("old_status", "new_status")
    assert list(changes) == [("absent", "present")]
    assert list(CheckinNonce.objects.values_list("nonce", flat=True)) == ["first-scan-0001"]


def test_a_roster_tick_that_waited_for_a_scan_updates_the_scanned_row(
    session, member, leader
):
    pupil, card = member
    fresh = session_for_checkin(session_id=session.pk)
    first, answer = _while_holding(
        lambda: checkin_record(
            session=fresh, method="card", actor=leader, card_secret=card.secret,
            nonce="scan-before-tick",
        ),
        lambda: roster_tick(session=session, pupil_id=pupil.pk, status="absent", actor=leader),
    )
    assert first.outcome == "ok"
    row = Attendance.objects.get()
    assert answer == {
        "outcome": "ok", "status": "absent", "pupil_id": pupil.pk, "attendance_id": row.pk,
    }
    assert (row.status, row.method) == ("absent", "roster")
    changes = AttendanceChange.objects.values_list("old_status", "new_status")
    assert list(changes) == [("present", "absent")]


def test_a_first_scan_in_autocommit_that_waited_for_a_tick_checks_the_pupil_in(
    session, member, leader
):
    """The fast path's read saw no row; its INSERT waits for the tick's lock, finds the
    tick's row (ON CONFLICT) and the next attempt, reading afresh, updates it."""
    pupil, card = member
    fresh = session_for_checkin(session_id=session.pk)
    _row, result = _while_holding(
        lambda: attendance_mark(session=session, pupil_id=pupil.pk, status="absent",
                                actor=leader),
        lambda: checkin_record(
            session=fresh, method="card", actor=leader, card_secret=card.secret,
            nonce="scan-after-tick",
        ),
    )
    assert (result.outcome, result.status) == ("ok", "present")
    row = Attendance.objects.get()
    assert (row.status, row.method, row.pk) == ("present", "card", result.attendance_id)
    changes = AttendanceChange.objects.values_list("old_status", "new_status")
    assert list(changes) == [("absent", "present")]
