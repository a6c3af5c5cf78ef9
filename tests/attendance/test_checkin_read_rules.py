"""The check-in's hand-written read (attendance.checkin_read) restates two rules in SQL:
who is expected at a session (sessions.selectors.expected_clubs_q) and the consent facts
(clubs.consent.consent_ok). Over generated pupils, memberships, consents, cards and
sessions, its facts must say what the rules' own definitions say."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attendance import selectors
from attendance.checkin_read import checkin_facts
from attendance.models import Attendance, CheckinSettings, Method
from clubs.consent import consent_ok
from clubs.models import Membership
from clubs.selectors import consent_ok_pupil_ids, pupil_consent_ok
from sessions.models import ClubSession
from sessions.selectors import expected_pupil_ids
from tests.factories.attendance import CheckinSessionFactory
from tests.factories.clubs import (
    ClubFactory,
    GuardianConsentFactory,
    MemberCardFactory,
    MembershipFactory,
    PupilFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.django_db(transaction=False)

CLUBS = ("organiser", "guest", "same_school", "elsewhere")
statuses = st.sampled_from([None, *Membership.Status.values])
consents = st.lists(
    st.fixed_dictionaries({
        "days_ago": st.integers(-3, 3),  # negative: given in the future
        "withdrawn": st.booleans(),
        "assent": st.booleans(),
    }),
    max_size=3,
)
cases = st.fixed_dictionaries({
    "audience": st.sampled_from(ClubSession.Audience.values),
    "centre_session": st.booleans(),  # no organising club
    "guest_invited": st.booleans(),
    "memberships": st.fixed_dictionaries(dict.fromkeys(CLUBS, statuses)),
    "age": st.integers(3, 19),
    "consents": consents,
    "card_revoked": st.booleans(),
    "attendance": st.sampled_from([None, *Attendance.Status.values]),
    "own_settings": st.booleans(),
})


@pytest.fixture
def clubs():
    """Made once per test; every generated case is rolled back to them."""
    school, elsewhere = SchoolFactory(), SchoolFactory()
    return {
        "organiser": ClubFactory(school=school),
        "guest": ClubFactory(school=elsewhere),
        "same_school": ClubFactory(school=school),
        "elsewhere": ClubFactory(school=elsewhere),
    }


def _build(case: dict, clubs: dict, today: datetime.date):
    school = clubs["organiser"].school
    session = CheckinSessionFactory(
        club=None if case["centre_session"] else clubs["organiser"],
        audience=case["audience"],
        school=school,
    )
    if case["guest_invited"]:
        session.guest_clubs.add(clubs["guest"])
    if case["own_settings"]:
        CheckinSettings.objects.create(
            session=session, opens_minutes_before=7, late_after_minutes=2
        )
    pupil = PupilFactory(birth_year=today.year - case["age"], school=school)
    for club, status in case["memberships"].items():
        if status is not None:
            MembershipFactory(pupil=pupil, club=clubs[club], status=status)
    for consent in case["consents"]:
        GuardianConsentFactory(
            pupil=pupil,
            given_on=today - datetime.timedelta(days=consent["days_ago"]),
            withdrawn_at=timezone.now() if consent["withdrawn"] else None,
            child_assent=consent["assent"],
            child_assent_on=today if consent["assent"] else None,
        )
    card = MemberCardFactory(
        pupil=pupil, revoked_at=timezone.now() if case["card_revoked"] else None
    )
    if case["attendance"] is not None:
        Attendance.objects.create(
            session=session, pupil=pupil, status=case["attendance"], method=Method.ROSTER,
            checked_in_at=timezone.now() if case["attendance"] in ("present", "late") else None,
        )
    return session, pupil, card


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=cases)
def test_the_reads_facts_follow_the_rules_definitions(clubs, case):
    today = timezone.localdate()
    with transaction.atomic():
        session, pupil, card = _build(case, clubs, today)
        session = selectors.session_for_checkin(session_id=session.pk)
        by_card = checkin_facts(session_id=session.pk, today=today, card_secret=card.secret)
        by_id = checkin_facts(session_id=session.pk, today=today, pupil_id=pupil.pk)
        assert by_card.card_revoked == case["card_revoked"]
        assert not by_id.card_revoked
        for facts in (by_card, by_id):
            # Who is expected: sessions.selectors' definition.
            assert facts.expected == (pupil.pk in expected_pupil_ids(session))
            assert facts.pending == bool(
                selectors.pending_pupil_ids(session, among={pupil.pk})
            )
            # Consent: clubs.consent.consent_ok, as the clubs app reads it for one pupil
            # and as its queryset filter does for many.
            assert facts.consent_ok(today=today) == pupil_consent_ok(pupil=pupil, on_date=today)
            assert facts.consent_ok(today=today) == (
                pupil.pk in consent_ok_pupil_ids(pupil_ids=[pupil.pk], on_date=today)
            )
            # The pupil's attendance here, and the session as stored.
            existing = Attendance.objects.filter(session=session, pupil=pupil).first()
            assert (facts.existing_id, facts.existing_status) == (
                (existing.pk, existing.status) if existing else (None, None)
            )
            assert facts.session.window == selectors.checkin_window(session)
            assert (facts.session.club_id, facts.session.audience, facts.session.status) == (
                session.club_id, session.audience, session.status
            )
        transaction.set_rollback(True)


@pytest.mark.parametrize("age", range(3, 19))
def test_the_consent_rule_by_age(age):
    """The rule itself, for each age: 16 and over need nothing; 7-15 a consent with their
    assent; under 7 a consent."""
    today = datetime.date(2026, 3, 1)
    year = today.year - age

    def ok(assent):
        return consent_ok(birth_year=year, consent_assent=assent, on_date=today)

    if age >= 16:
        expected = (True, True, True)
    elif age >= 7:
        expected = (False, False, True)
    else:
        expected = (False, True, True)
    assert (ok(None), ok(False), ok(True)) == expected
