import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from clubs import selectors, services
from clubs.models import Membership, Pupil, RecordAccess
from tests.factories.accounts import UserFactory
from tests.factories.clubs import (
    BoardRoleFactory,
    ClubFactory,
    GuardianConsentFactory,
    LeaderAssignmentFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db


def test_member_add_creates_pupil_membership_card_and_log():
    club = ClubFactory()
    user = UserFactory()
    membership = services.member_add(club=club, by=user, full_name=" Võ Thị  Ánh ",
                                     birth_year=2012, grade=8, class_name="8A2")
    pupil = membership.pupil
    assert pupil.school == club.school and pupil.member_code
    assert selectors.pupil_valid_card(pupil=pupil) is not None
    assert RecordAccess.objects.filter(pupil=pupil, user=user, action="edit").exists()


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"birth_year": timezone.localdate().year + 1}, "birth_year_future"),
        ({"joined_on": timezone.localdate() + datetime.timedelta(days=2)}, "joined_future"),
    ],
)
def test_member_add_refuses_future_dates(kwargs, code):
    club = ClubFactory()
    args = {"full_name": "A", "birth_year": 2012, "grade": 8, **kwargs}
    with pytest.raises(services.ClubError) as exc:
        services.member_add(club=club, by=None, **args)
    assert exc.value.code == code
    assert not Pupil.objects.exists()


def test_member_add_refuses_a_taken_member_code():
    existing = MembershipFactory()
    with pytest.raises(services.ClubError) as exc:
        services.member_add(club=existing.club, by=None, full_name="B", birth_year=2012, grade=8,
                            member_code=existing.pupil.member_code)
    assert exc.value.code == "member_code_taken"


def test_archive_records_reason_and_keeps_the_row():
    membership = MembershipFactory()
    seat = BoardRoleFactory(membership=membership)
    services.member_archive(membership=membership, by=None, reason="Chuyển trường",
                            status="alumni")
    membership.refresh_from_db()
    seat.refresh_from_db()
    assert membership.status == "alumni" and membership.leave_reason == "Chuyển trường"
    assert membership.left_on == timezone.localdate()
    assert seat.ends_on == timezone.localdate()
    with pytest.raises(services.ClubError) as exc:
        services.member_archive(membership=membership, by=None, reason="again")
    assert exc.value.code == "not_active"


def test_archive_needs_a_reason():
    membership = MembershipFactory()
    with pytest.raises(services.ClubError) as exc:
        services.member_archive(membership=membership, by=None, reason="  ")
    assert exc.value.code == "reason_required"
    membership.refresh_from_db()
    assert membership.status == "active"


def test_database_refuses_a_closed_membership_without_reason():
    membership = MembershipFactory()
    Membership.objects.filter(pk=membership.pk)
    with pytest.raises(IntegrityError):
        Membership.objects.filter(pk=membership.pk).update(
            status="inactive", left_on=timezone.localdate()
        )


def test_database_refuses_two_active_memberships_in_one_club():
    membership = MembershipFactory()
    with pytest.raises(IntegrityError):
        Membership.objects.create(pupil=membership.pupil, club=membership.club,
                                  joined_on=membership.joined_on,
                                  activated_on=membership.joined_on)


def test_move_closes_here_and_opens_there():
    membership = MembershipFactory()
    GuardianConsentFactory(pupil=membership.pupil)  # with the child's assent
    there = ClubFactory()
    new = services.member_move(membership=membership, to_club=there, by=None, reason="Lên cấp 3")
    membership.refresh_from_db()
    assert membership.status == "inactive" and membership.leave_reason == "Lên cấp 3"
    assert new.club == there and new.status == "active"
    assert membership.pupil.memberships.count() == 2


def test_a_move_without_consent_opens_a_pending_membership_there():
    membership = MembershipFactory(pupil__birth_year=timezone.localdate().year - 12)
    there = ClubFactory()
    new = services.member_move(membership=membership, to_club=there, by=None, reason="Chuyển")
    assert new.status == "pending"
    # Moving it again: a pending membership closes like an active one.
    other = ClubFactory()
    again = services.member_move(membership=new, to_club=other, by=None, reason="Chuyển")
    new.refresh_from_db()
    assert new.status == "inactive" and again.status == "pending"


def test_move_to_same_club_refused():
    membership = MembershipFactory()
    with pytest.raises(services.ClubError) as exc:
        services.member_move(membership=membership, to_club=membership.club, by=None, reason="x")
    assert exc.value.code == "same_club"


def test_consent_record_and_withdraw():
    membership = MembershipFactory(pupil__birth_year=2013)
    pupil = membership.pupil
    today = timezone.localdate()
    services.consent_record(pupil=pupil, by=None, guardian_name="Lê Thị Mai", relationship="Mẹ",
                            given_on=today, method="paper", notice_version="2024-1")
    # Guardian only: a 13-year-old still needs their own assent.
    assert selectors.pupil_consent_ok(pupil=pupil, on_date=today) is False
    consent = services.consent_record(
        pupil=pupil, by=None, guardian_name="Lê Thị Mai", relationship="Mẹ", given_on=today,
        method="paper", notice_version="2024-1", child_assent=True, child_assent_on=today)
    assert selectors.pupil_consent_ok(pupil=pupil, on_date=today) is True
    services.consent_withdraw(consent=consent, by=None)
    assert selectors.pupil_consent_ok(pupil=pupil, on_date=today) is False
    with pytest.raises(services.ClubError) as exc:
        services.consent_withdraw(consent=consent, by=None)
    assert exc.value.code == "already_withdrawn"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"given_on": timezone.localdate() + datetime.timedelta(days=1)}, "consent_future"),
        ({"child_assent": True, "child_assent_on": None}, "assent_date_required"),
    ],
)
def test_consent_record_refusals(kwargs, code):
    pupil = MembershipFactory().pupil
    args = {"guardian_name": "A", "relationship": "Bố", "given_on": timezone.localdate(),
            "method": "paper", "notice_version": "1", **kwargs}
    with pytest.raises(services.ClubError) as exc:
        services.consent_record(pupil=pupil, by=None, **args)
    assert exc.value.code == code
    assert not pupil.consents.exists()


def test_board_role_taken():
    seat = BoardRoleFactory(role="chair")
    other = MembershipFactory(club=seat.membership.club)
    with pytest.raises(services.ClubError) as exc:
        services.board_role_assign(membership=other, role="chair",
                                   starts_on=timezone.localdate())
    assert exc.value.code == "role_taken"


def test_access_log_is_append_only():
    pupil = MembershipFactory().pupil
    entry = services.access_record(pupil=pupil, user=None, action="view")
    entry.detail = "changed"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_leader_archives_from_the_page_and_member_leaves_the_roster(client):
    assignment = LeaderAssignmentFactory()
    membership = MembershipFactory(club=assignment.club)
    client.force_login(assignment.user)
    url = reverse("clubs:member_archive", kwargs={"slug": assignment.club.slug,
                                                  "pupil_id": membership.pupil_id})
    response = client.post(url, {"status": "inactive", "reason": "Bận học",
                                 "left_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    roster = client.get(reverse("clubs:club_detail", kwargs={"slug": assignment.club.slug}))
    assert membership.pupil.full_name not in roster.content.decode()
    archived = client.get(reverse("clubs:club_detail", kwargs={"slug": assignment.club.slug}),
                          {"status": "inactive"})
    assert membership.pupil.full_name in archived.content.decode()
    assert Pupil.objects.filter(pk=membership.pupil_id).exists()


def test_leader_views_are_logged_and_json_export(client):
    assignment = LeaderAssignmentFactory()
    membership = MembershipFactory(club=assignment.club)
    client.force_login(assignment.user)
    kwargs = {"slug": assignment.club.slug, "pupil_id": membership.pupil_id}
    client.get(reverse("clubs:member_detail", kwargs=kwargs))
    response = client.get(reverse("clubs:member_export_json", kwargs=kwargs))
    assert response.json()["pupil"]["member_code"] == membership.pupil.member_code
    actions = list(RecordAccess.objects.filter(pupil=membership.pupil, user=assignment.user)
                   .values_list("action", flat=True))
    assert sorted(actions) == ["export", "view"]


def test_anonymise_erases_identity_but_keeps_counts(client):
    from accounts.models import User
    from clubs.models import GuardianConsent, MemberCard, SupportNote
    from tests.factories.accounts import StaffFactory
    from tests.factories.clubs import MemberCardFactory

    membership = MembershipFactory(pupil__user=UserFactory(), pupil__gender="female")
    pupil = membership.pupil
    name, code, user_id = pupil.full_name, pupil.member_code, pupil.user_id
    card = MemberCardFactory(pupil=pupil)
    GuardianConsentFactory(pupil=pupil)
    SupportNote.objects.create(pupil=pupil, kind="health", text="Hen suyễn")
    before = selectors.club_roster_counts(club=membership.club)
    staff = StaffFactory()
    client.force_login(staff)
    url = reverse("clubs:member_erase", kwargs={"slug": membership.club.slug,
                                                "pupil_id": pupil.pk})
    assert client.post(url).status_code == 302
    pupil.refresh_from_db()
    assert pupil.anonymised_at is not None
    assert name not in (pupil.full_name, pupil.guardian_name) and pupil.member_code != code
    assert pupil.user_id is None and user_id is not None
    assert not User.objects.filter(pk=user_id).exists()
    assert pupil.guardian_phone == "" and pupil.class_name == ""
    assert selectors.card_lookup(secret=card.secret).status == "unknown"
    assert not SupportNote.objects.filter(pupil=pupil).exists()
    assert not GuardianConsent.objects.filter(pupil=pupil).exclude(guardian_name="—").exists()
    assert MemberCard.objects.filter(pupil=pupil, revoked_at__isnull=True).count() == 0
    after = selectors.club_roster_counts(club=membership.club)
    assert before["active"] - 1 == after["active"] and after["inactive"] == 1
    assert (pupil.gender, pupil.birth_year) == ("female", 2012)  # aggregates survive
    export = selectors.pupil_data_export(pupil=pupil, include_support_notes=True)
    assert name not in str(export)
    with pytest.raises(services.ClubError) as exc:
        services.pupil_anonymise(pupil=pupil, by=staff)
    assert exc.value.code == "already_anonymised"
    assert RecordAccess.objects.filter(pupil=pupil, detail="erased").count() == 1
