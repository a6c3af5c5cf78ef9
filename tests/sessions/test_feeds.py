"""iCalendar feeds, read back by three independent clients: icalendar's parser,
recurring-ical-events (expansion) and Debian's khal (import + list)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from sessions.feed_services import (
    member_feed_token_get_or_create,
    member_feed_token_renew,
    member_feed_token_revoke,
    user_feed_token_get_or_create,
)
from sessions.services import (
    SessionPlan,
    series_create,
    series_update_following,
    session_cancel,
    session_update,
)
from tests.factories.sessions import ClubSessionFactory, vn
from tests.sessions.conftest import FEEDS
from tests.sessions.ical_clients import expand, khal_import_and_list, parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("early_school_year")]


@pytest.fixture
def early_school_year():
    # Feeds carry the last 120 days and everything ahead: look from the start of 2024-25.
    with time_machine.travel(vn(2024, 9, 1, 8), tick=False):
        yield


def member_url(pupil):
    return f"/feeds/member/{member_feed_token_get_or_create(pupil=pupil).token}.ics"


def events(cal, uid=None):
    found = list(cal.walk("VEVENT"))
    return [e for e in found if uid is None or str(e["UID"]) == uid]


def test_member_feed_publishes_series_skips_and_cancellation(client, member, fortnightly):
    cancelled = fortnightly.occurrences.order_by("starts_at")[2]
    session_cancel(session=cancelled, reason="Mưa bão")
    response = client.get(member_url(member))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = parse(response.content)

    assert str(cal["X-WR-CALNAME"])
    assert cal["REFRESH-INTERVAL"].dt == dt.timedelta(hours=6)
    assert "X-PUBLISHED-TTL:PT6H" in response.content.decode()
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]

    uid = f"series-{fortnightly.pk}@lalanh"
    master, override = events(cal, uid)
    assert master["RRULE"]["FREQ"] == ["WEEKLY"] and master["RRULE"]["INTERVAL"] == [2]
    assert [d.dt for d in master["EXDATE"].dts] == [vn(2024, 10, 19, 14)]
    assert master.walk("VALARM")[0]["TRIGGER"].dt == -dt.timedelta(hours=1)
    assert override["STATUS"] == "CANCELLED"
    assert override["RECURRENCE-ID"].dt == vn(2024, 10, 5, 14)
    assert "Mưa bão" in str(override["DESCRIPTION"])

    shown = expand(response.content, dt.date(2024, 9, 1), dt.date(2025, 6, 1))
    starts = sorted(e["DTSTART"].dt for e in shown)
    assert len(starts) == 8
    assert vn(2024, 10, 5, 14) not in starts and vn(2024, 10, 19, 14) not in starts

    listing, stderr = khal_import_and_list(response.content, "2024-09-01")
    assert stderr == ""
    assert "2024-10-05 14:00 2024-10-05 16:00 Sinh hoạt định kỳ [CANCELLED ]" in listing
    assert "2024-10-19" not in listing
    assert listing.count("[CONFIRMED ]") == 8


def test_feeds_never_carry_private_notes_or_pupil_names(client, member, fortnightly, club):
    from sessions.trial_services import mock_trial_cast, mock_trial_create

    hearing = ClubSessionFactory(club=club, kind="mock_trial", title="Phiên tòa giả định",
                                 audience="public", private_notes="Bị cáo đóng vai: em Ba",
                                 starts_at=vn(2024, 11, 20, 8))
    trial = mock_trial_create(hearing=hearing, case_title="Vụ trộm cắp", legal_topic="theft")
    mock_trial_cast(trial=trial, pupil=member, role="defendant")
    for url in (member_url(member), "/feeds/public.ics"):
        body = client.get(url).content.decode()
        assert "Phiên tòa giả định" in body
        assert member.full_name not in body
        assert "Em A cần hỗ trợ riêng" not in body and "em Ba" not in body


def test_public_feed_has_only_public_sessions(client, club, fortnightly):
    ClubSessionFactory(club=club, title="Ngày hội công khai", audience="public",
                       starts_at=vn(2024, 12, 1, 8))
    ClubSessionFactory(club=club, title="Ngày hội đã hủy", audience="public",
                       status="cancelled", cancel_reason="Trùng lịch thi",
                       starts_at=vn(2024, 12, 8, 8))
    response = client.get("/feeds/public.ics")
    cal = parse(response.content)
    titles = {str(e["SUMMARY"]): str(e["STATUS"]) for e in events(cal)}
    assert titles == {"Ngày hội công khai": "CONFIRMED", "Ngày hội đã hủy": "CANCELLED"}
    assert response["Cache-Control"].startswith("public")
    _listing, stderr = khal_import_and_list(response.content, "2024-09-01")
    assert stderr == ""


def test_sequence_rises_and_uid_stays_on_each_change(client, member, club):
    session = ClubSessionFactory(club=club, starts_at=vn(2024, 10, 1, 8))
    first = events(parse(client.get(member_url(member)).content))[0]
    plan = SessionPlan.from_session(session)
    session_update(session=session, plan=plan, starts_at=vn(2024, 10, 1, 9),
                   ends_at=vn(2024, 10, 1, 11))
    second = events(parse(client.get(member_url(member)).content))[0]
    session_cancel(session=session, reason="Giáo viên ốm")
    third = events(parse(client.get(member_url(member)).content))[0]
    assert first["UID"] == second["UID"] == third["UID"] == f"session-{session.pk}@lalanh"
    assert first["SEQUENCE"] < second["SEQUENCE"] < third["SEQUENCE"]
    assert second["DTSTART"].dt == vn(2024, 10, 1, 9)
    assert third["STATUS"] == "CANCELLED" and not third.walk("VALARM")


def test_this_and_following_splits_the_series_in_the_feed(client, member, fortnightly, club):
    occurrence = fortnightly.occurrences.order_by("starts_at")[4]  # 16 Nov
    new = series_update_following(
        session=occurrence,
        plan=SessionPlan(title="Sinh hoạt giờ mới", kind="activity", club=club, venue="Phòng 12"),
        starts_at=vn(2024, 11, 16, 15), ends_at=vn(2024, 11, 16, 17), frequency="fortnightly",
        count=5,
    )
    body = client.get(member_url(member)).content
    cal = parse(body)
    old_master = events(cal, f"series-{fortnightly.pk}@lalanh")[0]
    new_master = events(cal, f"series-{new.pk}@lalanh")[0]
    assert old_master["SEQUENCE"] == 1
    assert old_master["RRULE"]["UNTIL"][0].date() <= dt.date(2024, 11, 15)
    assert new_master["DTSTART"].dt == vn(2024, 11, 16, 15)
    shown = expand(body, dt.date(2024, 9, 1), dt.date(2025, 6, 1))
    assert sorted(str(e["SUMMARY"]) for e in shown).count("Sinh hoạt giờ mới") == 5
    listing, stderr = khal_import_and_list(body, "2024-09-01")
    assert stderr == ""
    assert "2024-11-16 15:00 2024-11-16 17:00 Sinh hoạt giờ mới" in listing
    assert "2024-11-16 14:00" not in listing


def test_edited_single_occurrence_is_an_override(client, member, fortnightly):
    occurrence = fortnightly.occurrences.order_by("starts_at")[1]
    plan = SessionPlan.from_session(occurrence)
    session_update(session=occurrence, plan=plan, starts_at=vn(2024, 9, 22, 8),
                   ends_at=vn(2024, 9, 22, 10))
    body = client.get(member_url(member)).content
    override = [e for e in events(parse(body)) if "RECURRENCE-ID" in e][0]
    assert override["RECURRENCE-ID"].dt == vn(2024, 9, 21, 14)
    assert override["DTSTART"].dt == vn(2024, 9, 22, 8)
    listing, stderr = khal_import_and_list(body, "2024-09-01")
    assert stderr == "" and "2024-09-22 08:00" in listing and "2024-09-21" not in listing


def test_unchanged_feed_answers_304_and_a_change_gives_200(client, member, fortnightly):
    url = member_url(member)
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    with time_machine.travel(vn(2024, 9, 2, 8), tick=False):
        session_cancel(session=fortnightly.occurrences.first(), reason="Bão")
        changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_revoked_member_address_is_404_and_renewal_works(client, member, fortnightly):
    old = member_url(member)
    assert client.get(old).status_code == 200
    new = member_feed_token_renew(pupil=member)
    assert client.get(old).status_code == 404
    assert client.get(f"/feeds/member/{new.token}.ics").status_code == 200
    member_feed_token_revoke(pupil=member)
    assert client.get(f"/feeds/member/{new.token}.ics").status_code == 404
    assert client.get("/feeds/member/not-a-token.ics").status_code == 404
    assert len(new.token) >= 32  # 192 random bits, url-safe


def test_member_feed_leaves_out_other_clubs(client, member, other_club):
    ClubSessionFactory(club=other_club, title="Của câu lạc bộ khác", starts_at=vn(2024, 10, 2, 8))
    assert "Của câu lạc bộ khác" not in client.get(member_url(member)).content.decode()


def test_leader_club_token_stops_when_the_leader_leaves(client, club, leader, fortnightly):
    token = user_feed_token_get_or_create(user=leader, club=club)
    url = f"/feeds/t/{token.token}.ics"
    response = client.get(url)
    assert response.status_code == 200 and "Sinh hoạt định kỳ" in response.content.decode()
    leader.leader_assignments.update(ends_on=dt.date(2024, 9, 2))
    with time_machine.travel(vn(2024, 9, 5, 8), tick=False):
        assert client.get(url).status_code == 404


def test_centre_feed_is_for_staff_only(client, staff, leader, fortnightly, other_club):
    ClubSessionFactory(club=other_club, title="Ở Cái Răng", starts_at=vn(2024, 10, 2, 8))
    staff_token = user_feed_token_get_or_create(user=staff)
    body = client.get(f"/feeds/t/{staff_token.token}.ics").content.decode()
    assert "Ở Cái Răng" in body and "Sinh hoạt định kỳ" in body
    leader_token = user_feed_token_get_or_create(user=leader)  # not staff: never valid
    assert client.get(f"/feeds/t/{leader_token.token}.ics").status_code == 404
    assert client.get("/feeds/centre.ics").status_code == 302  # to the sign-in page
    client.force_login(leader)
    assert client.get("/feeds/centre.ics").status_code == 404
    client.force_login(staff)
    assert client.get("/feeds/centre.ics").status_code == 200


def test_signed_in_club_feed_needs_a_role_in_the_club(client, club, other_club, leader):
    client.force_login(leader)
    assert client.get(f"/feeds/club/{club.slug}.ics").status_code == 200
    assert client.get(f"/feeds/club/{other_club.slug}.ics").status_code == 404


@pytest.mark.parametrize("feed", ["member", "public", "club_token", "centre_token"])
def test_feed_queries_do_not_grow_with_a_year_of_sessions(
    client, member, club, leader, staff, feed, django_assert_max_num_queries
):
    url = {
        "member": lambda: member_url(member),
        "public": lambda: "/feeds/public.ics",
        "club_token": lambda: f"/feeds/t/{user_feed_token_get_or_create(user=leader, club=club).token}.ics",  # noqa: E501
        "centre_token": lambda: f"/feeds/t/{user_feed_token_get_or_create(user=staff).token}.ics",
    }[feed]()
    plan = SessionPlan(title="Tháng", kind="activity", club=club, audience="public")
    series_create(plan=plan, starts_at=vn(2024, 9, 3, 7), ends_at=vn(2024, 9, 3, 8),
                  frequency="weekly", count=4)
    with django_assert_max_num_queries(20) as month:
        assert client.get(url).status_code == 200
    series = series_create(plan=plan, starts_at=vn(2024, 9, 4, 7), ends_at=vn(2024, 9, 4, 8),
                           frequency="weekly", count=40)
    for occurrence in series.occurrences.all()[:5]:
        session_cancel(session=occurrence, reason="Nghỉ")
    for day in range(20):
        ClubSessionFactory(club=club, audience="public", starts_at=vn(2024, 10, 1 + day, 18))
    with django_assert_max_num_queries(len(month.captured_queries)):
        response = client.get(url)
    assert len(events(parse(response.content))) > 25


def test_feed_times_stay_in_vietnam_time(client, member, fortnightly):
    body = client.get(member_url(member)).content.decode()
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20240907T140000" in body
    assert timezone.localtime(fortnightly.dtstart).hour == 14


@pytest.mark.parametrize("feed", FEEDS)
def test_every_feed_reads_cleanly_in_all_three_clients(client, feed, feed_url, club,
                                                       edited_fortnightly):
    ClubSessionFactory(club=club, title="Ngày hội mở", audience="public",
                       starts_at=vn(2024, 11, 2, 7, 30))
    ClubSessionFactory(club=None, title="Sự kiện trung tâm", audience="public",
                       starts_at=vn(2024, 11, 9, 7, 30))
    url = feed_url(feed)
    body = client.get(url).content
    cal = parse(body)
    assert cal.walk("VTIMEZONE") and cal["X-WR-CALNAME"]
    shown = expand(body, dt.date(2024, 9, 1), dt.date(2025, 6, 1))
    titles = [str(e["SUMMARY"]) for e in shown]
    assert "Ngày hội mở" in titles
    if feed != "public":
        assert titles.count("Sinh hoạt định kỳ") == 8  # 9 dates, one cancelled
        assert vn(2024, 10, 6, 8) in [e["DTSTART"].dt for e in shown]
    listing, stderr = khal_import_and_list(body, "2024-09-01")
    assert stderr == ""
    assert "Ngày hội mở" in listing


@pytest.mark.parametrize("kind", ["member", "t"])
@pytest.mark.parametrize("token", ["a%00b", "%00", "%C3%A9t%C3%A9", "a.b"])
def test_a_malformed_feed_address_is_a_404_not_a_500(client, kind, token):
    """Calendar apps send back whatever address they were given, and PostgreSQL refuses a
    NUL byte in a query (it was a 500 there): an address that no token can be is a 404."""
    assert client.get(f"/feeds/{kind}/{token}.ics").status_code == 404


def test_a_deactivated_accounts_addresses_stop_at_once(client, club, leader, staff, fortnightly):
    """sessions.access.feed_token_scope: rights are read again on every poll."""
    club_url = f"/feeds/t/{user_feed_token_get_or_create(user=leader, club=club).token}.ics"
    centre_url = f"/feeds/t/{user_feed_token_get_or_create(user=staff).token}.ics"
    assert client.get(club_url).status_code == 200 and client.get(centre_url).status_code == 200
    for user in (leader, staff):
        user.is_active = False
        user.save(update_fields=["is_active"])
    assert client.get(club_url).status_code == 404 and client.get(centre_url).status_code == 404
