"""Issue 16, points 6 and 7: the session page leads to its attendance for those who run
it, and offers the session as a calendar file; the calendars page offers every feed the
user may have, with webcal links, a copy button and phone instructions."""

import datetime as dt

import icalendar
import pytest
from django.utils import timezone

from sessions.models import MemberFeedToken, UserFeedToken
from tests.factories.accounts import UserFactory
from tests.factories.clubs import BoardRoleFactory, MembershipFactory, PupilFactory
from tests.factories.sessions import ClubSessionFactory

pytestmark = pytest.mark.django_db

ATTENDANCE_LINKS = ("/en/attendance/sessions/{pk}/", "/en/attendance/sessions/{pk}/scanner/",
                    "/en/attendance/sessions/{pk}/projector/")


def _links(page: str, pk: int) -> list[bool]:
    return [f'href="{link.format(pk=pk)}"' in page for link in ATTENDANCE_LINKS]


@pytest.mark.parametrize("who, sees", [("leader", True), ("staff", True), ("member", False),
                                       ("board", False)])
def test_the_session_page_links_to_its_roster_scanner_and_projector_for_who_runs_it(
    client, club, leader, staff, member, who, sees
):
    session = ClubSessionFactory(club=club)
    board = BoardRoleFactory(membership=MembershipFactory(
        club=club, pupil=PupilFactory(school=club.school, user=UserFactory()))
    ).membership.pupil.user
    user = {"leader": leader, "staff": staff, "member": member.user, "board": board}[who]
    client.force_login(user)
    page = client.get(f"/en/sessions/{session.pk}/").content.decode()
    assert _links(page, session.pk) == [sees] * 3
    if sees:  # and each link opens for them
        for link in ATTENDANCE_LINKS:
            assert client.get(link.format(pk=session.pk)).status_code == 200


def test_a_cancelled_session_has_no_attendance_links_nor_calendar_file(client, club, leader):
    session = ClubSessionFactory(club=club, status="cancelled")
    client.force_login(leader)
    page = client.get(f"/en/sessions/{session.pk}/").content.decode()
    assert _links(page, session.pk) == [False] * 3
    assert f"/en/sessions/{session.pk}/calendar.ics" not in page
    assert client.get(f"/en/sessions/{session.pk}/calendar.ics").status_code == 404


def test_add_this_session_to_my_calendar_downloads_one_event(client, club, member):
    session = ClubSessionFactory(club=club, title="Phòng chống xâm hại", private_notes="Em A")
    client.force_login(member.user)
    page = client.get(f"/en/sessions/{session.pk}/").content.decode()
    assert f'href="/en/sessions/{session.pk}/calendar.ics" download' in page
    response = client.get(f"/en/sessions/{session.pk}/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    cal = icalendar.Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Phòng chống xâm hại"]
    assert events[0]["dtstart"].dt == session.starts_at
    assert b"Em A" not in response.content  # private notes never leave in a file


def test_no_calendar_file_for_a_session_the_user_may_not_see(client, other_club, member):
    session = ClubSessionFactory(club=other_club)
    client.force_login(member.user)
    assert client.get(f"/en/sessions/{session.pk}/calendar.ics").status_code == 404


def test_the_calendars_page_offers_webcal_copy_and_right_phone_instructions(client, member):
    client.force_login(member.user)
    page = client.get("/en/sessions/calendars/").content.decode()
    token = MemberFeedToken.objects.get(pupil=member).token
    assert f'href="webcal://testserver/feeds/member/{token}.ics"' in page
    assert "webcal://testserver/feeds/public.ics" in page
    assert page.count("data-copy") >= 2
    assert "cannot add a calendar by its address" in page  # Google's phone app
    assert "calendar.google.com" in page and "From URL" in page
    assert "Add Subscribed Calendar" in page


def test_a_volunteer_who_facilitates_gets_a_private_feed_of_their_sessions(
    client, club, other_club
):
    volunteer = UserFactory(username="tinhnguyen", role="volunteer")
    soon = timezone.now() + dt.timedelta(days=3)  # feeds hold the coming sessions
    theirs = ClubSessionFactory(club=club, title="Buổi tôi dẫn", starts_at=soon)
    theirs.facilitators.add(volunteer)
    ClubSessionFactory(club=other_club, title="Buổi khác", starts_at=soon)
    client.force_login(volunteer)
    page = client.get("/en/sessions/calendars/").content.decode()
    token = UserFeedToken.objects.get(user=volunteer, club=None, revoked_at=None)
    assert "Sessions I facilitate" in page and f"/feeds/t/{token.token}.ics" in page
    client.logout()  # a calendar app fetches it without signing in
    feed = client.get(f"/feeds/t/{token.token}.ics")
    assert feed.status_code == 200
    titles = [str(e["summary"]) for e in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")]
    assert titles == ["Buổi tôi dẫn"]
    # Renewing it stops the old address.
    client.force_login(volunteer)
    client.post("/en/sessions/calendars/renew/", {"scope": "centre", "action": "renew"})
    assert client.get(f"/feeds/t/{token.token}.ics").status_code == 404


def test_a_user_who_facilitates_nothing_gets_no_such_feed(client, member):
    client.force_login(member.user)
    page = client.get("/en/sessions/calendars/").content.decode()
    assert "Sessions I facilitate" not in page
    assert not UserFeedToken.objects.filter(user=member.user).exists()


def test_board_members_and_staff_see_the_signed_in_club_and_centre_files(client, club, staff):
    client.force_login(staff)
    page = client.get("/en/sessions/calendars/").content.decode()
    assert 'href="/feeds/centre.ics"' in page
    assert "webcal://testserver/feeds/t/" in page
