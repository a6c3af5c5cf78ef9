"""The centre's profile, edited in the Wagtail admin (Settings > Centre profile), shows
on every page, e-mail, printed card, calendar and report, and only editors may change it."""

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from attendance.tokens import projector_token_make
from cms.models import CentreContactSettings
from places.selectors import province_by_code
from tests.factories.attendance import CheckinSessionFactory, member_with_card
from tests.factories.clubs import LeaderAssignmentFactory, MemberCardFactory, MembershipFactory
from tests.factories.cms import build_site

pytestmark = pytest.mark.django_db

PROFILE = {
    "name": "Trung tâm Công tác xã hội tỉnh Quảng Ninh",
    "name_en": "Quảng Ninh Social Work Centre",
    "short_name": "CTXH Quảng Ninh",
    "address": "Số 9 đường Thử, phường Hạ Long",
    "email": "lienhe@ctxh-qn.example",
    "hotline": "1800 7777",
    "hotline_hours": "7:30–17:00",
    "national_hotline": "111",
    "national_hotline_hours": "24/7",
}


@pytest.fixture
def site():
    return build_site(languages=("vi", "en"))


def _edit_url():
    return reverse("wagtailsettings:edit",
                   args=["cms", "centrecontactsettings", Site.objects.get(is_default_site=True).pk])


def edit_profile(client, **changes):
    data = {**PROFILE, "province": province_by_code("22").pk, "logo": "", **changes}
    return client.post(_edit_url(), data)


def test_the_profile_edited_in_the_admin_shows_everywhere(client, site, centre_editor):
    client.force_login(centre_editor)
    assert "Lá Lành" in client.get("/").text  # read (and cached) before the edit
    logo = get_image_model().objects.create(title="Logo", file=get_test_image_file())
    response = edit_profile(client, logo=logo.pk)
    assert response.status_code == 302
    setting = CentreContactSettings.objects.get()
    assert setting.short_name == "CTXH Quảng Ninh" and setting.logo == logo

    home = client.get("/").text
    assert '<span data-centre="title">CTXH Quảng Ninh</span>' in home
    assert "<title>" in home and "· CTXH Quảng Ninh</title>" in home
    assert "Trung tâm Công tác xã hội tỉnh Quảng Ninh" in home
    assert "Số 9 đường Thử, phường Hạ Long, Tỉnh Quảng Ninh" in home
    assert 'href="tel:18007777"' in home and 'href="tel:111"' in home
    assert "/media/images/" in home  # the logo's rendition in the header
    assert "city social-work centre" not in home
    assert "Quảng Ninh Social Work Centre" in client.get("/en/").text
    translation.activate("vi")  # the /en/ request left English active for reverse()

    club = LeaderAssignmentFactory(user=centre_editor).club
    MemberCardFactory(pupil=MembershipFactory(club=club).pupil)
    for url in (reverse("clubs:my_clubs"), reverse("reports:yearly")):
        assert "CTXH Quảng Ninh" in client.get(url).text
    assert "Trung tâm Công tác xã hội tỉnh Quảng Ninh" in client.get(reverse("reports:yearly")).text
    sheet = client.get(reverse("clubs:card_sheet", kwargs={"slug": club.slug})).text
    card_line = "CTXH Quảng Ninh · Gọi hỗ trợ: 111 · 1800 7777"
    assert f'<small data-centre="card">{card_line}</small>' in sheet

    # The pupil's check-in answer, rendered without the context processors, too.
    session = CheckinSessionFactory()
    _pupil, card = member_with_card(session.club)
    phone = Client()
    phone.post(f"/checkin/card/{card.secret}/")
    answer = phone.get(f"/checkin/p/{projector_token_make(session_id=session.pk)}/").text
    assert 'data-outcome="ok"' in answer and "· CTXH Quảng Ninh</title>" in answer

    feed = icalendar.Calendar.from_ical(client.get("/feeds/public.ics").content)
    assert str(feed["X-WR-CALNAME"]).startswith("CTXH Quảng Ninh: ")

    client.logout()
    client.post(reverse("accounts:password_reset"), {"email": centre_editor.email})
    assert len(mail.outbox) == 1
    assert "CTXH Quảng Ninh" in mail.outbox[0].subject
    assert "Trung tâm Công tác xã hội tỉnh Quảng Ninh" in mail.outbox[0].body
    assert "1800 7777" in mail.outbox[0].body


def test_the_province_must_be_one_of_today(client, site, centre_editor):
    client.force_login(centre_editor)
    former = CentreContactSettings._meta.get_field("province").related_model.objects.get(
        short_name="Hậu Giang")
    response = edit_profile(client, province=former.pk)
    assert response.status_code == 200
    assert "Select a valid choice" in response.text or "Hãy chọn" in response.text
    assert not CentreContactSettings.objects.filter(short_name="CTXH Quảng Ninh").exists()


def test_a_contributor_cannot_change_the_profile(client, site, contributor):
    client.force_login(contributor)
    assert client.get(_edit_url()).status_code in (302, 403)
    response = edit_profile(client)
    assert response.status_code in (302, 403)
    assert not CentreContactSettings.objects.filter(short_name="CTXH Quảng Ninh").exists()


def test_each_language_reads_the_centres_name_in_its_own_language(client, centre_editor):
    build_site(languages=("vi", "en", "fr", "ar"))
    client.force_login(centre_editor)
    response = edit_profile(client, short_name="", name_fr="Centre de travail social de Quảng Ninh",
                            name_ar="مركز العمل الاجتماعي في كوانغ نينه")
    assert response.status_code == 302
    assert "Trung tâm Công tác xã hội tỉnh Quảng Ninh" in client.get("/").text
    assert "Quảng Ninh Social Work Centre" in client.get("/en/").text
    assert "Centre de travail social de Quảng Ninh" in client.get("/fr/").text
    assert "مركز العمل الاجتماعي في كوانغ نينه" in client.get("/ar/").text
    # A language without its own name falls back to English, never to Vietnamese.
    edit_profile(client, short_name="", name_fr="", name_ar="")
    assert "Quảng Ninh Social Work Centre" in client.get("/fr/").text
    translation.activate("vi")
