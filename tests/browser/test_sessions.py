"""A leader on a phone plans a fortnightly series, cancels one date, casts a mock trial,
and the member's calendar feed (fetched and parsed like a calendar app would) follows."""

import datetime as dt
import urllib.request
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright.sync_api import expect

from sessions.feed_services import member_feed_token_get_or_create
from sessions.models import ClubSession, MockTrialCast, SessionSeries
from sessions.trial_services import mock_trial_create
from tests.factories.clubs import (
    ClubFactory,
    LeaderAssignmentFactory,
    MembershipFactory,
    PupilFactory,
)
from tests.factories.sessions import ClubSessionFactory

pytestmark = pytest.mark.django_db(transaction=True)
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def fetch_feed(url: str) -> icalendar.Calendar:
    with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - live test server
        assert response.status == 200
        return icalendar.Calendar.from_ical(response.read())


def test_leader_plans_cancels_and_casts_on_a_phone(page, live_server, login, screenshot):
    club = ClubFactory(name="CLB Hồng Thạnh An", slug="hong-thanh-an")
    LeaderAssignmentFactory(club=club, user__username="cohoa")
    pupil = PupilFactory(full_name="Nguyễn Thị Thúy Hoa", school=club.school)
    MembershipFactory(pupil=pupil, club=club)
    token = member_feed_token_get_or_create(pupil=pupil).token
    feed_url = f"{live_server.url}/feeds/member/{token}.ics"
    today = dt.date.today()
    first = today + dt.timedelta(days=(5 - today.weekday()) % 7 + 7)  # a Saturday ahead
    hearing = ClubSessionFactory(club=club, kind="mock_trial", title="Phiên tòa giả định",
                                 starts_at=dt.datetime.combine(first + dt.timedelta(days=60),
                                                               dt.time(8), tzinfo=VN))
    trial = mock_trial_create(hearing=hearing, case_title="Vụ án trộm cắp xe đạp",
                              legal_topic="theft")
    before = fetch_feed(feed_url)
    assert len(before.walk("VEVENT")) == 1

    login("cohoa")
    page.goto(f"{live_server.url}/en/sessions/new/")
    page.locator("#id_title").fill("Sinh hoạt hai tuần một lần")
    page.locator("#id_kind").select_option("activity")
    page.locator("#id_club").select_option(label=club.name)
    page.locator("#id_date").fill(first.isoformat())
    page.locator("#id_start_time").fill("14:00")
    page.locator("#id_end_time").fill("16:00")
    page.locator("#id_venue").fill("Phòng Đội")
    page.locator("#id_repeat").select_option("fortnightly")
    page.locator("#id_count").fill("6")
    screenshot("1-series-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Series planned: 6 sessions.")).to_be_visible()
    series = SessionSeries.objects.get()

    second = series.occurrences.order_by("starts_at")[1]
    page.goto(f"{live_server.url}/en/sessions/")
    page.locator(f'[data-session="{second.pk}"]').click()
    page.get_by_role("link", name="Cancel this session").click()
    page.get_by_label("Reason (members will see it)").fill("Trường tổ chức thi thử")
    screenshot("2-cancel")
    page.get_by_role("button", name="Cancel the session").click()
    expect(page.get_by_text("Cancelled: Trường tổ chức thi thử")).to_be_visible()

    page.goto(f"{live_server.url}/en/sessions/mock-trials/{trial.pk}/")
    page.locator("#id_cast-role").select_option("defendant")
    page.locator("#id_cast-pupil").select_option(label=f"{pupil.full_name} ({pupil.class_name})")
    page.locator("#cast-form").get_by_role("button", name="Cast").click()
    expect(page.locator("#cast")).to_contain_text(f"Defendant: {pupil.full_name}")
    screenshot("3-cast")
    assert MockTrialCast.objects.filter(trial=trial, pupil=pupil, role="defendant").exists()

    after = fetch_feed(feed_url)
    uid = f"series-{series.pk}@lalanh"
    master = [e for e in after.walk("VEVENT") if e["UID"] == uid and "RRULE" in e][0]
    assert master["RRULE"]["INTERVAL"] == [2] and master["RRULE"]["COUNT"] == [6]
    cancelled = [e for e in after.walk("VEVENT") if e["UID"] == uid and "RECURRENCE-ID" in e][0]
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["RECURRENCE-ID"].dt == second.occurrence_start.astimezone(VN)
    assert "Trường tổ chức thi thử" in str(cancelled["DESCRIPTION"])
    assert pupil.full_name not in after.to_ical().decode()
    assert ClubSession.objects.get(pk=second.pk).status == "cancelled"
