"""The QR codes the pages draw, decoded with zxing-cpp as a phone would read them."""

import base64
import io
import re

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from clubs import selectors
from clubs.models import MemberCard
from tests.factories.clubs import LeaderAssignmentFactory, MemberCardFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def decode_all(html: str) -> list[str]:
    texts = []
    for data in re.findall(r'src="data:image/png;base64,([^"]+)"', html):
        image = Image.open(io.BytesIO(base64.b64decode(data)))
        texts += [r.text for r in zxingcpp.read_barcodes(image)]
    return texts


@pytest.fixture
def leader_with_member(client):
    assignment = LeaderAssignmentFactory()
    membership = MembershipFactory(club=assignment.club)
    card = MemberCardFactory(pupil=membership.pupil)
    client.force_login(assignment.user)
    return assignment.club, membership.pupil, card


def test_single_card_qr_holds_the_checkin_url_of_the_secret(client, leader_with_member):
    club, pupil, card = leader_with_member
    url = reverse("clubs:member_card", kwargs={"slug": club.slug, "pupil_id": pupil.pk})
    [text] = decode_all(client.get(url).content.decode())
    assert text == f"http://testserver/checkin/card/{card.secret}/"
    assert pupil.member_code not in text and len(card.secret) >= 32


def test_reissue_revokes_old_code_which_reads_revoked(client, leader_with_member):
    club, pupil, card = leader_with_member
    kwargs = {"slug": club.slug, "pupil_id": pupil.pk}
    client.post(reverse("clubs:card_reissue", kwargs=kwargs))
    [text] = decode_all(client.get(reverse("clubs:member_card", kwargs=kwargs)).content.decode())
    new_secret = text.rstrip("/").rsplit("/", 1)[1]
    assert new_secret != card.secret
    assert selectors.card_lookup(secret=new_secret).status == "valid"
    assert selectors.card_lookup(secret=card.secret).status == "revoked"
    assert selectors.card_lookup(secret=card.secret).pupil == pupil


def test_sheet_has_one_readable_code_per_active_member(client, leader_with_member):
    club, pupil, card = leader_with_member
    others = [MembershipFactory(club=club) for _ in range(3)]
    for m in others:
        MemberCardFactory(pupil=m.pupil)
    MembershipFactory(club=club, status="alumni", left_on="2025-06-01", leave_reason="graduated")
    html = client.get(reverse("clubs:card_sheet", kwargs={"slug": club.slug})).content.decode()
    secrets = {t.rsplit("/card/", 1)[1].strip("/") for t in decode_all(html)}
    expected = set(MemberCard.objects.filter(
        pupil__memberships__club=club, pupil__memberships__status="active",
        revoked_at__isnull=True).values_list("secret", flat=True))
    assert secrets == expected and len(secrets) == 4
    assert "@page" not in html  # print rules live in the static stylesheet
    assert "css/clubs-cards.css" in html


def test_missing_cards_are_offered_then_issued(client, leader_with_member):
    club, _pupil, _card = leader_with_member
    bare = MembershipFactory(club=club).pupil
    html = client.get(reverse("clubs:card_sheet", kwargs={"slug": club.slug})).content.decode()
    assert "issue-missing" in html
    client.post(reverse("clubs:cards_issue_missing", kwargs={"slug": club.slug}))
    assert selectors.pupil_valid_card(pupil=bare) is not None
    html = client.get(reverse("clubs:card_sheet", kwargs={"slug": club.slug})).content.decode()
    assert len(decode_all(html)) == 2


def test_pupil_sees_own_card_code(client):
    membership = MembershipFactory(pupil__user=LeaderAssignmentFactory().user)  # any account
    card = MemberCardFactory(pupil=membership.pupil)
    client.force_login(membership.pupil.user)
    html = client.get(reverse("clubs:my_card"), follow=True).content.decode()
    assert decode_all(html) == [f"http://testserver/checkin/card/{card.secret}/"]
