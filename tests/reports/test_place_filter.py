"""The yearly report, its CSV and the club list filter by province and ward/commune,
counting records that named a unit since merged into the chosen one."""

import datetime as dt

import pytest
import time_machine

from clubs.models import School
from places.models import Commune, Province
from places.selectors import communes_for_province, province_by_code
from tests.factories.accounts import StaffFactory
from tests.factories.clubs import ClubFactory, MembershipFactory, SchoolFactory
from tests.factories.sessions import ClubSessionFactory, vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def clubs():
    can_tho = province_by_code("92")
    thanh_an = communes_for_province(can_tho).get(name="Xã Thạnh An")
    # A ward merged into Phường Cái Khế keeps its history; a school still names it.
    an_hoa = Commune.objects.create(province=can_tho, name="Phường An Hòa", kind="ward",
                                    valid_until=dt.date(2025, 6, 30),
                                    successor=Commune.objects.get(name="Phường Cái Khế"))
    rural = ClubFactory(name="CLB Thạnh An", school=SchoolFactory(commune=thanh_an))
    town = ClubFactory(name="CLB An Hòa", school=SchoolFactory(commune=an_hoa))
    elsewhere = ClubFactory(name="CLB Hạ Long", school=SchoolFactory(
        province=province_by_code("22"), commune=None, former_district="Hạ Long"))
    for club, members in ((rural, 3), (town, 2), (elsewhere, 4)):
        for _ in range(members):
            MembershipFactory(club=club, joined_on=dt.date(2024, 9, 10))
        ClubSessionFactory(club=club, starts_at=vn(2024, 10, 5, 14))
    return rural, town, elsewhere


@pytest.fixture
def staff(client):
    client.force_login(StaffFactory())
    return client


# After the reform (the filter offers today's units), still in the 2024-25 school year.
@time_machine.travel(vn(2025, 8, 15, 12), tick=False)
def test_report_page_and_csv_follow_the_place_filter(staff, clubs):
    cai_khe = Commune.objects.get(name="Phường Cái Khế")
    page = staff.get("/en/reports/", {"year": 2024, "commune": cai_khe.pk}).text
    assert "CLB An Hòa" in page and "CLB Thạnh An" not in page
    assert 'data-figure="members">2<' in page
    assert f"commune={cai_khe.pk}" in page  # the CSV link keeps the filter
    csv = staff.get("/en/reports/", {"year": 2024, "commune": cai_khe.pk, "format": "csv"})
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Club,School,Province,Ward or commune,Former district")
    assert len(lines) == 2 and "Phường An Hòa" in lines[1] and "Cần Thơ" in lines[1]

    by_province = staff.get("/en/reports/", {"year": 2024,
                                             "province": province_by_code("92").pk}).text
    assert 'data-figure="members">5<' in by_province and "CLB Hạ Long" not in by_province
    everything = staff.get("/en/reports/", {"year": 2024}).text
    assert 'data-figure="members">9<' in everything


def test_a_former_province_counts_under_its_successor(staff, clubs):
    rural = clubs[0]
    hau_giang = Province.objects.get(short_name="Hậu Giang")
    School.objects.filter(pk=rural.school_id).update(province=hau_giang, commune=None)
    page = staff.get("/en/clubs/", {"province": province_by_code("92").pk}).text
    assert "CLB Thạnh An" in page and "CLB An Hòa" in page and "CLB Hạ Long" not in page


def test_a_ward_of_another_province_is_a_message_not_a_filter(staff, clubs):
    page = staff.get("/en/clubs/", {"province": province_by_code("22").pk,
                                    "commune": Commune.objects.get(name="Xã Thạnh An").pk})
    assert page.status_code == 200
    assert "This ward or commune is in another province." in page.text
    assert "CLB Hạ Long" in page.text and "CLB Thạnh An" in page.text
    assert staff.get("/en/reports/", {"province": "nope"}).status_code == 200


def test_the_club_list_queries_do_not_grow_with_clubs(staff, clubs, django_assert_max_num_queries):
    for n in range(10):
        ClubFactory(name=f"CLB thêm {n}")
    from cms.profile import centre_profile

    centre_profile()
    with django_assert_max_num_queries(12):
        page = staff.get("/en/clubs/", {"province": province_by_code("92").pk})
    assert page.text.count("Phường Cái Khế, Cần Thơ") >= 10
