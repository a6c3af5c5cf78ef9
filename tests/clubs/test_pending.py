"""A member under 16 waits for a recorded guardian consent (SECURITY_PRIVACY item 12):
they join "pending", are shown to the leader as awaiting consent, are not counted or
expected, and become active when the consent (with the child's assent from 7) is in."""

import datetime
import io

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from clubs import selectors, services
from clubs.models import Membership
from clubs.retention import pupils_due_for_anonymising
from reports.selectors import SchoolYear, yearly_figures
from sessions.selectors import expected_pupil_ids
from tests.clubs.test_import import VI_HEADINGS, upload, xlsx
from tests.factories.attendance import CheckinSessionFactory
from tests.factories.clubs import (
    ClubFactory,
    LeaderAssignmentFactory,
    MembershipFactory,
    PupilFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def born(age: int) -> int:
    return TODAY.year - age


@pytest.fixture
def leader_club(client):
    assignment = LeaderAssignmentFactory()
    client.force_login(assignment.user)
    return assignment.club


def add(club, age, name="Nguyễn Thị Hồng Nhung", grade=7):
    return services.member_add(club=club, by=None, full_name=name, birth_year=born(age),
                               grade=grade)


def record_consent(pupil, *, assent, **extra):
    return services.consent_record(
        pupil=pupil, by=None, guardian_name="Lê Thị Mai", relationship="Mẹ", given_on=TODAY,
        method="paper", notice_version="2024-1", child_assent=assent,
        child_assent_on=TODAY if assent else None, **extra,
    )


def test_a_12_year_old_added_on_the_page_awaits_consent_and_is_not_counted(client, leader_club):
    response = client.post(reverse("clubs:member_add", kwargs={"slug": leader_club.slug}), {
        "full_name": "Trần Minh Khôi", "birth_year": born(12), "grade": 7,
        "joined_on": TODAY.isoformat(),
    })
    assert response.status_code == 302
    membership = Membership.objects.get(club=leader_club)
    assert membership.status == Membership.Status.PENDING
    # Shown on the roster's default view, marked, with the way to record the consent.
    page = client.get(reverse("clubs:club_detail", kwargs={"slug": leader_club.slug}))
    html = page.content.decode()
    assert "Trần Minh Khôi" in html and 'data-flag="awaiting-consent"' in html
    assert reverse("clubs:consent_add", kwargs={
        "slug": leader_club.slug, "pupil_id": membership.pupil_id}) in html
    assert 'id="count-pending"' in html
    # Not a member: not counted, not among active members, not expected at a session.
    counts = selectors.club_roster_counts(club=leader_club)
    assert (counts["active"], counts["pending"], counts["consent_missing"]) == (0, 1, 0)
    assert not selectors.active_member_ids(club_ids=[leader_club.pk])
    assert not expected_pupil_ids(CheckinSessionFactory(club=leader_club))
    assert yearly_figures(year=SchoolYear.containing(TODAY)).per_club[0].members == 0
    # The member page says what is missing.
    detail = client.get(reverse("clubs:member_detail", kwargs={
        "slug": leader_club.slug, "pupil_id": membership.pupil_id})).content.decode()
    assert 'data-flag="awaiting-consent"' in detail


def test_recording_consent_with_the_childs_assent_on_the_page_activates(client, leader_club):
    membership = add(leader_club, 12)
    url = reverse("clubs:consent_add", kwargs={
        "slug": leader_club.slug, "pupil_id": membership.pupil_id})
    response = client.post(url, {
        "guardian_name": "Lê Thị Mai", "relationship": "Mẹ", "given_on": TODAY.isoformat(),
        "method": "paper", "notice_version": "2024-1", "child_assent": "on",
        "child_assent_on": TODAY.isoformat(),
    }, follow=True)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert "Nguyễn Thị Hồng Nhung" in response.content.decode()
    assert selectors.club_roster_counts(club=leader_club)["active"] == 1


def test_a_12_year_olds_consent_without_assent_does_not_activate():
    membership = add(ClubFactory(), 12)
    record_consent(membership.pupil, assent=False)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING
    # The assent, recorded later with the guardian's consent, does.
    record_consent(membership.pupil, assent=True)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_under_7_the_guardians_consent_alone_activates():
    membership = add(ClubFactory(), 6, grade=1)
    assert membership.status == Membership.Status.PENDING
    record_consent(membership.pupil, assent=False)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_a_17_year_old_is_active_at_once():
    membership = add(ClubFactory(), 17, grade=11)
    assert membership.status == Membership.Status.ACTIVE


def test_a_consent_for_one_pupil_activates_only_their_pending_memberships():
    club = ClubFactory()
    mine, other = add(club, 12), add(club, 12, name="Trần Văn Đạt")
    record_consent(mine.pupil, assent=True)
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.status, other.status) == ("active", "pending")


def test_withdrawal_still_leaves_the_membership_active():
    membership = add(ClubFactory(), 12)
    consent = record_consent(membership.pupil, assent=True)
    services.consent_withdraw(consent=consent, by=None)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE  # flagged, refused at check-in
    assert selectors.consent_missing_pupil_ids(club=membership.club) == {membership.pupil_id}


def test_correcting_the_year_of_birth_to_16_activates():
    membership = add(ClubFactory(), 12)
    services.member_edit(membership=membership, by=None, birth_year=born(16))
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_the_nightly_job_activates_a_pupil_awaiting_consent_who_turns_16(leader_club):
    from django.core.management import call_command

    membership = add(leader_club, 15)
    younger = add(leader_club, 14, name="Trần Văn Bảo")
    assert membership.status == younger.status == Membership.Status.PENDING
    new_year = datetime.date(TODAY.year + 1, 1, 1)
    with time_machine.travel(datetime.datetime(new_year.year, 1, 1, 1, 0), tick=False):
        call_command("clubs_retention", stdout=io.StringIO())
    membership.refresh_from_db()
    younger.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert younger.status == Membership.Status.PENDING  # 15 now: still needs consent


def test_a_pending_membership_can_be_archived_and_is_then_not_open():
    membership = add(ClubFactory(), 12)
    services.member_archive(membership=membership, by=None, reason="Phụ huynh không đồng ý")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.INACTIVE and membership.left_on == TODAY


def test_the_yearly_figures_count_members_from_the_day_they_became_active():
    club = ClubFactory()
    never = add(club, 12, name="Võ Thị Ngọc Trâm")  # the guardian said no
    services.member_archive(membership=never, by=None, reason="Phụ huynh không đồng ý")
    later = add(club, 13, name="Huỳnh Quốc Bảo")
    record_consent(later.pupil, assent=True)
    add(club, 17, name="Lê Minh Khang")
    later.refresh_from_db()
    assert later.activated_on == TODAY
    # Two took part this year; the one who left before any consent never was a member.
    assert yearly_figures(year=SchoolYear.containing(TODAY)).per_club[0].members == 2


def test_the_database_refuses_an_active_membership_without_its_activation_date():
    membership = add(ClubFactory(), 17)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(activated_on=None)


def test_a_pupil_is_at_most_once_active_or_pending_in_a_club():
    membership = add(ClubFactory(), 12)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(pupil=membership.pupil, club=membership.club,
                                  joined_on=TODAY, status=Membership.Status.ACTIVE,
                                  activated_on=TODAY)


def test_a_pending_pupil_is_not_erased_as_if_their_purpose_were_over():
    pupil = PupilFactory(birth_year=born(12))
    MembershipFactory(pupil=pupil, status="inactive", joined_on=datetime.date(2020, 9, 1),
                      left_on=datetime.date(2021, 6, 1), leave_reason="Chuyển trường")
    assert pupils_due_for_anonymising().filter(pk=pupil.pk).exists()
    MembershipFactory(pupil=pupil, status="pending")
    assert not pupils_due_for_anonymising().filter(pk=pupil.pk).exists()


def test_erasing_a_pupil_closes_a_pending_membership():
    membership = add(ClubFactory(), 12)
    services.pupil_anonymise(pupil=membership.pupil, by=None)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.INACTIVE


def test_the_import_makes_pending_rows_for_under_16s(client, leader_club):
    rows = [
        [1, "Nguyễn Thị Ánh Tuyết", "Nữ", born(12), 7, "7A1", "", "", "", ""],
        [2, "Trần Quốc Đạt", "Nam", born(17), 11, "11A3", "", "", "", ""],
    ]
    response = upload(client, leader_club, "ds.xlsx", xlsx(VI_HEADINGS, rows))
    client.post(response["Location"], {"confirm": "1"})
    statuses = dict(Membership.objects.filter(club=leader_club).values_list(
        "pupil__full_name", "status"))
    assert statuses == {"Nguyễn Thị Ánh Tuyết": "pending", "Trần Quốc Đạt": "active"}
    # Importing the same file again: the pending pupil is already on the roster.
    again = upload(client, leader_club, "ds.xlsx", xlsx(VI_HEADINGS, rows))
    page = client.get(again["Location"]).content.decode()
    assert "Nguyễn Thị Ánh Tuyết" in page
    assert client.post(again["Location"], {"confirm": "1"}).status_code in (200, 302)
    assert Membership.objects.filter(club=leader_club).count() == 2
