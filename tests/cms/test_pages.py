"""What visitors see on the public pages, how many queries it costs, and the page cache."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.models import CentreContactSettings
from cms.profile import centre_profile
from sessions.models import ClubSession
from tests.factories.clubs import ClubFactory, MembershipFactory
from tests.factories.cms import add_material, add_news, build_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    tree = build_site(languages=("vi", "en"))
    for n in range(4):
        add_material(tree.libraries["vi"], title=f"Tài liệu nổi bật {n}", featured=True)
    for n in range(3):
        add_news(tree.news["vi"], title=f"Tin số {n}")
    return tree


def _public_session(**overrides):
    now = timezone.now()
    values = {
        "title": "Phiên toà giả định mở cho phụ huynh",
        "kind": ClubSession.Kind.MOCK_TRIAL,
        "audience": ClubSession.Audience.PUBLIC,
        "starts_at": now + timedelta(days=3),
        "ends_at": now + timedelta(days=3, hours=2),
        "venue": "Hội trường Nhà Văn hoá Thiếu nhi",
        "club": ClubFactory(),
        "private_notes": "Em Nguyễn Văn Bí mật cần hỗ trợ riêng",
    }
    values.update(overrides)
    return ClubSession.objects.create(**values)


def test_home_shows_hotline_featured_materials_news_and_public_events(client, site):
    session = _public_session()
    member = MembershipFactory(club=session.club)
    _public_session(title="Buổi nội bộ của CLB", audience=ClubSession.Audience.CLUB)
    contact = CentreContactSettings.for_site(site.homes["vi"].get_site())
    contact.hotline = "111"
    contact.save()

    response = client.get("/")
    html = response.text
    assert response.status_code == 200
    assert 'href="tel:111"' in html
    assert "Tài liệu nổi bật 0" in html
    assert "Tin số 2" in html
    assert "Phiên toà giả định mở cho phụ huynh" in html
    assert "Hội trường Nhà Văn hoá Thiếu nhi" in html
    # Never a pupil's name, nor the facilitators' private notes, nor non-public sessions.
    assert member.pupil.full_name not in html
    assert "Bí mật" not in html
    assert "Buổi nội bộ" not in html


def test_public_events_page_lists_only_public_upcoming_sessions(client, site):
    _public_session(title="Ngày hội kỹ năng sống")
    _public_session(
        title="Buổi đã qua",
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=1),
    )
    _public_session(title="Buổi bị huỷ", status=ClubSession.Status.CANCELLED)
    html = client.get("/su-kien/").text
    assert "Ngày hội kỹ năng sống" in html
    assert "Buổi đã qua" not in html and "Buổi bị huỷ" not in html


def test_material_page_shows_its_classification_and_meta_tags(client, site):
    material = add_material(
        site.libraries["vi"],
        title="Chạm an toàn",
        intro="Quy tắc đồ lót.",
        topic="abuse_prevention",
    )
    html = client.get(material.url).text
    assert "<h1" in html and "Chạm an toàn" in html
    assert '<meta name="description" content="Quy tắc đồ lót.">' in html
    assert '<meta property="og:title" content="Chạm an toàn">' in html
    assert '<meta property="og:type" content="article">' in html
    assert "Phòng chống xâm hại" in html or "Abuse prevention" in html
    assert 'aria-current="page"' in html  # breadcrumb


def test_sitemap_lists_pages_of_every_language(client, site):
    material = add_material(site.libraries["vi"], title="Tuổi dậy thì")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"/thu-vien/{material.slug}/" in body
    assert "/en/thu-vien/" in body


def test_unknown_page_is_a_normal_404(client, site):
    assert client.get("/thu-vien/khong-co-trang-nay/").status_code == 404


# --- Query counts, pinned. Cold cache (cleared per test), so the page is really rendered.
# Most of each count is Wagtail's own routing (site, locale, one lookup per URL segment,
# view restrictions); ours are the lists, the language links and the contact settings.


def test_home_query_count(client, site, django_assert_max_num_queries):
    _public_session()
    centre_profile()  # cached for every page after the first (cms/profile.py)
    with django_assert_max_num_queries(17):
        assert client.get("/").status_code == 200


def test_material_query_count(client, site, django_assert_max_num_queries):
    material = add_material(site.libraries["vi"])
    with django_assert_max_num_queries(15):
        assert client.get(material.url).status_code == 200


def test_index_query_count_does_not_grow_with_materials(
    client, site, django_assert_max_num_queries
):
    for n in range(12):
        add_material(site.libraries["vi"], title=f"Tài liệu {n}")
    with django_assert_max_num_queries(15):
        assert client.get("/thu-vien/").status_code == 200


def test_search_query_count(client, site, django_assert_max_num_queries):
    for n in range(6):
        add_material(site.libraries["vi"], title=f"Ma tuý {n}", topic="drug_prevention")
    with django_assert_max_num_queries(16):
        response = client.get("/thu-vien/", {"q": "ma tuý", "topic": "drug_prevention", "grade": 7})
    assert response.status_code == 200


# --- Page cache ---


def test_anonymous_pages_are_cached_and_refreshed_on_publish(
    client, site, django_assert_num_queries
):
    material = add_material(site.libraries["vi"], title="Bản cũ")
    first = client.get(material.url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(material.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content

    material.title = "Bản mới"
    material.save_revision().publish()
    third = client.get(material.url)
    assert third["X-Page-Cache"] == "miss"
    assert "Bản mới" in third.text
    # Lists that show it are refreshed too, not only the page itself.
    assert "Bản mới" in client.get("/thu-vien/").text


def test_the_cache_is_keyed_by_language(client, site):
    assert 'lang="vi"' in client.get("/").text
    english = client.get("/en/")
    assert english["X-Page-Cache"] == "miss"
    assert 'lang="en"' in english.text


def test_signed_in_people_and_searches_are_never_cached(client, site, centre_editor):
    client.get("/")
    client.force_login(centre_editor)
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert "Sign out" in response.text or "Đăng xuất" in response.text
    client.logout()
    assert "X-Page-Cache" not in client.get("/thu-vien/", {"q": "an toàn"})


def test_app_pages_and_check_in_never_touch_the_page_cache(client, site, monkeypatch):
    from django.core.cache import cache

    looked_up = []
    real_get = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *a, **kw: looked_up.append(key) or real_get(
        key, *a, **kw))
    for path in ("/checkin/p/\u00e1%20x/", "/feeds/public.ics", "/en/accounts/login/",
                 "/clubs/", "/api/openapi.json"):
        response = client.get(path)
        assert "X-Page-Cache" not in response
    assert not [key for key in looked_up if key.startswith("cms:page")]


def test_menu_link_leads_to_the_library_in_the_readers_language(client, site):
    assert client.get("/cms/library/")["Location"] == "/thu-vien/"
    assert client.get("/en/cms/library/")["Location"] == "/en/thu-vien/"


def test_changing_the_hotline_refreshes_cached_pages(client, site):
    assert 'href="tel:' in client.get("/").text
    contact = CentreContactSettings.for_site(site.homes["vi"].get_site())
    contact.hotline = "1800 9999"
    contact.save()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert 'href="tel:18009999"' in response.text


def test_sitemap_leaves_out_drafts(client, site):
    draft = add_material(site.libraries["vi"], live=False)
    assert draft.slug not in client.get("/sitemap.xml").content.decode()
