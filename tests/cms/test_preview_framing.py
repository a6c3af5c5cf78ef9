"""The admin may frame its own previews (the editor's preview panel, block previews, the
Checks panel), and nothing else may be framed by anyone."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import MaterialPage
from tests.factories.cms import add_material, build_site

pytestmark = pytest.mark.django_db


def _directive(response, name: str) -> str:
    for part in response["Content-Security-Policy"].split(";"):
        if part.strip().startswith(name + " "):
            return part.strip()
    raise AssertionError(f"no {name} in {response['Content-Security-Policy']}")


def _assert_framable_by_the_admin_only(response):
    assert _directive(response, "frame-ancestors") == "frame-ancestors 'self'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def _assert_never_framed(response):
    assert _directive(response, "frame-ancestors") == "frame-ancestors 'none'"
    assert response["X-Frame-Options"] == "DENY"


@pytest.fixture
def material():
    site = build_site(languages=("vi",))
    return add_material(site.libraries["vi"], title="An toàn trên mạng")


def _edit_form(page: MaterialPage, title: str) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "intro": page.intro,
            "topic": page.topic,
            "format": page.format,
            "grade_min": page.grade_min,
            "grade_max": page.grade_max,
            "duration_minutes": page.duration_minutes,
            "body": streamfield([("paragraph", rich_text("<p>Nội dung xem trước.</p>"))]),
            "comments": inline_formset([]),
        }
    )


def test_the_page_preview_renders_the_draft_and_may_be_framed_by_the_admin(
    client, centre_editor, material
):
    client.force_login(centre_editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(material.pk,))
    posted = client.post(url, _edit_form(material, "Bản xem trước chưa lưu"))
    assert posted.json()["is_valid"] is True

    preview = client.get(url, {"in_preview_panel": "true", "mode": ""})
    assert preview.status_code == 200
    assert "Bản xem trước chưa lưu" in preview.content.decode()
    _assert_framable_by_the_admin_only(preview)


def test_a_block_preview_may_be_framed_by_the_admin(client, centre_editor):
    client.force_login(centre_editor)
    block = MaterialPage.body.field.stream_block.child_blocks["paragraph"]
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    _assert_framable_by_the_admin_only(response)


def test_the_editor_and_the_public_page_are_never_framed(client, centre_editor, material):
    public = client.get(material.url)
    assert public.status_code == 200
    _assert_never_framed(public)

    client.force_login(centre_editor)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=(material.pk,)))
    assert editor.status_code == 200
    _assert_never_framed(editor)
    _assert_never_framed(client.get(material.url))
