"""Centre staff on a 360 px phone open the yearly report, change the year, see a chart,
and download the XLSX and the PDF; the XLSX's figures equal the page's."""

import datetime as dt

import openpyxl
import pytest
from django.utils import timezone

from attendance.models import Attendance
from sessions.models import ClubSession
from tests.factories.accounts import StaffFactory
from tests.factories.attendance import AttendanceFactory
from tests.factories.clubs import ClubFactory, MembershipFactory
from tests.factories.sessions import ClubSessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def centre():
    now = timezone.now()
    clubs = [ClubFactory(name="Câu lạc bộ Thanh Thiếu Niên Hồng Trường THCS Nguyễn Trãi"),
             ClubFactory(name="CLB An Hòa")]
    for c, club in enumerate(clubs):
        pupils = [MembershipFactory(club=club, joined_on=dt.date(2024, 9, 5),
                                    pupil__gender=("female", "male")[i % 2]).pupil
                  for i in range(6 + c)]
        for weeks in (1, 3, 60):  # two this school year, one last year
            start = now - dt.timedelta(weeks=weeks)
            session = ClubSessionFactory(club=club, starts_at=start,
                                         ends_at=start + dt.timedelta(hours=2),
                                         kind=ClubSession.Kind.THEMATIC)
            for i, pupil in enumerate(pupils):
                AttendanceFactory(session=session, pupil=pupil,
                                  status=Attendance.Status.ABSENT if i == 0 else
                                  Attendance.Status.PRESENT)
    return clubs


def test_staff_read_and_download_the_report_on_a_phone(page, live_server, login, screenshot,
                                                        tmp_path):
    clubs = centre()
    StaffFactory(username="staff")
    page.set_viewport_size({"width": 360, "height": 780})
    login("staff")
    page.goto(f"{live_server.url}/en/reports/")
    chart = page.locator('[data-chart="sessions"] svg')
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] <= 360  # drawn to the phone's width, no sideways scrolling
    wide = page.evaluate("""[...document.querySelectorAll('body *')].filter(
        e => e.getBoundingClientRect().right > 361).slice(0, 8).map(
        e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, wide
    # The club table: names wrap by words, never letter by letter.
    name_cell = page.locator(".report-clubs tbody th").first
    assert name_cell.bounding_box()["width"] >= 150
    screenshot("report")

    year_select = page.locator("#id_year")
    this_year = year_select.input_value()
    year_select.select_option(str(int(this_year) - 1))
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    label = f"{int(this_year) - 1}-{this_year}"
    assert page.get_by_role("heading", level=1).inner_text().endswith(label)
    assert page.locator('[data-chart="sessions"] svg').is_visible()
    reached = int(page.locator('[data-figure="reached"]').inner_text().replace(",", ""))
    assert reached == 11  # last year: 5 + 6 who came
    screenshot("last-year")

    with page.expect_download() as info:
        page.locator('[data-export="xlsx"]').click()
    path = tmp_path / "report.xlsx"
    info.value.save_as(path)
    book = openpyxl.load_workbook(path)
    headline = {row[0]: row[1] for row in book["Headline"].iter_rows(min_row=3, values_only=True)}
    assert headline["pupils reached (members and guests)"] == reached
    sessions = int(page.locator('[data-figure="sessions"]').inner_text())
    total_row = list(book["Sessions by month"].iter_rows(values_only=True))[-1]
    assert total_row[0] == "Total" and sum(total_row[1:]) == sessions == 2
    clubs_sheet = {row[0]: row for row in book["Clubs"].iter_rows(min_row=3, values_only=True)}
    for club in clubs:
        cell = page.locator(".report-clubs tbody tr", has_text=club.name).locator("td").nth(1)
        assert clubs_sheet[club.name][5] == int(cell.inner_text())

    with page.expect_download() as info:
        page.locator('[data-export="pdf"]').click()
    pdf = tmp_path / "report.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
