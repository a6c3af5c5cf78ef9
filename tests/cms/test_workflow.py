"""Editorial workflow: drafts stay private, contributors submit for moderation, centre
editors approve (which publishes), scheduled pages appear only when their time comes."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cms.models import MaterialPage
from tests.factories.cms import add_material, build_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return build_site(languages=("vi",))


def test_a_draft_is_not_public(client, site):
    draft = add_material(site.libraries["vi"], live=False, title="Bản nháp bí mật")
    assert client.get(draft.url or f"/thu-vien/{draft.slug}/").status_code == 404
    listing = client.get("/thu-vien/")
    assert "Bản nháp bí mật" not in listing.text


def test_contributors_cannot_publish_but_centre_editors_can(site, contributor, centre_editor):
    material = add_material(site.libraries["vi"], live=False)
    assert not material.permissions_for_user(contributor).can_publish()
    assert material.permissions_for_user(contributor).can_edit()
    assert material.permissions_for_user(centre_editor).can_publish()


def test_submitting_for_moderation_then_approval_publishes(
    client, site, contributor, centre_editor
):
    material = add_material(site.libraries["vi"], live=False, title="Kỹ năng từ chối")
    material.save_revision(user=contributor)
    workflow = material.get_workflow()
    assert workflow is not None and workflow.name == "Centre review"

    state = workflow.start(material, contributor)
    material.refresh_from_db()
    assert material.workflow_in_progress
    assert not material.live
    assert client.get("/thu-vien/").text.count("Kỹ năng từ chối") == 0

    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.user_can_access_editor(material, centre_editor)
    assert not task.get_actions(material, contributor)  # a contributor cannot approve

    # The moderator approves from the admin, as they would in the browser.
    client.force_login(centre_editor)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(material.pk, "approve", task_state.pk)),
        {"comment": "Đã duyệt"},
    )
    assert response.status_code in (200, 302)
    material.refresh_from_db()
    assert material.live
    client.logout()
    assert client.get(material.url).status_code == 200


def test_rejection_keeps_the_page_private(client, site, contributor, centre_editor):
    material = add_material(site.libraries["vi"], live=False)
    material.save_revision(user=contributor)
    state = material.get_workflow().start(material, contributor)
    state.current_task_state.task.specific.on_action(
        state.current_task_state, centre_editor, "reject"
    )
    material.refresh_from_db()
    assert not material.live


def test_a_new_revision_is_not_public_until_published(client, site):
    material = add_material(site.libraries["vi"], title="Tiêu đề cũ")
    material.title = "Tiêu đề mới"
    material.save_revision()
    assert client.get(material.url).text.count("Tiêu đề mới") == 0
    fresh = MaterialPage.objects.get(pk=material.pk)
    assert fresh.has_unpublished_changes
    assert fresh.revisions.count() == 2
    fresh.get_latest_revision().publish()
    assert "Tiêu đề mới" in client.get(material.url).text


def test_scheduled_publishing_waits_for_go_live_at(client, site):
    material = add_material(site.libraries["vi"], live=False, title="Sắp ra mắt")
    go_live = timezone.now() + timedelta(days=2)
    material.go_live_at = go_live
    material.save_revision().publish()
    material.refresh_from_db()
    assert not material.live
    url = "/thu-vien/" + material.slug + "/"
    assert client.get(url).status_code == 404

    call_command("publish_scheduled")
    assert client.get(url).status_code == 404

    with time_machine.travel(go_live + timedelta(minutes=1), tick=False):
        call_command("publish_scheduled")
    material.refresh_from_db()
    assert material.live
    assert client.get(url).status_code == 200
