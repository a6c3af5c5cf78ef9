"""What search engines, link previews and feed readers get: a sitemap naming each page's
translations, robots.txt, og:image, and news feeds in each language."""

import uuid
import xml.etree.ElementTree as ET  # noqa: S405 - our own responses, not untrusted XML
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.factories.cms import add_material, add_news, build_site, translate

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def site():
    return build_site(languages=("vi", "en", "fr"))


def _sitemap_alternates(client) -> dict[str, dict[str, str]]:
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own response
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_sitemap_names_every_translation_of_a_page(client, site):
    material = add_material(site.libraries["vi"], title="An toàn trên mạng")
    english = translate(material, "en", title="Staying safe online")
    alone = add_material(site.libraries["vi"], title="Chỉ có tiếng Việt")

    sitemap = _sitemap_alternates(client)

    vi_url = f"http://localhost/thu-vien/{material.slug}/"
    en_url = f"http://localhost/en/thu-vien/{material.slug}/"
    expected = {"vi": vi_url, "en": en_url, "x-default": vi_url}
    assert sitemap[vi_url] == expected
    assert sitemap[en_url] == expected
    assert english.url == f"/en/thu-vien/{material.slug}/"
    # Homes exist in three languages; a page without a translation names none.
    assert set(sitemap["http://localhost/"]) == {"vi", "en", "fr", "x-default"}
    assert sitemap[f"http://localhost/thu-vien/{alone.slug}/"] == {}


def test_sitemap_leaves_out_a_draft_translation(client, site):
    material = add_material(site.libraries["vi"])
    material.copy_for_translation(site.locales["en"])  # a draft, never published

    sitemap = _sitemap_alternates(client)

    assert sitemap[f"http://localhost/thu-vien/{material.slug}/"] == {}


def test_robots_txt_opens_public_pages_and_closes_private_ones(client, site):
    material = add_material(site.libraries["vi"])

    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Dis")}
    for path in ("/admin/", "/accounts/", "/en/accounts/", "/ar/clubs/", "/checkin/", "/api/"):
        assert path in disallowed
    assert "/feeds/" in disallowed and "/reports/" in disallowed
    for public in ("/", material.url, "/en/", "/tin-tuc/", "/sitemap.xml", "/documents/1/"):
        assert not any(public.startswith(path) for path in disallowed), public
    assert "Sitemap: http://localhost/sitemap.xml" in lines


def _image(width=1600, height=1000):
    buffer = BytesIO()
    PILImage.new("RGB", (width, height), (30, 90, 160)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Ảnh", file=ImageFile(BytesIO(buffer.getvalue()), name="anh.png")
    )


def _meta(html: str, prop: str) -> str | None:
    marker = f'<meta property="{prop}" content="'
    if marker not in html:
        return None
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def test_og_image_is_the_page_picture_at_an_absolute_address(client, site, settings):
    image_block = {
        "type": "image",
        "value": {"image": _image().pk, "alt_text": "Nhóm thảo luận", "caption": ""},
        "id": str(uuid.uuid4()),
    }
    story = add_news(site.news["vi"], body=[image_block])
    plain = add_news(site.news["vi"], title="Không có ảnh")

    html = client.get(story.url).text

    url = _meta(html, "og:image")
    assert url.startswith("http://localhost/media/")
    assert (_meta(html, "og:image:width"), _meta(html, "og:image:height")) == ("1200", "630")
    assert _meta(html, "og:image:alt") == "Nhóm thảo luận"
    with PILImage.open(settings.MEDIA_ROOT / url.removeprefix("http://localhost/media/")) as f:
        assert (f.format, f.size) == ("JPEG", (1200, 630))
    assert _meta(client.get(plain.url).text, "og:image") is None


@pytest.fixture
def news(site):
    english_index = translate(site.news["vi"], "en", title="News")
    add_news(site.news["vi"], title="Câu lạc bộ mới", intro="Tóm tắt tiếng Việt.")
    add_news(english_index, title="A new club", intro="English summary.")
    return english_index


def test_rss_feed_of_the_vietnamese_news(client, site, news):
    response = client.get("/cms/news/rss.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own response
    assert channel.findtext("language") == "vi"
    assert channel.findtext("link") == "http://localhost/tin-tuc/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Câu lạc bộ mới"]
    assert items[0].findtext("description") == "Tóm tắt tiếng Việt."
    assert items[0].findtext("link").startswith("http://localhost/tin-tuc/tin-")


def test_atom_feed_of_the_english_news(client, site, news):
    response = client.get("/en/cms/news/atom.xml")

    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == ["A new club"]
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "http://localhost/en/cms/news/atom.xml"


def test_a_language_without_news_has_no_feed(client, site, news):
    assert client.get("/fr/cms/news/rss.xml").status_code == 404


def test_news_index_links_its_feeds_in_its_language(client, site, news):
    vietnamese = client.get("/tin-tuc/").text
    english = client.get(news.url).text

    assert (
        '<link rel="alternate" type="application/rss+xml" title="Tin tức (RSS)" '
        'href="/cms/news/rss.xml">' in vietnamese
    )
    assert (
        'type="application/atom+xml" title="News feed (Atom)" href="/en/cms/news/atom.xml"'
        in english
    )
    assert client.get("/cms/news/rss.xml").status_code == 200
