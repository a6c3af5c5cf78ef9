"""Editing a member through the page, as a leader and as centre staff do it: the record,
the member page, the roster export, the data export and the access log all show the
change (issue 10, defect 1: the form used to change the very object the service
compared against, so nothing was saved)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from clubs.models import Membership, Pupil, RecordAccess
from tests.factories.clubs import MembershipFactory, PupilFactory

THIS_YEAR = timezone.localdate().year


def _url(world, name, pupil=None):
    return reverse(name, kwargs={"slug": world.club.slug, "pupil_id": (pupil or world.target).pk})


def _posted(pupil: Pupil, **changes) -> dict:
    """The edit form as the browser sends it: every field, with the changes applied."""
    data = {
        "full_name": pupil.full_name, "gender": pupil.gender, "birth_year": pupil.birth_year,
        "grade": pupil.grade, "class_name": pupil.class_name,
        "guardian_name": pupil.guardian_name,
        "guardian_relationship": pupil.guardian_relationship,
        "guardian_phone": pupil.guardian_phone,
    }
    return {**data, **changes}


@pytest.mark.parametrize("role", ["leader", "staff"])
def test_editing_a_member_saves_and_every_view_shows_it(as_role, world, role):
    client = as_role(role)
    form_page = client.get(_url(world, "clubs:member_edit"))
    assert form_page.status_code == 200
    assert 'value="Nguyễn Thị Hồng Nhung"' in form_page.content.decode()

    response = client.post(_url(world, "clubs:member_edit"), _posted(
        world.target, full_name="Nguyễn Thị Hồng Nhung Mới", guardian_phone="0987654321",
    ), follow=True)

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == _url(world, "clubs:member_detail")
    stored = Pupil.objects.get(pk=world.target.pk)
    assert (stored.full_name, stored.guardian_phone) == ("Nguyễn Thị Hồng Nhung Mới",
                                                         "0987654321")
    assert stored.search_name == "nguyen thi hong nhung moi"
    assert "Nguyễn Thị Hồng Nhung Mới" in page and "0987654321" in page
    assert "0912345678" not in page
    log = RecordAccess.objects.get(pupil=world.target, action="edit")
    assert log.user == getattr(world, role)
    assert set(log.detail.split(",")) == {"full_name", "guardian_phone"}

    roster = client.get(reverse("clubs:roster_export",
                                kwargs={"slug": world.club.slug, "file_format": "csv"}))
    assert "Nguyễn Thị Hồng Nhung Mới" in roster.content.decode("utf-8-sig")
    assert "0987654321" in roster.content.decode("utf-8-sig")
    export = client.get(_url(world, "clubs:member_export_json")).json()
    assert export["pupil"]["full_name"] == "Nguyễn Thị Hồng Nhung Mới"
    assert export["pupil"]["guardian_phone"] == "0987654321"
    assert any(e["action"] == "edit" and "guardian_phone" in e["detail"]
               for e in export["access_log"])
    if role == "staff":  # staff read the access log on the member page
        page = client.get(_url(world, "clubs:member_detail")).content.decode()
        assert "full_name,guardian_phone" in page


def test_saving_unchanged_values_writes_no_log(as_role, world):
    client = as_role("leader")
    response = client.post(_url(world, "clubs:member_edit"), _posted(world.target))
    assert response.status_code == 302
    assert not RecordAccess.objects.filter(pupil=world.target, action="edit").exists()


def test_a_year_the_database_would_refuse_is_a_message_not_a_500(as_role, world):
    client = as_role("leader")
    response = client.post(_url(world, "clubs:member_edit"),
                           _posted(world.target, full_name="Đổi tên", birth_year=1890))
    assert response.status_code == 200
    assert response.context["form"].errors
    stored = Pupil.objects.get(pk=world.target.pk)
    assert stored.full_name == "Nguyễn Thị Hồng Nhung" and stored.birth_year != 1890
    # The page around the form still names the pupil as stored, not as typed.
    assert "Đổi tên</a>" not in response.content.decode()


def test_a_refused_edit_keeps_what_was_typed_and_changes_nothing(as_role, world):
    client = as_role("leader")
    response = client.post(_url(world, "clubs:member_edit"), _posted(
        world.target, full_name="Tên Mới", birth_year=THIS_YEAR + 1))
    assert response.status_code == 200
    assert 'value="Tên Mới"' in response.content.decode()
    assert Pupil.objects.get(pk=world.target.pk).full_name == "Nguyễn Thị Hồng Nhung"
    assert not RecordAccess.objects.filter(pupil=world.target, action="edit").exists()


def test_correcting_the_year_of_birth_activates_a_pupil_awaiting_consent(as_role, world):
    pending = MembershipFactory(
        club=world.club, status=Membership.Status.PENDING, activated_on=None,
        pupil=PupilFactory(school=world.club.school, full_name="Đỗ Hoài Nam",
                           birth_year=THIS_YEAR - 12),
    )
    client = as_role("leader")
    response = client.post(_url(world, "clubs:member_edit", pending.pupil),
                           _posted(pending.pupil, birth_year=THIS_YEAR - 16))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Membership.Status.ACTIVE
    page = client.get(_url(world, "clubs:member_detail", pending.pupil)).content.decode()
    assert 'data-flag="awaiting-consent"' not in page


def test_adding_a_member_born_before_the_database_allows_is_a_message(as_role, world):
    client = as_role("leader")
    response = client.post(reverse("clubs:member_add", kwargs={"slug": world.club.slug}), {
        "full_name": "Trương Văn Cũ", "birth_year": 1890, "grade": 8, "class_name": "8A1",
        "joined_on": timezone.localdate().isoformat(),
    })
    assert response.status_code == 200
    assert "1990" in response.content.decode()
    assert not Pupil.objects.filter(full_name="Trương Văn Cũ").exists()
