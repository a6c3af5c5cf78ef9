"""Editors' mistakes in the StreamField get a clear message, and nothing unsafe is offered."""

import pytest
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from cms.blocks import (
    AccessibleImageBlock,
    ActivityStepsBlock,
    BaseStreamBlock,
    HeadingBlock,
    SafeRichTextBlock,
    VideoBlock,
    video_embed_url,
)
from cms.models import MaterialPage
from tests.factories.cms import add_material, build_site

pytestmark = pytest.mark.django_db


def _messages(error: ValidationError) -> str:
    if isinstance(error, StructBlockValidationError):
        return " ".join(" ".join(e.messages) for e in error.block_errors.values())
    return " ".join(error.messages)


def test_image_without_alt_text_is_refused_with_a_clear_message():
    block = AccessibleImageBlock()
    value = block.to_python({"image": None, "alt_text": "   ", "caption": "Ảnh"})
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)
    assert "alt_text" in caught.value.block_errors
    assert "alternative text is required" in _messages(caught.value)


def test_every_block_declares_icon_template_description_and_preview():
    stream = BaseStreamBlock()
    for name, child in stream.child_blocks.items():
        meta = child.meta
        assert meta.icon and meta.icon != "placeholder", name
        assert meta.template and meta.template.startswith("blocks/"), name
        assert meta.description, name
        assert getattr(meta, "preview_value", None) is not None, name


def test_no_raw_html_block_is_offered_anywhere():
    def walk(block):
        yield block
        for child in getattr(block, "child_blocks", {}).values():
            yield from walk(child)
        if isinstance(block, blocks.ListBlock):
            yield from walk(block.child_block)

    found = [
        type(b).__name__ for b in walk(BaseStreamBlock()) if isinstance(b, blocks.RawHTMLBlock)
    ]
    assert found == []
    body_block = MaterialPage._meta.get_field("body").stream_block
    assert "html" not in body_block.child_blocks


def test_a_link_to_a_deleted_page_is_refused():
    site = build_site(languages=("vi",))
    material = add_material(site.libraries["vi"])
    block = SafeRichTextBlock()
    good = block.to_python(f'<p><a linktype="page" id="{material.pk}">xem</a></p>')
    block.clean(good)  # a real page: accepted
    broken = block.to_python('<p><a linktype="page" id="987654">xem</a></p>')
    with pytest.raises(ValidationError) as caught:
        block.clean(broken)
    assert "links that do not work" in _messages(caught.value)
    assert "987654" in _messages(caught.value)


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "", "vbscript:x"]
)
def test_a_link_with_an_unsafe_or_empty_address_is_refused(href):
    block = SafeRichTextBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python(f'<p><a href="{href}">bấm</a></p>'))


def test_a_heading_without_text_is_an_empty_required_block():
    block = HeadingBlock()
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(block.to_python({"heading_text": "", "size": "h2"}))
    assert "heading_text" in caught.value.block_errors


def test_an_activity_needs_at_least_one_step_and_a_positive_duration():
    block = ActivityStepsBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "Hoạt động", "steps": []}))
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python(
                {"title": "Hoạt động", "steps": [{"title": "A", "minutes": 0, "instructions": "x"}]}
            )
        )


def test_a_material_body_cannot_be_empty():
    stream_block = MaterialPage._meta.get_field("body").stream_block
    with pytest.raises(StreamBlockValidationError) as caught:
        stream_block.clean(stream_block.to_python([]))
    assert "required" in " ".join(e.message for e in caught.value.non_block_errors.as_data())


def test_only_youtube_and_vimeo_videos_are_embedded_and_without_tracking():
    assert video_embed_url("https://www.youtube.com/watch?v=dQw4w9WgXcQ") == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert video_embed_url("https://youtu.be/dQw4w9WgXcQ") == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert (
        video_embed_url("https://vimeo.com/76979871") == "https://player.vimeo.com/video/76979871"
    )
    assert video_embed_url("https://evil.example/watch?v=dQw4w9WgXcQ") is None
    block = VideoBlock()
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(block.to_python({"url": "https://evil.example/video.mp4", "title": "x"}))
    assert "YouTube or Vimeo" in _messages(caught.value)


def test_stream_reports_which_block_is_wrong():
    stream = BaseStreamBlock()
    value = stream.to_python(
        [
            {"type": "heading", "value": {"heading_text": "Mục tiêu", "size": "h2"}},
            {"type": "image", "value": {"image": None, "alt_text": "", "caption": ""}},
        ]
    )
    with pytest.raises(StreamBlockValidationError) as caught:
        stream.clean(value)
    assert 1 in caught.value.block_errors and 0 not in caught.value.block_errors


def test_the_alt_text_message_is_in_vietnamese_for_vietnamese_editors():
    from django.utils import translation

    block = AccessibleImageBlock()
    with translation.override("vi"), pytest.raises(StructBlockValidationError) as caught:
        block.clean(block.to_python({"image": None, "alt_text": "", "caption": ""}))
    with translation.override("vi"):
        assert "văn bản thay thế là bắt buộc" in _messages(caught.value)
