"""Integrity under concurrency, on PostgreSQL (select_for_update does nothing on SQLite)."""

import datetime
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from attendance.models import Attendance, CheckinNonce
from attendance.selectors import session_for_checkin
from attendance.services import checkin_record
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
