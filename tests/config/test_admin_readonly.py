"""Records only the services may write are read-only in the Django admin, even for a
superuser: no add page, no delete (config.admin.ReadOnly)."""

import pytest
from django.contrib import admin

from config.admin import ReadOnly
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def read_only_models() -> list[str]:
    admin.autodiscover()
    return sorted(
        f"{model._meta.app_label}/{model._meta.model_name}"
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ReadOnly)
    )


def test_the_audit_trails_and_scheduled_records_are_read_only():
    assert {
        "attendance/attendance", "attendance/refusedscan", "attendance/guestattendance",
        "attendance/attendancechange", "clubs/recordaccess", "club_sessions/clubsession",
        "club_sessions/mocktrial", "club_sessions/trainingprogramme",
    } <= set(read_only_models())


@pytest.mark.parametrize("path", read_only_models())
def test_a_superuser_can_neither_add_nor_bulk_delete_there(client, path):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(f"/django-admin/{path}/").status_code == 200
    assert client.get(f"/django-admin/{path}/add/").status_code == 403
    listing = client.get(f"/django-admin/{path}/").content.decode()
    assert 'value="delete_selected"' not in listing
