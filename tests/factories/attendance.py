"""Factories for attendance tests. ClubSession rows are made here (not in a sessions
factory module) so this app's tests do not depend on another app's test helpers."""

import datetime

import factory
import pytest
from django.utils import timezone

from attendance.errors import CheckInError
from attendance.models import Attendance, Method, PupilDevice
from attendance.services import checkin_record
from attendance.tokens import sha256
from sessions.models import ClubSession
from tests.factories.clubs import (
    ClubFactory,
    GuardianConsentFactory,
    MemberCardFactory,
    MembershipFactory,
    PupilFactory,
)


class CheckinSessionFactory(factory.django.DjangoModelFactory):
    """A club session starting in five minutes, an hour long."""

    class Meta:
        model = ClubSession

    title = factory.Sequence(lambda n: f"Sinh hoạt chuyên đề {n}")
    kind = ClubSession.Kind.THEMATIC
    club = factory.SubFactory(ClubFactory)
    audience = ClubSession.Audience.CLUB
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(minutes=5))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(hours=1))
    venue = "Phòng sinh hoạt Đội"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(CheckinSessionFactory)
    pupil = factory.SubFactory(PupilFactory)
    status = Attendance.Status.PRESENT
    method = Method.CARD
    checked_in_at = factory.LazyFunction(timezone.now)


def member_with_card(club, *, birth_year=2012, consent=True, assent=True, **pupil_kwargs):
    """An active member of `club` with a valid card and (by default) consent + assent.
    Returns (pupil, card)."""
    pupil = PupilFactory(birth_year=birth_year, school=club.school, **pupil_kwargs)
    MembershipFactory(pupil=pupil, club=club)
    if consent:
        GuardianConsentFactory(
            pupil=pupil,
            child_assent=assent,
            child_assent_on=datetime.date(2024, 9, 10) if assent else None,
        )
    return pupil, MemberCardFactory(pupil=pupil)


def paired_phone(pupil, key="phone-key-for-tests-0123456789"):
    device = PupilDevice.objects.create(pupil=pupil, key_hash=sha256(key), paired_at=timezone.now())
    return device, key


# A check-in inside a caller's transaction (as in a test that runs in one) takes the
# careful path: the pupil's row locked (on PostgreSQL a statement of its own, so the read
# that follows sees what any scan it waited for wrote), the read, INSERT attendance,
# INSERT nonce.
CHECKIN_QUERIES_IN_A_TRANSACTION = {"postgresql": 4, "sqlite": 3}


def scan(session, card, leader, **kwargs):
    return checkin_record(
        session=session, method=Method.CARD, actor=leader, card_secret=card.secret, **kwargs
    )


def refused_code(call) -> str:
    with pytest.raises(CheckInError) as info:
        call()
    return info.value.code
