"""StreamField blocks shared by every page type (one BaseStreamBlock, as in bakerydemo).

There is deliberately no raw-HTML block: editors are not trusted with markup that would
run in pupils' browsers, and the Content-Security-Policy would refuse inline script anyway.
"""

import re
from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from cms import richtext

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class SafeRichTextBlock(blocks.RichTextBlock):
    """Rich text whose links must lead somewhere: a deleted page or document, or a link with
    a scheme other than http(s)/mailto/tel, is refused with a message naming it."""

    def clean(self, value):
        value = super().clean(value)
        problems = richtext.broken_links(value.source)
        if problems:
            raise ValidationError(
                _("This text has links that do not work: %(links)s. Fix or remove them.")
                % {"links": ", ".join(problems)}
            )
        return value

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = _("Paragraph")
        description = _("Text with bold, italic, lists and links.")
        preview_value = (
            "<p>Kỹ năng sống giúp các em <b>nhận ra</b> nguy cơ và biết "
            "<i>nói không</i>, rời đi và kể với người lớn tin cậy.</p>"
        )


class HeadingBlock(blocks.StructBlock):
    heading_text = blocks.CharBlock(label=_("Heading"), max_length=200)
    size = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading; keeps the page outline readable for screen readers.")
        preview_value = {"heading_text": "Mục tiêu buổi sinh hoạt", "size": "h2"}


class AccessibleImageBlock(blocks.StructBlock):
    """An image always carries a text alternative: pupils using screen readers, and
    phones on poor connections that never load the picture, still get its meaning."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the picture shows for someone who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    attribution = blocks.CharBlock(label=_("Photo credit"), required=False, max_length=120)

    def clean(self, value):
        if not str(value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Describe the image: alternative text is required.")
                    )
                }
            )
        return super().clean(value)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _("A picture with required alternative text and an optional caption.")
        preview_value = {"alt_text": "Các bạn trong câu lạc bộ thảo luận nhóm", "caption": ""}


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("File"))
    kind = blocks.ChoiceBlock(
        label=_("Kind of file"),
        choices=[
            ("worksheet", _("Worksheet")),
            ("slides", _("Slides")),
            ("handout", _("Handout")),
            ("guide", _("Facilitator guide")),
        ],
        default="worksheet",
    )
    description = blocks.CharBlock(label=_("What it is for"), required=False, max_length=250)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["kind_label"] = dict(self.child_blocks["kind"].field.choices).get(value["kind"], "")
        return context

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        label = _("Download")
        description = _("A worksheet, slides or handout that readers can download.")
        preview_value = {"kind": "worksheet", "description": "In cho mỗi nhóm 4-5 bạn."}


class ActivityStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=150)
    minutes = blocks.IntegerBlock(label=_("Minutes"), min_value=1, max_value=240)
    instructions = blocks.TextBlock(label=_("What to do"))

    class Meta:
        icon = "time"
        template = "blocks/activity_step_block.html"
        label = _("Activity step")
        description = _("One step of an activity with its duration.")
        preview_value = {
            "title": "Khởi động",
            "minutes": 10,
            "instructions": "Cả lớp chơi trò 'Vòng tròn tin cậy'.",
        }


class ActivityStepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Activity"), max_length=150)
    steps = blocks.ListBlock(ActivityStepBlock(), min_num=1, label=_("Steps"))

    def total_minutes(self, value) -> int:
        return sum(step["minutes"] or 0 for step in value["steps"])

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["total_minutes"] = self.total_minutes(value)
        return context

    class Meta:
        icon = "list-ol"
        template = "blocks/activity_steps_block.html"
        label = _("Activity steps")
        description = _("A timed activity plan: each step with minutes and instructions.")
        preview_value = {
            "title": "Hoạt động chính",
            "steps": [
                {"title": "Khởi động", "minutes": 10, "instructions": "Trò chơi làm quen."},
                {"title": "Thảo luận nhóm", "minutes": 20, "instructions": "Chia nhóm 5 bạn."},
            ],
        }


class DiscussionQuestionsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=150)
    questions = blocks.ListBlock(
        blocks.CharBlock(label=_("Question"), max_length=300), min_num=1, label=_("Questions")
    )

    class Meta:
        icon = "help"
        template = "blocks/discussion_questions_block.html"
        label = _("Discussion questions")
        description = _("Questions the facilitator asks the group.")
        preview_value = {
            "title": "Câu hỏi thảo luận",
            "questions": ["Em sẽ làm gì nếu người lạ nhắn tin rủ đi chơi?"],
        }


VIDEO_HOSTS = {
    "youtube.com": "youtube",
    "www.youtube.com": "youtube",
    "m.youtube.com": "youtube",
    "youtu.be": "youtube",
    "youtube-nocookie.com": "youtube",
    "www.youtube-nocookie.com": "youtube",
    "vimeo.com": "vimeo",
    "www.vimeo.com": "vimeo",
    "player.vimeo.com": "vimeo",
}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def video_embed_url(url: str) -> str | None:
    """The privacy-friendly player URL for a YouTube or Vimeo link, or None.

    Built locally instead of through oEmbed: pages render without asking a third party,
    and YouTube's no-cookie player does not track pupils who only open the page."""
    parsed = urlparse(url)
    host = VIDEO_HOSTS.get((parsed.hostname or "").lower())
    if parsed.scheme not in ("http", "https") or not host:
        return None
    parts = [part for part in parsed.path.split("/") if part]
    if host == "youtube":
        if parsed.hostname == "youtu.be" and parts:
            video_id = parts[0]
        elif parts[:1] in (["embed"], ["shorts"], ["live"]) and len(parts) > 1:
            video_id = parts[1]
        else:
            video_id = dict(
                pair.split("=", 1) for pair in parsed.query.split("&") if "=" in pair
            ).get("v", "")
        if YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
        return None
    numeric = [part for part in parts if part.isdigit()]
    return f"https://player.vimeo.com/video/{numeric[0]}" if numeric else None


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("YouTube or Vimeo link"))
    title = blocks.CharBlock(
        label=_("Video title"),
        max_length=150,
        help_text=_("Read aloud by screen readers for the video frame."),
    )

    def clean(self, value):
        value = super().clean(value)
        if not video_embed_url(value["url"]):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Only YouTube or Vimeo video links can be embedded."))
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["embed_url"] = video_embed_url(value["url"])
        return context

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        label = _("Video")
        description = _("An optional YouTube or Vimeo video, shown without tracking cookies.")
        preview_value = {
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "title": "Video minh hoạ",
        }


class TipBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Tip"))

    class Meta:
        icon = "warning"
        template = "blocks/tip_block.html"
        label = _("Note for facilitators")
        description = _("A highlighted safety note or tip for whoever leads the session.")
        preview_value = {"text": "Nếu một em kể chuyện bị xâm hại, hãy lắng nghe và báo ngay."}


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = SafeRichTextBlock(features=RICH_TEXT_FEATURES)
    image = AccessibleImageBlock()
    document = DocumentBlock()
    activity_steps = ActivityStepsBlock()
    discussion_questions = DiscussionQuestionsBlock()
    tip = TipBlock()
    video = VideoBlock()


class RoleBlock(blocks.StructBlock):
    role = blocks.CharBlock(label=_("Role"), max_length=100)
    brief = blocks.TextBlock(label=_("Brief for the pupil playing it"))

    class Meta:
        icon = "user"
        template = "blocks/role_block.html"
        label = _("Trial role")
        description = _("A role in the mock trial and what the pupil playing it needs to know.")
        preview_value = {"role": "Thẩm phán", "brief": "Điều khiển phiên toà, giữ trật tự."}
