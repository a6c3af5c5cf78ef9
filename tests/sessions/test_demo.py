"""The demo builder: a believable school year, idempotent, and harmless without clubs."""

from random import Random

import pytest

from demo.context import DemoContext
from sessions import demo
from sessions.models import ClubSession, MockTrial, MockTrialCast, SessionSeries
from tests.factories.accounts import StaffFactory
from tests.factories.clubs import ClubFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def context(**users):
    return DemoContext(rng=Random(2024), today=__import__("datetime").date(2024, 9, 1),
                       write=lambda line: None, users=users)


def test_without_clubs_nothing_is_created():
    demo.build(context())
    assert ClubSession.objects.count() == 0


def test_school_year_of_sessions_idempotent():
    clubs = [ClubFactory() for _ in range(4)]
    for club in clubs:
        for _ in range(15):
            MembershipFactory(club=club, pupil__school=club.school)
    ctx = context(staff=StaffFactory(username="staff"))
    demo.build(ctx)
    counts = (SessionSeries.objects.count(), ClubSession.objects.count(),
              MockTrial.objects.count(), MockTrialCast.objects.count())
    demo.build(context(staff=ctx.users["staff"]))
    assert counts == (SessionSeries.objects.count(), ClubSession.objects.count(),
                      MockTrial.objects.count(), MockTrialCast.objects.count())

    assert SessionSeries.objects.count() == len(clubs)
    assert ClubSession.objects.filter(kind="thematic", audience="school").count() >= 20
    assert ClubSession.objects.filter(audience="public").count() >= 3
    assert MockTrial.objects.count() == 3
    for trial in MockTrial.objects.all():
        assert trial.cast.filter(role="judge", is_understudy=False).count() == 1
        assert trial.cast.filter(is_understudy=True).exists()
        assert trial.rehearsals.count() == 2
    audience = sum(a.expected for t in MockTrial.objects.all() for a in t.audience.all())
    assert audience >= 300
    assert ClubSession.objects.filter(series__isnull=False, status="cancelled").count() == 1
    year = ClubSession.objects.filter(series__isnull=False).order_by("starts_at")
    first, last = year.first().starts_at.date(), year.last().starts_at.date()
    assert first.isoformat() >= "2024-09-01" and last.isoformat() <= "2025-05-31"
