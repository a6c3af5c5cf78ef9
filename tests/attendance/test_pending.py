"""A member awaiting guardian consent (clubs: pending) is refused at check-in for the
consent, not as "not a member", and nothing but the refusal is written."""

import pytest
from django.utils import timezone

from attendance import selectors
from attendance.checkin_read import checkin_facts
from attendance.errors import CheckInError
from attendance.models import Attendance, Method, RefusedScan
from attendance.services import attendance_mark, checkin_record
from clubs import services as club_services
from clubs.models import Membership
from tests.factories.attendance import paired_phone
from tests.factories.clubs import MemberCardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(session):
    """(pupil, card) of a 12-year-old the leader just added: pending, no consent yet."""
    membership = club_services.member_add(
        club=session.club, by=None, full_name="Trần Minh Khôi",
        birth_year=timezone.localdate().year - 12, grade=7,
    )
    assert membership.status == Membership.Status.PENDING
    pupil = membership.pupil
    return pupil, pupil.cards.get()


def refused(call):
    with pytest.raises(CheckInError) as info:
        call()
    return info.value


def test_a_pending_member_scanning_their_card_is_refused_for_consent(session, leader, pending):
    pupil, card = pending
    error = refused(lambda: checkin_record(
        session=session, method=Method.CARD, actor=leader, card_secret=card.secret,
    ))
    assert error.code == "consent_missing"
    assert not Attendance.objects.exists()
    scan = RefusedScan.objects.get()
    assert (scan.code, scan.pupil_id) == ("consent_missing", pupil.pk)


def test_a_pending_members_phone_is_refused_for_consent_too(session, pending):
    device, _key = paired_phone(pending[0])
    error = refused(lambda: checkin_record(
        session=session, method=Method.PROJECTOR, pupil_device=device,
    ))
    assert error.code == "consent_missing"
    assert not Attendance.objects.exists()


def test_once_the_consent_is_recorded_the_scan_goes_through(session, leader, pending):
    pupil, card = pending
    today = timezone.localdate()
    club_services.consent_record(
        pupil=pupil, by=None, guardian_name="Lê Thị Mai", relationship="Mẹ", given_on=today,
        method="paper", notice_version="2024-1", child_assent=True, child_assent_on=today,
    )
    result = checkin_record(
        session=session, method=Method.CARD, actor=leader, card_secret=card.secret,
    )
    assert result.outcome == "ok"


def test_a_pending_member_is_not_expected_nor_ticked_as_present(session, leader, pending):
    assert selectors.live_state(session)["counts"]["expected"] == 0
    error = refused(lambda: attendance_mark(
        session=session, pupil_id=pending[0].pk, status="present", actor=leader,
    ))
    assert error.code == "pupil_unknown"
    assert not Attendance.objects.exists()


def test_the_read_sees_pending_as_the_sessions_rule_does(session, pending, member):
    today = timezone.localdate()
    revoked = MemberCardFactory(pupil=pending[0], revoked_at=timezone.now())
    for card in (pending[1], member[1], revoked):
        facts = checkin_facts(session_id=session.pk, today=today, card_secret=card.secret)
        assert facts.pending == bool(
            selectors.pending_pupil_ids(session, among={card.pupil_id})
        )
    facts = checkin_facts(session_id=session.pk, today=today, card_secret=pending[1].secret)
    assert facts.pending and not facts.expected
