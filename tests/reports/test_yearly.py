"""Centre staff produce the yearly figures the articles report."""

import datetime as dt

import pytest
import time_machine

from attendance.models import Attendance, GuestAttendance
from reports.selectors import SchoolYear, yearly_figures
from sessions.models import ClubSession
from tests.factories.accounts import LeaderUserFactory, StaffFactory
from tests.factories.attendance import AttendanceFactory
from tests.factories.clubs import ClubFactory, MembershipFactory
from tests.factories.sessions import ClubSessionFactory, vn

pytestmark = pytest.mark.django_db
NOW = vn(2025, 6, 30, 12, 0)


@pytest.fixture
def centre():
    """Two clubs in 2024-25: a thematic session, a mock trial with guests, a club activity,
    a cancelled session, a session still to come, and one from the year before."""
    ours, theirs = ClubFactory(name="CLB Thạnh An"), ClubFactory(name="CLB An Hòa")
    members = [MembershipFactory(club=ours).pupil for _ in range(3)]
    MembershipFactory(club=theirs)
    MembershipFactory(club=ours, joined_on=dt.date(2022, 9, 1), left_on=dt.date(2023, 6, 1),
                      status="alumni", leave_reason="Chuyển trường")  # left before the year
    thematic = ClubSessionFactory(club=ours, kind=ClubSession.Kind.THEMATIC,
                                  starts_at=vn(2024, 10, 5, 14))
    trial = ClubSessionFactory(club=theirs, kind=ClubSession.Kind.MOCK_TRIAL,
                               starts_at=vn(2025, 3, 8, 8))
    ClubSessionFactory(club=ours, starts_at=vn(2024, 11, 2, 14))
    ClubSessionFactory(club=ours, starts_at=vn(2024, 12, 7, 14),
                       status=ClubSession.Status.CANCELLED, cancel_reason="Mưa bão")
    ClubSessionFactory(club=ours, kind=ClubSession.Kind.THEMATIC, starts_at=vn(2025, 8, 1, 14))
    ClubSessionFactory(club=ours, kind=ClubSession.Kind.THEMATIC, starts_at=vn(2024, 5, 1, 14))
    for pupil in members[:2]:
        AttendanceFactory(session=thematic, pupil=pupil)
    AttendanceFactory(session=trial, pupil=members[0], status=Attendance.Status.LATE)
    AttendanceFactory(session=trial, pupil=members[2], status=Attendance.Status.ABSENT)
    GuestAttendance.objects.create(session=trial, headcount=250)
    return ours, theirs


def test_school_year_runs_from_september_to_august():
    assert SchoolYear.containing(dt.date(2025, 3, 1)) == SchoolYear(2024)
    assert SchoolYear.containing(dt.date(2024, 9, 1)).label == "2024-2025"
    assert SchoolYear(2024).end == dt.date(2025, 8, 31)


def test_figures_count_what_was_held_and_who_was_reached(centre):
    ours, theirs = centre
    figures = yearly_figures(year=SchoolYear(2024), now=NOW)
    assert figures.thematic_sessions_held == 1  # the August one has not happened yet
    assert figures.mock_trials_held == 1
    assert sum(figures.sessions_held.values()) == 3  # cancelled ones are not held
    assert figures.members == 4
    assert figures.member_pupils_reached == 2  # absent is not reached; one pupil twice
    assert figures.guests == 250
    assert figures.pupils_reached == 252
    rows = {row.club.name: row for row in figures.per_club}
    assert (rows[ours.name].members, rows[ours.name].sessions_held) == (3, 2)
    assert (rows[theirs.name].members, rows[theirs.name].sessions_held) == (1, 1)
    assert rows[ours.name].attendances == 2


def test_figures_take_the_same_queries_for_two_clubs_and_twenty(
    centre, django_assert_num_queries
):
    with django_assert_num_queries(6):
        yearly_figures(year=SchoolYear(2024), now=NOW)
    for _ in range(18):
        club = ClubFactory()
        MembershipFactory(club=club)
        ClubSessionFactory(club=club, starts_at=vn(2024, 10, 12, 14))
    with django_assert_num_queries(6):
        figures = yearly_figures(year=SchoolYear(2024), now=NOW)
    assert len(figures.per_club) == 20


@time_machine.travel(NOW)
def test_staff_page_and_csv_show_the_figures(client, centre):
    client.force_login(StaffFactory())
    page = client.get("/en/reports/?year=2024")
    assert page.status_code == 200
    assert "Figures for the school year 2024-2025" in page.text
    assert 'data-figure="reached">252<' in page.text
    download = client.get("/en/reports/?year=2024&format=csv")
    assert download["Content-Type"].startswith("text/csv")
    text = download.content.decode("utf-8-sig")
    assert "CLB Thạnh An" in text and "CLB An Hòa" in text


@pytest.mark.parametrize("year", ["abc", "1850", "99999", ""])
def test_odd_year_falls_back_to_the_current_one(client, year):
    client.force_login(StaffFactory())
    with time_machine.travel(NOW):
        page = client.get("/en/reports/", {"year": year})
    assert page.status_code == 200
    assert "2024-2025" in page.text


def test_figures_are_for_centre_staff_only(client):
    assert client.get("/en/reports/").status_code == 302
    client.force_login(LeaderUserFactory())
    assert client.get("/en/reports/").status_code == 403


@time_machine.travel(NOW)
def test_csv_keeps_formula_like_names_as_text(client, centre):
    """Club and school names are typed by staff; in the download they stay text (OWASP:
    a cell starting with = + - @ tab or CR gets a leading apostrophe)."""
    import csv
    import io

    ours, theirs = centre
    ours.name = "-2+3+cmd|' /C calc'!A0"
    ours.save(update_fields=["name"])
    theirs.school.name = '+1+HYPERLINK("http://x")'
    theirs.school.save(update_fields=["name"])
    client.force_login(StaffFactory())
    download = client.get("/en/reports/?year=2024&format=csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert "'-2+3+cmd|' /C calc'!A0" in cells
    assert "'+1+HYPERLINK(\"http://x\")" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
