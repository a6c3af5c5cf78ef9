"""Centre editors correct units and schools in the Django admin; a ward still in use
cannot be deleted, and a school cannot sit in a ward of another province."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from clubs.models import School
from places.models import Commune
from places.selectors import communes_for_province, province_by_code
from tests.factories.accounts import StaffFactory
from tests.factories.clubs import SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = StaffFactory(username="editor")
    user.groups.add(Group.objects.get(name="Centre editors"))
    client.force_login(user)
    return client


def _commune_form(commune, **changes):
    data = {"code": commune.code, "name": commune.name, "kind": commune.kind,
            "province": commune.province_id, "valid_from": "2025-07-01", "valid_until": "",
            "successor": ""}
    return {**data, **changes}


def test_an_editor_renames_a_ward_and_lists_show_it(editor_client):
    ward = Commune.objects.get(name="Phường Tân An")
    url = reverse("admin:places_commune_change", args=[ward.pk])
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url, _commune_form(ward, code="31153", name="Phường Tân An Mới"))
    assert response.status_code == 302
    listing = editor_client.get(reverse("admin:places_commune_changelist"), {"q": "Tân An"})
    assert "Phường Tân An Mới" in listing.text and "31153" in listing.text


def test_a_duplicate_current_name_is_refused_with_a_message(editor_client):
    ward = Commune.objects.get(name="Phường Tân An")
    response = editor_client.post(reverse("admin:places_commune_change", args=[ward.pk]),
                                  _commune_form(ward, name="Phường Cái Khế"))
    assert response.status_code == 200 and "errornote" in response.text
    assert Commune.objects.filter(name="Phường Tân An").exists()


def test_a_ward_still_in_use_cannot_be_deleted(editor_client):
    school = SchoolFactory()  # in Phường Cái Khế
    url = reverse("admin:places_commune_delete", args=[school.commune.pk])
    page = editor_client.get(url).text
    # Django's "cannot delete" page for protected related objects: no confirm button.
    assert "<title>Không thể xóa phường/xã" in page and 'name="post"' not in page
    editor_client.post(url, {"post": "yes"})
    assert Commune.objects.filter(pk=school.commune.pk).exists()


def test_a_school_in_a_ward_of_another_province_is_refused(editor_client):
    school = SchoolFactory()
    other_ward = Commune.objects.create(province=province_by_code("22"), name="Phường Hạ Long",
                                        kind=Commune.Kind.WARD)
    url = reverse("admin:clubs_school_change", args=[school.pk])
    response = editor_client.post(url, {
        "name": school.name, "level": school.level, "province": school.province_id,
        "commune": other_ward.pk, "former_district": "", "former_ward": ""})
    assert response.status_code == 200
    assert "This ward or commune is in another province." in response.text \
        or "Phường, xã này thuộc tỉnh, thành phố khác." in response.text
    assert School.objects.get(pk=school.pk).commune.name == "Phường Cái Khế"
    assert communes_for_province(province_by_code("22")).count() == 1
