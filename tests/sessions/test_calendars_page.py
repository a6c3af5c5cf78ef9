"""The page that hands out private calendar addresses, and renews or stops them."""

import pytest

from sessions.models import MemberFeedToken, UserFeedToken

pytestmark = pytest.mark.django_db


def test_member_gets_renews_and_stops_their_address(client, member):
    client.force_login(member.user)
    page = client.get("/en/sessions/calendars/")
    first = MemberFeedToken.objects.get(pupil=member)
    assert first.token in page.content.decode()
    client.post("/en/sessions/calendars/renew/", {"scope": "member", "action": "renew"})
    first.refresh_from_db()
    assert first.revoked_at is not None
    second = MemberFeedToken.objects.get(pupil=member, revoked_at__isnull=True)
    assert client.get(f"/feeds/member/{first.token}.ics").status_code == 404
    assert client.get(f"/feeds/member/{second.token}.ics").status_code == 200
    client.post("/en/sessions/calendars/renew/", {"scope": "member", "action": "revoke"})
    assert client.get(f"/feeds/member/{second.token}.ics").status_code == 404


def test_leader_gets_a_club_address_but_not_for_other_clubs(client, leader, club, other_club):
    client.force_login(leader)
    page = client.get("/en/sessions/calendars/").content.decode()
    token = UserFeedToken.objects.get(user=leader, club=club)
    assert token.token in page
    assert client.post("/en/sessions/calendars/renew/",
                       {"scope": other_club.slug}).status_code == 404
    assert not UserFeedToken.objects.filter(club=other_club).exists()


def test_staff_get_a_centre_address(client, staff):
    client.force_login(staff)
    client.get("/en/sessions/calendars/")
    token = UserFeedToken.objects.get(user=staff, club=None)
    assert client.get(f"/feeds/t/{token.token}.ics").status_code == 200
