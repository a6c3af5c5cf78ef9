"""Centre staff and leaders read the yearly report: headline figures beside last year's,
charts with their tables, filters."""

import datetime as dt

import pytest
import time_machine

from cms.taxonomy import Topic
from reports.selectors import ReportScope, SchoolYear, yearly_report
from tests.factories.accounts import LeaderUserFactory, StaffFactory
from tests.factories.clubs import BoardRoleFactory, MembershipFactory
from tests.reports.conftest import NOW

pytestmark = pytest.mark.django_db


def test_school_year_runs_from_september_to_august():
    assert SchoolYear.containing(dt.date(2025, 3, 1)) == SchoolYear(2024)
    assert SchoolYear.containing(dt.date(2024, 9, 1)).label == "2024-2025"
    assert SchoolYear(2024).end == dt.date(2025, 8, 31)
    assert SchoolYear(2024).months()[0] == dt.date(2024, 9, 1)
    assert SchoolYear(2024).months()[-1] == dt.date(2025, 8, 1)


def test_figures_count_what_was_held_and_who_was_reached(centre):
    ours, theirs, _leader = centre
    report = yearly_report(year=SchoolYear(2024), now=NOW)
    assert report.figure("thematic") == 1  # the August one has not happened yet
    assert report.figure("mock-trials") == 1
    assert report.figure("sessions") == 3  # cancelled ones are not held
    assert report.figure("members") == 4
    assert report.member_pupils_reached == 2  # absent is not reached; one pupil twice
    assert report.guests == 250
    assert report.figure("reached") == 252
    # present 2 + late 1 of 4 expected (the excused absence is not expected)
    assert report.figure("rate") == 75.0
    rows = {row.club.name: row for row in report.per_club}
    assert (rows[ours.name].members, rows[ours.name].sessions_held) == (3, 2)
    assert (rows[theirs.name].members, rows[theirs.name].sessions_held) == (1, 1)
    assert rows[ours.name].attendances == 2
    assert rows[theirs.name].rate == 50.0


def test_headline_stands_beside_last_year(centre):
    report = yearly_report(year=SchoolYear(2024), now=NOW)
    thematic = next(h for h in report.headline if h.key == "thematic")
    assert (thematic.value, thematic.previous, thematic.change) == (1, 1, 0)
    members = next(h for h in report.headline if h.key == "members")
    # the alumna left in June 2023, before 2023-2024 began
    assert (members.value, members.previous, members.change) == (4, 0, 4)
    assert members.change_percent is None  # no percentage of nothing


def test_tables_behind_the_charts(centre):
    report = yearly_report(year=SchoolYear(2024), now=NOW)
    sessions = report.table("sessions")
    assert len(sessions.rows) == 12 and sessions.rows[0][0] == "09/2024"
    assert sessions.total[1:] and sum(sessions.total[1:]) == 3
    assert dict(report.table("reached-gender").rows) == {"Nữ": 2}
    assert dict(report.table("reached-grade").rows) == {"Lớp 8": 2}
    topics = dict(report.table("topics").rows)
    assert topics[str(Topic.DRUG_PREVENTION.label)] == 1
    assert sum(topics.values()) == 3  # the factory's sessions have a topic of their own
    assert dict(report.table("members-years").rows)["2024-2025"] == 4


def test_filters_narrow_every_figure(centre):
    ours, theirs, _leader = centre
    by_gender = yearly_report(year=SchoolYear(2024), now=NOW, scope=ReportScope(gender="male"))
    assert by_gender.figure("members") == 1 and by_gender.figure("reached") == 0
    by_topic = yearly_report(year=SchoolYear(2024), now=NOW,
                             scope=ReportScope(topic="drug_prevention"))
    assert by_topic.figure("sessions") == 1 and by_topic.figure("reached") == 2
    by_club = yearly_report(year=SchoolYear(2024), now=NOW, scope=ReportScope(club_id=theirs.pk))
    assert [row.club for row in by_club.per_club] == [theirs]
    assert by_club.figure("reached") == 251
    by_school = yearly_report(year=SchoolYear(2024), now=NOW,
                              scope=ReportScope(school_id=ours.school_id))
    assert by_school.figure("sessions") == 2


@time_machine.travel(NOW)
def test_staff_page_shows_headline_charts_and_tables(client, centre):
    client.force_login(StaffFactory())
    page = client.get("/en/reports/?year=2024")
    assert page.status_code == 200
    assert "Figures for the school year 2024-2025" in page.text
    assert 'data-figure="reached">252<' in page.text
    assert 'data-chart="sessions"' in page.text and "<svg" in page.text
    assert 'data-table="reached-school"' in page.text  # the table behind the chart
    assert "last year 1" in page.text


@time_machine.travel(NOW)
def test_a_year_without_data_says_so(client, centre):
    client.force_login(StaffFactory())
    page = client.get("/en/reports/?year=2019")
    assert page.status_code == 200
    assert 'data-chart-empty="sessions"' in page.text
    assert "No data for this year." in page.text


@pytest.mark.parametrize("year", ["abc", "1850", "99999"])
def test_odd_year_gives_a_message_and_the_current_year(client, year):
    client.force_login(StaffFactory())
    with time_machine.travel(NOW):
        page = client.get("/en/reports/", {"year": year})
    assert page.status_code == 200
    assert "2024-2025" in page.text
    assert ("choose a school year" in page.text.lower())


def test_year_message_is_translated(client):
    client.force_login(StaffFactory())
    with time_machine.travel(NOW):
        page = client.get("/reports/", {"year": "1850"})
    assert "Không có số liệu cho năm 1850" in page.text


@time_machine.travel(NOW)
def test_leader_sees_the_report_for_their_own_clubs_only(client, centre):
    ours, theirs, leader = centre
    client.force_login(leader)
    page = client.get("/en/reports/?year=2024")
    assert page.status_code == 200
    assert theirs.name in page.text and ours.name not in page.text
    assert 'data-figure="reached">251<' in page.text
    # asking for someone else's club is refused by the filter, not shown
    page = client.get(f"/en/reports/?year=2024&club={ours.pk}")
    assert ours.name not in page.text


def test_report_is_for_staff_and_leaders_only(client, centre):
    assert client.get("/en/reports/").status_code == 302
    client.force_login(LeaderUserFactory())  # leads no club
    assert client.get("/en/reports/").status_code == 403
    ours = centre[0]
    board = BoardRoleFactory(membership=MembershipFactory(club=ours)).membership.pupil
    board.user = LeaderUserFactory(role="pupil")
    board.save()
    client.force_login(board.user)
    assert client.get("/en/reports/").status_code == 403


def test_topics_come_from_the_cms_materials_the_sessions_used(centre):
    from tests.factories.cms import add_material, build_site
    from tests.factories.sessions import ClubSessionFactory, vn

    site = build_site(languages=("vi",))
    material = add_material(site.libraries["vi"], topic="online_safety")
    ours = centre[0]
    session = ClubSessionFactory(club=ours, starts_at=vn(2025, 1, 11, 14), topic="")
    session.materials.add(material)
    report = yearly_report(year=SchoolYear(2024), now=NOW)
    assert dict(report.table("topics").rows)[str(Topic.ONLINE_SAFETY.label)] == 1
    by_topic = yearly_report(year=SchoolYear(2024), now=NOW,
                             scope=ReportScope(topic="online_safety"))
    assert by_topic.figure("sessions") == 1
