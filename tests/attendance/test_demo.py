import datetime
from random import Random

import pytest
from django.utils import timezone

from attendance import demo
from attendance.models import Attendance
from demo.context import DemoContext
from sessions.models import ClubSession
from tests.factories.attendance import CheckinSessionFactory, member_with_card

pytestmark = pytest.mark.django_db


def ctx():
    return DemoContext(rng=Random(1), today=datetime.date(2024, 9, 1), write=lambda s: None)


def test_the_demo_fills_past_sessions_once_and_leaves_future_ones(
    django_assert_max_num_queries,
):
    past = CheckinSessionFactory(
        starts_at=timezone.now() - datetime.timedelta(days=7),
        ends_at=timezone.now() - datetime.timedelta(days=7) + datetime.timedelta(hours=2),
        kind=ClubSession.Kind.MOCK_TRIAL,
    )
    future = CheckinSessionFactory(club=past.club)
    for _ in range(12):
        member_with_card(past.club)
    with django_assert_max_num_queries(8):
        demo.build(ctx())
    assert Attendance.objects.filter(session=past).count() == 12
    assert not Attendance.objects.filter(session=future).exists()
    assert past.guest_attendances.count() == 1
    demo.build(ctx())
    assert Attendance.objects.count() == 12
    assert past.guest_attendances.count() == 1


def test_the_demo_does_nothing_without_sessions():
    demo.build(ctx())
    assert not Attendance.objects.exists()
