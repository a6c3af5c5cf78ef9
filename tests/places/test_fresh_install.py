"""A centre in another province sets itself up with the documented steps only: load its
province's units (places_load), fill the profile in the Wagtail admin, import its
schools; its pages, cards, calendars and filters then carry its own names."""

import icalendar
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site

from clubs.models import School
from places.selectors import communes_for_province, province_by_code
from tests.factories.accounts import StaffFactory
from tests.factories.clubs import (
    ClubFactory,
    LeaderAssignmentFactory,
    MemberCardFactory,
    MembershipFactory,
)
from tests.factories.cms import build_site

pytestmark = pytest.mark.django_db

QUANG_NINH_UNITS = (
    "Mã TP,Tỉnh / Thành Phố,Mã,Tên,Cấp\n"
    "22,Tỉnh Quảng Ninh,06652,Phường Hạ Long,Phường\n"
    "22,Tỉnh Quảng Ninh,06658,Phường Bãi Cháy,Phường\n"
    "22,Tỉnh Quảng Ninh,07192,Đặc khu Cô Tô,Đặc khu\n"
)


def test_a_centre_in_quang_ninh_from_scratch(client, tmp_path):
    build_site(languages=("vi",))
    units = tmp_path / "communes_22.csv"
    units.write_text(QUANG_NINH_UNITS, encoding="utf-8")
    call_command("places_load", str(units))
    quang_ninh = province_by_code("22")
    assert {c.name for c in communes_for_province(quang_ninh)} == {
        "Phường Hạ Long", "Phường Bãi Cháy", "Đặc khu Cô Tô"}

    staff = StaffFactory(username="qn-staff")
    staff.groups.add(Group.objects.get(name="Centre editors"))
    client.force_login(staff)
    site = Site.objects.get(is_default_site=True)
    response = client.post(reverse("wagtailsettings:edit",
                                   args=["cms", "centrecontactsettings", site.pk]), {
        "name": "Trung tâm Công tác xã hội tỉnh Quảng Ninh", "name_en": "",
        "short_name": "CTXH Quảng Ninh", "province": quang_ninh.pk, "address": "", "logo": "",
        "email": "", "hotline": "1800 6666", "hotline_hours": "", "national_hotline": "111",
        "national_hotline_hours": "24/7"})
    assert response.status_code == 302

    upload = tmp_path / "truong.csv"
    upload.write_text("Tên trường,Cấp,Phường/xã\nTrường THCS Bãi Cháy,THCS,Bãi Cháy\n"
                      "Trường THPT Cô Tô,THPT,Cô Tô\n", encoding="utf-8")
    with upload.open("rb") as f:
        preview = client.post(reverse("clubs:school_import"), {"file": f})
    assert "Tỉnh Quảng Ninh" in preview.text
    client.post(reverse("clubs:school_import"), {"payload": preview.context["preview"].payload})
    co_to = School.objects.get(name="Trường THPT Cô Tô")
    assert (co_to.province, co_to.commune.kind) == (quang_ninh, "special_zone")

    club = ClubFactory(school=co_to, name="CLB Cô Tô")
    ClubFactory(name="CLB Cần Thơ")  # a school of the factory's default province
    LeaderAssignmentFactory(user=staff, club=club)
    MemberCardFactory(pupil=MembershipFactory(club=club).pupil)
    clubs = client.get(reverse("clubs:my_clubs"), {"province": quang_ninh.pk}).text
    assert "CLB Cô Tô" in clubs and "CLB Cần Thơ" not in clubs
    assert "Đặc khu Cô Tô, Quảng Ninh" in clubs
    assert '<span data-centre="title">CTXH Quảng Ninh</span>' in clubs
    assert "Cần Thơ" not in client.get("/").text
    sheet = client.get(reverse("clubs:card_sheet", kwargs={"slug": club.slug})).text
    assert "CTXH Quảng Ninh · Gọi hỗ trợ: 111 · 1800 6666" in sheet
    assert "CTXH Quảng Ninh" in client.get(reverse("sessions:calendars")).text
    feed = icalendar.Calendar.from_ical(client.get("/feeds/public.ics").content)
    assert str(feed["X-WR-CALNAME"]).startswith("CTXH Quảng Ninh: ")
