"""New pages get short, readable ASCII slugs from Vietnamese titles; a translation keeps
its source page's slug; a published page's address never changes."""

import pytest

from cms.models import MaterialPage
from tests.factories.cms import add_material, build_site, publish

pytestmark = pytest.mark.django_db

TITLE = "Ma túy học đường: nhận diện và phòng tránh ma túy núp bóng bánh kẹo ở trường"


@pytest.fixture
def site():
    return build_site(languages=("vi", "ar"))


def test_a_vietnamese_title_gives_a_short_ascii_slug(client, site):
    material = add_material(site.libraries["vi"], title=TITLE, slug="")
    assert material.slug == "ma-tuy-hoc-duong-nhan-dien-va-phong-tranh-ma-tuy"
    assert (
        client.get("/thu-vien/ma-tuy-hoc-duong-nhan-dien-va-phong-tranh-ma-tuy/").status_code == 200
    )


def test_the_unicode_slug_the_editor_proposes_becomes_ascii(site):
    material = add_material(site.libraries["vi"], title="Bạo lực", slug="bạo-lực-học-đường")
    assert material.slug == "bao-luc-hoc-duong"
    twin = add_material(site.libraries["vi"], title="Bạo lực", slug="bạo-lực-học-đường")
    assert twin.slug == "bao-luc-hoc-duong-2"


def test_an_arabic_translation_keeps_the_source_slug(site):
    material = add_material(site.libraries["vi"], title="An toàn trên mạng", slug="an-toan")
    arabic_library = site.libraries["vi"].copy_for_translation(site.locales["ar"])
    publish(arabic_library)
    copy = material.copy_for_translation(site.locales["ar"]).specific
    copy.title = "الأمان على الإنترنت"
    copy.slug = "الأمان-على-الإنترنت"  # what the editor's title sync would propose
    publish(copy)
    assert MaterialPage.objects.get(pk=copy.pk).slug == "an-toan"


def test_a_published_page_keeps_its_slug(site):
    material = add_material(site.libraries["vi"], title="Cũ", slug="an-toan")
    MaterialPage.objects.filter(pk=material.pk).update(slug="cũ-có-dấu")
    material.refresh_from_db()
    publish(material)
    assert MaterialPage.objects.get(pk=material.pk).slug == "cũ-có-dấu"
