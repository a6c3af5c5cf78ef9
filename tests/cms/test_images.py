"""Pictures in material and news pages: three widths, WebP for browsers that take it and
JPEG for the rest, and the files really are what the HTML says they are."""

import re
import uuid
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.factories.cms import add_material, add_news, build_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def site():
    return build_site(languages=("vi",))


def _image(width: int, height: int, kind: str = "PNG"):
    buffer = BytesIO()
    PILImage.new("RGB", (width, height), (200, 120, 40)).save(buffer, kind)
    name = f"anh.{kind.lower()}"
    return get_image_model().objects.create(
        title="Ảnh sinh hoạt", file=ImageFile(BytesIO(buffer.getvalue()), name=name)
    )


def _image_block(image) -> dict:
    return {
        "type": "image",
        "value": {"image": image.pk, "alt_text": "Các bạn thảo luận nhóm", "caption": ""},
        "id": str(uuid.uuid4()),
    }


def _srcset(tag: str) -> list[tuple[str, int]]:
    srcset = re.search(r'srcset="([^"]+)"', tag).group(1)
    return [(url, int(width[:-1])) for url, width in (c.split() for c in srcset.split(", "))]


def _picture(html: str) -> tuple[str, str]:
    picture = re.search(r"<picture>(.*?)</picture>", html, re.S).group(1)
    source = re.search(r"<source[^>]*>", picture).group(0)
    img = re.search(r"<img[^>]*>", picture).group(0)
    return source, img


def _file(url: str, settings) -> PILImage.Image:
    assert url.startswith(settings.MEDIA_URL)
    return PILImage.open(Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL))


def test_material_picture_offers_webp_and_jpeg_in_three_real_widths(client, site, settings):
    material = add_material(site.libraries["vi"], body=[_image_block(_image(1600, 1000))])

    html = client.get(material.url).text

    source, img = _picture(html)
    assert 'type="image/webp"' in source
    assert 'sizes="(max-width: 840px) 100vw, 800px"' in source
    assert 'alt="Các bạn thảo luận nhóm"' in img and 'loading="lazy"' in img
    for tag, kind in ((source, "WEBP"), (img, "JPEG")):
        candidates = _srcset(tag)
        assert [width for _, width in candidates] == [400, 800, 1200]
        for url, width in candidates:
            with _file(url, settings) as file:
                assert (file.format, file.width) == (kind, width)
    fallback = re.search(r' src="([^"]+)"', img).group(1)
    with _file(fallback, settings) as file:
        assert (file.format, file.width) == ("JPEG", 400)


def test_a_small_picture_is_never_enlarged(client, site, settings):
    """A 600 px photo gives 400 and 600 px files; the srcset states the real widths."""
    news = add_news(site.news["vi"], body=[_image_block(_image(600, 400, "JPEG"))])

    source, img = _picture(client.get(news.url).text)

    for tag, kind in ((source, "WEBP"), (img, "JPEG")):
        for url, width in _srcset(tag):
            with _file(url, settings) as file:
                assert (file.format, file.width) == (kind, width)
        assert {width for _, width in _srcset(tag)} == {400, 600}
