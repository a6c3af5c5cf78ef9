"""Every list of people in class-list order: given name first, then the rest, with ICU's
Vietnamese letters (Đ after D, Ngô before Nguyễn), on SQLite and PostgreSQL alike."""

import pytest
from django.urls import reverse

from clubs import services
from clubs.collation import name_sort_key
from clubs.models import Pupil
from tests.factories.attendance import CheckinSessionFactory
from tests.factories.clubs import LeaderAssignmentFactory, MembershipFactory

# Added in this order, so neither insertion order nor code-point order passes.
NAMES = ["Võ Văn An", "Đinh Văn Cường", "Nguyễn Văn An", "Đặng Thị Bình", "Ngô Thị An",
         "Dương Văn Ân", "Lê Văn Ăn", "Trần Minh Đức", "Phạm Dũng"]
CLASS_ORDER = ["Ngô Thị An", "Nguyễn Văn An", "Võ Văn An", "Lê Văn Ăn", "Dương Văn Ân",
               "Đặng Thị Bình", "Đinh Văn Cường", "Phạm Dũng", "Trần Minh Đức"]


def positions(text, names):
    return sorted(names, key=text.index)


def test_the_key_orders_by_given_name_then_the_rest_in_vietnamese_letters():
    assert sorted(NAMES, key=name_sort_key) == CLASS_ORDER
    # Code point order, the bug: Đ (U+0110) after every Latin letter.
    assert sorted(NAMES)[-1].startswith("Đ")


@pytest.mark.django_db
def test_roster_export_and_live_attendance_list_people_in_class_list_order(client):
    assignment = LeaderAssignmentFactory()
    club = assignment.club
    for name in NAMES:
        MembershipFactory(club=club, pupil__full_name=name)
    client.force_login(assignment.user)

    roster = client.get(reverse("clubs:club_detail", kwargs={"slug": club.slug})).text
    assert positions(roster, NAMES) == CLASS_ORDER
    export = client.get(
        reverse("clubs:roster_export", kwargs={"slug": club.slug, "file_format": "csv"})
    ).content.decode("utf-8-sig")
    assert positions(export, NAMES) == CLASS_ORDER

    session = CheckinSessionFactory(club=club)
    live = client.get(f"/en/attendance/sessions/{session.pk}/").text
    assert positions(live, NAMES) == CLASS_ORDER


@pytest.mark.django_db
def test_a_renamed_member_moves_to_their_new_place():
    club = LeaderAssignmentFactory().club
    first = services.member_add(club=club, by=None, full_name="Lê Văn An", birth_year=2008,
                                grade=12).pupil
    services.member_add(club=club, by=None, full_name="Trần Văn Bình", birth_year=2008, grade=12)
    services.member_edit(membership=first.memberships.get(), by=None, full_name="Lê Văn Yến")
    assert list(Pupil.objects.values_list("full_name", flat=True)) == [
        "Trần Văn Bình", "Lê Văn Yến"
    ]
