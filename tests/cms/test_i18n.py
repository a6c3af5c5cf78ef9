"""Vietnamese first, English beside it, Arabic right-to-left; the switcher keeps the reader
on the same page when a translation exists."""

import re

import pytest

from tests.factories.cms import add_material, build_site, translate

pytestmark = pytest.mark.django_db


def _switcher_links(html: str) -> dict[str, str]:
    switcher = html[html.index("language-switcher") :]
    switcher = switcher[: switcher.index("</ul>")]
    return {code: href for href, code in re.findall(r'href="([^"]+)" lang="([a-z]+)"', switcher)}


@pytest.fixture
def site():
    return build_site(languages=("vi", "en", "fr", "ar"))


def test_switcher_lands_on_the_same_material_in_the_other_language(client, site):
    material = add_material(site.libraries["vi"], title="An toàn trên mạng")
    english = translate(material, "en", title="Staying safe online")
    links = _switcher_links(client.get(material.url).text)
    assert links["en"] == english.url == f"/en/thu-vien/{material.slug}/"
    english_page = client.get(links["en"])
    assert english_page.status_code == 200
    assert 'lang="en"' in english_page.text and "Staying safe online" in english_page.text
    assert _switcher_links(english_page.text)["vi"] == material.url


def test_switcher_falls_back_to_the_home_page_without_a_translation(client, site):
    material = add_material(site.libraries["vi"], title="Chỉ có tiếng Việt")
    links = _switcher_links(client.get(material.url).text)
    assert links["en"] == "/en/"
    assert links["fr"] == "/fr/"
    assert client.get(links["fr"]).status_code == 200


def test_a_draft_translation_is_not_offered(client, site):
    material = add_material(site.libraries["vi"])
    draft = material.copy_for_translation(site.libraries["en"].locale)
    assert not draft.live
    assert _switcher_links(client.get(material.url).text)["en"] == "/en/"


def test_arabic_pages_render_right_to_left(client, site):
    response = client.get("/ar/")
    html = response.text
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html
    assert "bootstrap.min.css" not in html
    assert _switcher_links(html)["vi"] == "/"


def test_vietnamese_is_the_default_at_the_root(client, site):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").text
    assert '<html lang="vi" dir="ltr">' in html


def _vietnamese_interface_strings() -> set[str]:
    """The catalogue's Vietnamese translations of two words or more (names such as
    "Lá Lành" are left as they are, and the switcher names Vietnamese in Vietnamese)."""
    import polib
    from django.conf import settings

    po = polib.pofile(str(settings.LOCALE_PATHS[0] / "vi/LC_MESSAGES/django.po"))
    texts = set()
    for entry in po:
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text and text != entry.msgid and len(text.split()) >= 2 and "%" not in text:
                texts.add(text)
    return texts - {"Tiếng Việt"}


@pytest.mark.parametrize(
    ("language", "library_title", "expected"),
    [
        ("fr", "Bibliothèque", ["Ligne d'écoute", "Rechercher des ressources", "Tous les thèmes"]),
        ("ar", "المكتبة", ["خط المساعدة", "البحث في المواد", "كل المواضيع"]),
    ],
)
def test_french_and_arabic_pages_have_no_vietnamese_interface(
    client, site, language, library_title, expected
):
    translate(site.libraries["vi"], language, title=library_title)
    vietnamese = _vietnamese_interface_strings()
    for url in [f"/{language}/", f"/{language}/thu-vien/", f"/{language}/thu-vien/?q=xyz"]:
        html = client.get(url).text
        assert f'lang="{language}"' in html
        found = sorted(text for text in vietnamese if text in html)
        assert not found, f"{url}: {found}"
    library = client.get(f"/{language}/thu-vien/").content.decode()
    for text in expected:
        assert text in library.replace("&#x27;", "'"), text
