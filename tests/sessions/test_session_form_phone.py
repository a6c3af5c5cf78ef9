"""Issue 16, point 8: the session form on a phone. Materials only, in the form's language
first, with a search box; the clash checkbox only beside a clash; skipped dates in
dd/mm/yyyy as the interface shows them."""

import re

import pytest

from sessions.models import SessionSeries
from tests.factories.cms import add_material, add_news, build_site, translate
from tests.factories.sessions import ClubSessionFactory, vn
from tests.sessions.test_views import FORM, _post_form

pytestmark = pytest.mark.django_db


def _material_labels(page: str) -> list[str]:
    box = page[page.index('id="div_id_materials"'):page.index('id="div_id_description"')]
    return [re.sub(r"\s+", " ", label).strip()
            for label in re.findall(r'<label [^>]*class="form-check-label"[^>]*>(.*?)</label>',
                                    box, re.S)]


def test_the_materials_picker_offers_material_pages_only_in_my_language_first(
    client, club, leader
):
    site = build_site(languages=("vi", "en"))
    vi = add_material(site.libraries["vi"], title="Kỹ năng từ chối")
    translate(vi, "en", title="Saying no")
    add_material(site.libraries["vi"], title="An toàn trên mạng")
    add_news(site.news["vi"], title="Tin tức tháng 9")
    client.force_login(leader)
    labels = _material_labels(client.get("/sessions/new/").content.decode())
    assert labels == ["An toàn trên mạng (vi)", "Kỹ năng từ chối (vi)", "Saying no (en)"]
    labels = _material_labels(client.get("/en/sessions/new/").content.decode())
    assert labels == ["Saying no (en)", "An toàn trên mạng (vi)", "Kỹ năng từ chối (vi)"]
    page = client.get("/en/sessions/new/").content.decode()
    assert 'data-searchable="Find a material"' in page and "js/sessions/form" in page
    # A news page is no choice, even when posted by hand.
    response = _post_form(client, club, materials=[site.news["vi"].pk])
    assert response.status_code == 200 and "materials" in response.context["form"].errors
    response = _post_form(client, club, materials=[vi.pk])
    assert response.status_code == 302


def test_the_clash_checkbox_shows_only_with_a_clash(client, club, leader):
    client.force_login(leader)
    assert 'name="confirm_conflicts"' not in client.get("/en/sessions/new/").content.decode()
    ClubSessionFactory(club=club, venue="Phòng 12", starts_at=vn(2024, 10, 5, 15))
    page = _post_form(client, club).content.decode()
    assert "Phòng 12 is booked for" in page
    assert 'name="confirm_conflicts"' in page
    assert page.index('id="conflicts"') < page.index('name="confirm_conflicts"')


def test_skip_dates_are_typed_and_shown_as_dd_mm_yyyy(client, club, leader):
    client.force_login(leader)
    page = client.get("/en/sessions/new/").content.decode()
    assert 'placeholder="25/01/2025 .. 02/02/2025"' in page
    response = _post_form(client, club, repeat="fortnightly", count="6",
                          skip_dates="19/10/2024\n01/11/2024 .. 03/11/2024")
    assert response.status_code == 302
    series = SessionSeries.objects.get()
    assert series.skip_dates == ["2024-10-19", "2024-11-01", "2024-11-02", "2024-11-03"]
    first = series.occurrences.order_by("starts_at").first()
    page = client.get(f"/en/sessions/{first.pk}/edit/?scope=following").content.decode()
    assert "19/10/2024\n01/11/2024\n02/11/2024\n03/11/2024" in page


@pytest.mark.parametrize("text", ["31/02/2025", "2025/01/27", "19/10/2024 .. 01/10/2024"])
def test_a_bad_skip_date_is_refused_and_nothing_written(client, club, leader, text):
    client.force_login(leader)
    response = client.post("/sessions/new/", {**FORM, "club": club.pk, "repeat": "weekly",
                                              "count": "3", "skip_dates": text})
    assert response.status_code == 200
    assert response.context["form"].errors["skip_dates"]
    assert not SessionSeries.objects.exists()
    expected = "phải theo chiều thời gian" if ".." in text else "dd/mm/yyyy"
    assert expected in str(response.context["form"].errors["skip_dates"])
