"""The Wagtail admin as editors use it: it opens under our Content-Security-Policy, and
their mistakes come back as clear messages on the form, with nothing saved."""

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from cms.models import MaterialPage
from tests.factories.cms import add_material, build_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return build_site(languages=("vi",))


@pytest.fixture
def editor_client(client, centre_editor):
    profile = UserProfile.get_for_user(centre_editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(centre_editor)
    return client


def _material_form(body) -> dict:
    return nested_form_data(
        {
            "title": "Tài liệu mới",
            "slug": "tai-lieu-moi",
            "intro": "Tóm tắt.",
            "topic": "online_safety",
            "format": "session_plan",
            "grade_min": 6,
            "grade_max": 9,
            "duration_minutes": 45,
            "body": streamfield(body),
            "comments": inline_formset([]),
        }
    )


def _add_url(site):
    return reverse("wagtailadmin_pages:add", args=("cms", "materialpage", site.libraries["vi"].pk))


def test_a_centre_editor_opens_the_page_editor(editor_client, site):
    material = add_material(site.libraries["vi"])
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=(material.pk,)))
    assert response.status_code == 200
    assert "Content-Security-Policy" in response
    assert "body" in response.text


def test_a_valid_material_is_created_as_a_draft(editor_client, site):
    data = _material_form([("paragraph", rich_text("<p>Không chia sẻ mật khẩu.</p>"))])
    response = editor_client.post(_add_url(site), data)
    assert response.status_code == 302, response.context["form"].errors
    page = MaterialPage.objects.get(slug="tai-lieu-moi")
    assert not page.live  # saving is a draft; publishing is a separate step


def test_missing_alt_text_is_reported_on_the_admin_form(editor_client, site):
    image = get_image_model().objects.create(title="Ảnh", file=get_test_image_file())
    data = _material_form(
        [("image", {"image": image.pk, "alt_text": "", "caption": "", "attribution": ""})]
    )
    response = editor_client.post(_add_url(site), data)
    assert response.status_code == 200
    assert "alternative text is required" in response.text
    assert not MaterialPage.objects.filter(slug="tai-lieu-moi").exists()


def test_a_broken_link_is_reported_on_the_admin_form(editor_client, site):
    data = _material_form(
        [("paragraph", rich_text('<p><a linktype="page" id="424242">xem thêm</a></p>'))]
    )
    response = editor_client.post(_add_url(site), data)
    assert response.status_code == 200
    assert "links that do not work" in response.text
    assert not MaterialPage.objects.filter(slug="tai-lieu-moi").exists()


def test_publishing_with_an_empty_body_is_refused(editor_client, site):
    # Wagtail lets a draft be saved half-written; publishing enforces required blocks.
    data = _material_form([])
    data["action-publish"] = "action-publish"
    response = editor_client.post(_add_url(site), data)
    assert response.status_code == 200
    body_error = response.context["form"].errors["body"].as_data()[0]
    assert "This field is required" in " ".join(body_error.non_block_errors.as_data()[0].messages)
    assert not MaterialPage.objects.filter(slug="tai-lieu-moi").exists()


def test_grades_in_the_wrong_order_are_reported(editor_client, site):
    data = _material_form([("paragraph", rich_text("<p>Nội dung.</p>"))])
    data["grade_min"], data["grade_max"] = "10", "7"
    response = editor_client.post(_add_url(site), data)
    assert response.status_code == 200
    assert "The last grade must not be lower than the first grade" in response.text
    assert not MaterialPage.objects.filter(slug="tai-lieu-moi").exists()


def test_the_admin_offers_no_raw_html_block(editor_client, site):
    response = editor_client.get(_add_url(site))
    assert response.status_code == 200
    assert "rawhtml" not in response.text.lower()


def test_public_pages_keep_the_strict_csp_and_only_the_admin_allows_inline_scripts(
    client, editor_client, site
):
    admin_policy = editor_client.get(reverse("wagtailadmin_home"))["Content-Security-Policy"]
    assert "'unsafe-inline'" in admin_policy.split("script-src")[1].split(";")[0]
    editor_client.logout()
    login_policy = client.get(reverse("wagtailadmin_login"))["Content-Security-Policy"]
    assert "'unsafe-inline'" not in login_policy.split("script-src")[1].split(";")[0]
    public_policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in public_policy
    assert "'unsafe-inline'" not in public_policy.split("script-src")[1].split(";")[0]
