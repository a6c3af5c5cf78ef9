"""A pupil of another club who is refused at a session is shown to that session's leader
without anything that identifies the child: on the roster page, its live fragment and
the live API."""

import json
import uuid

import pytest

from attendance import tokens
from attendance.models import RefusedScan
from tests.factories.attendance import member_with_card
from tests.factories.clubs import ClubFactory, MembershipFactory

pytestmark = pytest.mark.django_db
OUTSIDER = "Phạm Thị Thanh Hương"


def _leader_views(client, session) -> list:
    """Everything the session's leader reads about it: the page and the fragment as
    HTML, the live API as its raw body (names \\u-escaped) and as parsed JSON."""
    texts = []
    for url in (
        f"/en/attendance/sessions/{session.pk}/",
        f"/en/attendance/sessions/{session.pk}/live/",
        f"/api/attendance/sessions/{session.pk}/live",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        texts.append(response.content.decode())
    texts.append(json.dumps(client.get(url).json(), ensure_ascii=False))
    return texts


def _by_projected_code(client, session, card, leader):
    client.post(f"/checkin/card/{card.secret}/")  # the pupil pairs their own phone
    client.get(f"/checkin/p/{tokens.projector_token_make(session_id=session.pk)}/")


def _by_typed_code(client, session, card, leader):
    client.post(f"/checkin/card/{card.secret}/")
    client.post("/checkin/code/", {"code": tokens.typed_code_current(session_id=session.pk)})


def _by_the_leaders_scanner(client, session, card, leader):
    client.force_login(leader)
    client.post(
        "/api/attendance/checkins",
        {"session_id": session.pk, "card": card.secret, "nonce": uuid.uuid4().hex},
        content_type="application/json",
    )


@pytest.mark.parametrize(
    "refused_by", [_by_projected_code, _by_typed_code, _by_the_leaders_scanner]
)
def test_a_pupil_of_another_club_is_never_named_to_this_clubs_leader(
    client, session, leader, refused_by
):
    _pupil, card = member_with_card(ClubFactory(), full_name=OUTSIDER)
    refused_by(client, session, card, leader)
    assert RefusedScan.objects.get(session=session).code == "not_member"
    client.logout()
    client.force_login(leader)
    pages = _leader_views(client, session)
    for text in pages:
        for part in (OUTSIDER, "Thanh Hương", "Ph\\u1ea1m"):
            assert part not in text
    roster, fragment, _raw, api = pages
    assert "a pupil from another club" in roster and "a pupil from another club" in fragment
    refused = json.loads(api)["refused"]
    assert [(r["code"], r["pupil_name"], r["from_outside"]) for r in refused] == [
        ("not_member", None, True)
    ]


def test_the_clubs_own_pupils_are_still_named_on_a_refusal(client, session, leader):
    """Own members without consent, and pupils awaiting consent in the club: the leader
    must know who to talk to."""
    member, card = member_with_card(session.club, consent=False, full_name="Lê Văn Tám")
    waiting, waiting_card = member_with_card(ClubFactory(), full_name="Đỗ Thị Mai")
    MembershipFactory(pupil=waiting, club=session.club, status="pending")
    for c in (card, waiting_card):
        _by_the_leaders_scanner(client, session, c, leader)
    assert set(RefusedScan.objects.values_list("code", flat=True)) == {"consent_missing"}
    roster, fragment, _raw, api = _leader_views(client, session)
    for text in (roster, fragment):
        refused = text.split('data-list="refused"')[1]
        assert "Lê Văn Tám" in refused and "Đỗ Thị Mai" in refused
        assert "a pupil from another club" not in refused
    names = {r["pupil_name"] for r in json.loads(api)["refused"]}
    assert names == {"Lê Văn Tám", "Đỗ Thị Mai"}


def test_the_roster_with_refusals_runs_a_fixed_number_of_queries(
    client, session, leader, django_assert_max_num_queries
):
    for n in range(8):
        _pupil, card = member_with_card(
            session.club if n % 2 else ClubFactory(), consent=False
        )
        _by_the_leaders_scanner(client, session, card, leader)
    with django_assert_max_num_queries(14):
        client.get(f"/en/attendance/sessions/{session.pk}/live/")
