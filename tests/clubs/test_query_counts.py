"""The club page and the export cost the same number of queries for 10 and 1,000 members."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clubs.models import BoardRole, GuardianConsent, MemberCard, Membership, Pupil
from cms.profile import centre_profile
from tests.factories.clubs import LeaderAssignmentFactory

pytestmark = pytest.mark.django_db


def fill(club, count):
    pupils = Pupil.objects.bulk_create([
        Pupil(full_name=f"Nguyễn Văn {i:04d}", birth_year=2010 + i % 5, school=club.school,
              grade=6 + i % 4, class_name=f"{6 + i % 4}A{i % 3 + 1}", gender="male",
              guardian_phone="0900000000", member_code=f"Q{club.pk}-{i:05d}")
        for i in range(count)
    ])
    if pupils[0].pk is None:
        pupils = list(Pupil.objects.filter(school=club.school).order_by("pk"))
    day = datetime.date(2024, 9, 5)
    memberships = Membership.objects.bulk_create(
        [Membership(pupil=p, club=club, joined_on=day, activated_on=day) for p in pupils]
    )
    if memberships[0].pk is None:
        memberships = list(Membership.objects.filter(club=club).order_by("pk"))
    MemberCard.objects.bulk_create([MemberCard(pupil=p) for p in pupils])
    GuardianConsent.objects.bulk_create([
        GuardianConsent(pupil=p, guardian_name="X", relationship="Mẹ", given_on=day,
                        method="paper", notice_version="1", child_assent=True,
                        child_assent_on=day)
        for p in pupils[::2]
    ])
    BoardRole.objects.bulk_create([
        BoardRole(membership=m, role="member", starts_on=day) for m in memberships[:5]
    ])


def count_queries(client, url, params=None):
    centre_profile()  # cached after the first page anywhere (cms/profile.py)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize(
    ("name", "kwargs", "params"),
    [
        ("clubs:club_detail", {}, None),
        ("clubs:club_detail", {}, {"q": "Nguyễn", "grade": "7", "status": "active"}),
        ("clubs:roster_export", {"file_format": "csv"}, None),
        ("clubs:roster_export", {"file_format": "xlsx"}, None),
    ],
)
def test_same_queries_for_10_and_1000_members(client, name, kwargs, params,
                                             django_assert_num_queries):
    small = LeaderAssignmentFactory()
    big = LeaderAssignmentFactory(user=small.user)
    fill(small.club, 10)
    fill(big.club, 1000)
    client.force_login(small.user)
    n_small, _ = count_queries(client, reverse(name, kwargs={"slug": small.club.slug, **kwargs}),
                               params)
    url = reverse(name, kwargs={"slug": big.club.slug, **kwargs})
    with django_assert_num_queries(n_small):
        response = client.get(url, params or {})
    assert response.status_code == 200
    if name == "clubs:roster_export" and kwargs["file_format"] == "csv":
        assert response.content.decode("utf-8-sig").count("\n") == 1001
    assert n_small <= 16


def test_card_sheet_queries_do_not_grow(client, django_assert_num_queries):
    small = LeaderAssignmentFactory()
    big = LeaderAssignmentFactory(user=small.user)
    fill(small.club, 5)
    fill(big.club, 60)
    client.force_login(small.user)
    url = reverse("clubs:card_sheet", kwargs={"slug": small.club.slug})
    n_small, _ = count_queries(client, url)
    with django_assert_num_queries(n_small):
        client.get(reverse("clubs:card_sheet", kwargs={"slug": big.club.slug}))
