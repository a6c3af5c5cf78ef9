"""Writes of club data. Views call these and translate ClubError into messages.

History is never overwritten: members leave (with a date and a reason) rather than being
deleted, a move closes one membership and opens another, a reissued card revokes the
previous secret, a withdrawn consent keeps its record with the withdrawal time.

A pupil under 16 without a valid guardian consent (and, from 7, their own assent) joins
as "pending" (SECURITY_PRIVACY item 12): on the roster, not a member until consent_record
activates them. The rule is clubs.selectors.pupil_consent_ok, the one check-in applies.
"""

import secrets
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from clubs.collation import name_sort_key
from clubs.consent import ADULT_AGE, ASSENT_FROM_AGE, pupil_age_in
from clubs.models import (
    BoardRole,
    Club,
    GuardianConsent,
    MemberCard,
    Membership,
    Pupil,
    RecordAccess,
    SupportNote,
)
from clubs.selectors import pupil_consent_ok
from clubs.text import fold
from config.errors import DomainError, Message


class ClubError(DomainError):
    """A refusal the user can understand: ``code`` is stable, ``message`` translated."""

    code = "club_error"

    def __init__(self, code: str, message: Message) -> None:
        super().__init__(message, code=code)


PUPIL_FIELDS = (
    "full_name",
    "gender",
    "birth_year",
    "grade",
    "class_name",
    "guardian_name",
    "guardian_relationship",
    "guardian_phone",
)

# The database refuses older years (pupil_birth_year_plausible): say so before it does.
EARLIEST_BIRTH_YEAR = 1990

# No 0/O or 1/I: codes are read aloud and copied by hand from paper.
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def member_codes_new(*, count: int, year: int) -> list[str]:
    """``count`` member codes not yet in use, like "24-K7QX9M". Not secret (it is a
    roster number), only unique; the card secret is what proves identity."""
    codes: set[str] = set()
    while len(codes) < count:
        missing = count - len(codes)
        batch = {
            f"{year % 100:02d}-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))
            for _ in range(missing)
        }
        taken = set(
            Pupil.objects.filter(member_code__in=batch).values_list("member_code", flat=True)
        )
        codes |= batch - taken
    return sorted(codes)


def _check_pupil_fields(*, birth_year: int, grade: int, today: date) -> None:
    if birth_year > today.year:
        raise ClubError("birth_year_future", _("The year of birth is in the future."))
    if birth_year < EARLIEST_BIRTH_YEAR:
        raise ClubError("birth_year_implausible",
                        _("The year of birth must be %(year)s or later.")
                        % {"year": EARLIEST_BIRTH_YEAR})
    if not 1 <= grade <= 12:
        raise ClubError("grade_out_of_range", _("The grade must be between 1 and 12."))


def membership_opening(*, may_take_part: bool, joined_on: date) -> dict:
    """Status and activation date of a membership opening on `joined_on`: active from
    that day when the pupil may take part (clubs.selectors.pupil_consent_ok), else
    pending, with no activation date, until the consent comes. Every path that opens
    memberships (adding, moving, importing, the demo) uses it."""
    if may_take_part:
        return {"status": Membership.Status.ACTIVE, "activated_on": joined_on}
    return {"status": Membership.Status.PENDING, "activated_on": None}


def memberships_activate_consented(*, pupil: Pupil, today: date | None = None) -> int:
    """Activate the pupil's pending memberships if they may now take part (a consent was
    recorded, a year of birth corrected). Returns how many were activated."""
    today = today or timezone.localdate()
    pending = Membership.objects.filter(pupil=pupil, status=Membership.Status.PENDING)
    if not pending.exists() or not pupil_consent_ok(pupil=pupil, on_date=today):
        return 0
    return pending.update(status=Membership.Status.ACTIVE, activated_on=today)


def memberships_activate_come_of_age(*, today: date | None = None) -> int:
    """Activate the pending memberships of pupils who no longer need a guardian's consent
    (16 during this year, as the year of birth tells). Run nightly with the retention
    job, so a pupil awaiting consent who turns 16 on New Year's Day can take part without
    a leader doing anything. Returns how many memberships were activated."""
    today = today or timezone.localdate()
    return Membership.objects.filter(
        status=Membership.Status.PENDING,
        pupil__birth_year__lte=today.year - ADULT_AGE,
        pupil__anonymised_at__isnull=True,
    ).update(status=Membership.Status.ACTIVE, activated_on=today)


def member_add(
    *,
    club: Club,
    by: User | None,
    full_name: str,
    birth_year: int,
    grade: int,
    class_name: str = "",
    gender: str = "",
    guardian_name: str = "",
    guardian_relationship: str = "",
    guardian_phone: str = "",
    member_code: str = "",
    joined_on: date | None = None,
) -> Membership:
    """Create a pupil at the club's school, a membership and a card. The membership is
    active, or pending when the pupil is under 16 (they have no consent yet).

    Codes: birth_year_future, birth_year_implausible, grade_out_of_range, joined_future,
    member_code_taken.
    """
    today = timezone.localdate()
    joined_on = joined_on or today
    _check_pupil_fields(birth_year=birth_year, grade=grade, today=today)
    if joined_on > today:
        raise ClubError("joined_future", _("The joining date is in the future."))
    code = member_code.strip() or member_codes_new(count=1, year=today.year)[0]
    if Pupil.objects.filter(member_code=code).exists():
        raise ClubError("member_code_taken", _("This member code is already in use."))
    with transaction.atomic():
        pupil = Pupil.objects.create(
            full_name=full_name.strip(),
            search_name=fold(full_name),
            sort_key=name_sort_key(full_name),
            birth_year=birth_year,
            grade=grade,
            class_name=class_name.strip(),
            gender=gender,
            guardian_name=guardian_name.strip(),
            guardian_relationship=guardian_relationship.strip(),
            guardian_phone=guardian_phone.strip(),
            member_code=code,
            school=club.school,
        )
        membership = Membership.objects.create(
            pupil=pupil, club=club, joined_on=joined_on,
            **membership_opening(
                may_take_part=pupil_consent_ok(pupil=pupil, on_date=today), joined_on=joined_on
            ),
        )
        MemberCard.objects.create(pupil=pupil)
        access_record(pupil=pupil, user=by, action=RecordAccess.Action.EDIT, detail="created")
    return membership


def member_edit(*, membership: Membership, by: User | None, **fields: Any) -> Pupil:
    """Change a pupil's details (only the fields in PUPIL_FIELDS). A corrected year of
    birth that makes the pupil 16 activates their pending memberships.

    The values are compared with the row as stored, read again under a lock, never with
    the caller's object (a form may have changed it already; another leader may have
    saved since). Writes only what differs, with one access-log row naming the fields.
    Codes: birth_year_future, birth_year_implausible, grade_out_of_range.
    """
    with transaction.atomic():
        pupil = Pupil.objects.select_for_update().get(pk=membership.pupil_id)
        changed = [
            name for name in PUPIL_FIELDS
            if name in fields and getattr(pupil, name) != fields[name]
        ]
        for name in changed:
            setattr(pupil, name, fields[name])
        _check_pupil_fields(
            birth_year=pupil.birth_year, grade=pupil.grade, today=timezone.localdate()
        )
        if not changed:
            return pupil
        if "full_name" in changed:
            pupil.search_name = fold(pupil.full_name)
            pupil.sort_key = name_sort_key(pupil.full_name)
        pupil.save(update_fields=[*changed, "search_name", "sort_key", "updated_at"])
        access_record(
            pupil=pupil, user=by, action=RecordAccess.Action.EDIT, detail=",".join(changed)
        )
        if "birth_year" in changed:
            memberships_activate_consented(pupil=pupil)
    membership.pupil = pupil
    return pupil


def _close(membership: Membership, *, status: str, reason: str, on: date) -> None:
    if membership.status not in Membership.OPEN_STATUSES:
        raise ClubError("not_active", _("This membership has already ended."))
    if not reason.strip():
        raise ClubError("reason_required", _("Say why the member leaves."))
    if on < membership.joined_on:
        raise ClubError("left_before_joined", _("The leaving date is before the joining date."))
    if on > timezone.localdate():
        raise ClubError("left_future", _("The leaving date is in the future."))
    membership.status = status
    membership.left_on = on
    membership.leave_reason = reason.strip()[:200]
    membership.save(update_fields=["status", "left_on", "leave_reason"])
    # A seat on the board ends with the membership.
    membership.board_roles.filter(ends_on__isnull=True).update(ends_on=on)


def member_archive(
    *, membership: Membership, by: User | None, reason: str,
    status: str = Membership.Status.INACTIVE,
    left_on: date | None = None,
) -> Membership:
    """End an active or pending membership (inactive or alumni), with a reason. Nothing
    is deleted.

    Codes: not_active, reason_required, left_before_joined, left_future, bad_status.
    Locks the membership row so two leaders archiving at once cannot both succeed.
    """
    if status not in (Membership.Status.INACTIVE, Membership.Status.ALUMNI):
        raise ClubError("bad_status", _("Choose inactive or alumni."))
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        _close(locked, status=status, reason=reason, on=left_on or timezone.localdate())
        access_record(
            pupil=locked.pupil, user=by, action=RecordAccess.Action.EDIT, detail="archived"
        )
    return locked


def member_move(*, membership: Membership, to_club: Club, by: User | None,
                reason: str) -> Membership:
    """Close the membership here and open one in ``to_club`` on the same day; history of
    both clubs survives. The new one is pending, not active, while the pupil lacks
    consent. The caller must have checked the user may lead ``to_club``.

    Codes: same_club, already_member, and those of member_archive.
    """
    if to_club.pk == membership.club_id:
        raise ClubError("same_club", _("The member is already in this club."))
    today = timezone.localdate()
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if Membership.objects.filter(
            pupil_id=locked.pupil_id, club=to_club, status__in=Membership.OPEN_STATUSES
        ).exists():
            raise ClubError("already_member", _("The pupil is already on that club's roster."))
        _close(locked, status=Membership.Status.INACTIVE, reason=reason, on=today)
        new = Membership.objects.create(
            pupil_id=locked.pupil_id, club=to_club, joined_on=today,
            **membership_opening(
                may_take_part=pupil_consent_ok(pupil=locked.pupil, on_date=today),
                joined_on=today,
            ),
        )
        access_record(
            pupil=locked.pupil, user=by, action=RecordAccess.Action.EDIT,
            detail=f"moved to {to_club.slug}",
        )
    return new


def card_issue(*, pupil: Pupil, by: User | None = None) -> MemberCard:
    """Issue a new card and revoke any valid one (which then reads "revoked").

    Locks the pupil row: two reissues at once would otherwise race the one-valid-card
    constraint and one would fail with an IntegrityError.
    """
    with transaction.atomic():
        Pupil.objects.select_for_update().filter(pk=pupil.pk).first()
        MemberCard.objects.filter(pupil=pupil, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        card = MemberCard.objects.create(pupil=pupil)
        if by is not None:
            access_record(pupil=pupil, user=by, action=RecordAccess.Action.EDIT, detail="card")
    return card


def cards_issue_missing(*, club: Club) -> int:
    """A card for every active member who has none; returns how many were issued."""
    valid_card = MemberCard.objects.filter(pupil=OuterRef("pupil_id"), revoked_at__isnull=True)
    missing = (
        Membership.objects.filter(club=club, status=Membership.Status.ACTIVE)
        .exclude(Exists(valid_card))
        .values_list("pupil_id", flat=True)
    )
    cards = [MemberCard(pupil_id=pid) for pid in set(missing)]
    try:
        MemberCard.objects.bulk_create(cards)
    except IntegrityError:  # someone issued one meanwhile: nothing to do twice
        return 0
    return len(cards)


def consent_record(
    *,
    pupil: Pupil,
    by: User | None,
    guardian_name: str,
    relationship: str,
    given_on: date,
    method: str,
    notice_version: str,
    child_assent: bool = False,
    child_assent_on: date | None = None,
    photo_consent: bool = False,
) -> GuardianConsent:
    """Record a guardian's consent (and for a 7-15-year-old, their own assent).

    A consent without the child's assent is kept (guardians often sign first) but does
    not let a 7-15-year-old take part until the assent is recorded. A consent that lets
    the pupil take part activates their pending memberships.
    Codes: consent_future, assent_future, assent_date_required.
    """
    today = timezone.localdate()
    if given_on > today:
        raise ClubError("consent_future", _("The consent date is in the future."))
    if child_assent:
        if child_assent_on is None:
            raise ClubError("assent_date_required", _("Give the date the pupil agreed."))
        if child_assent_on > today:
            raise ClubError("assent_future", _("The assent date is in the future."))
    elif pupil_age_in(birth_year=pupil.birth_year, on_date=given_on) < ASSENT_FROM_AGE:
        child_assent_on = None
    with transaction.atomic():
        consent = GuardianConsent.objects.create(
            pupil=pupil,
            guardian_name=guardian_name.strip(),
            relationship=relationship.strip(),
            given_on=given_on,
            method=method,
            notice_version=notice_version.strip(),
            child_assent=child_assent,
            child_assent_on=child_assent_on if child_assent else None,
            photo_consent=photo_consent,
            recorded_by=by,
        )
        access_record(pupil=pupil, user=by, action=RecordAccess.Action.EDIT, detail="consent")
        memberships_activate_consented(pupil=pupil, today=today)
    return consent


def consent_withdraw(*, consent: GuardianConsent, by: User | None) -> GuardianConsent:
    """Mark a consent withdrawn now; from this moment the pupil (if under 16) is flagged
    and may not be checked in. Code: already_withdrawn."""
    with transaction.atomic():
        locked = GuardianConsent.objects.select_for_update().get(pk=consent.pk)
        if locked.withdrawn_at is not None:
            raise ClubError("already_withdrawn", _("This consent was already withdrawn."))
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["withdrawn_at"])
        access_record(
            pupil=locked.pupil, user=by, action=RecordAccess.Action.EDIT, detail="consent withdrawn"
        )
    return locked


def board_role_assign(*, membership: Membership, role: str, starts_on: date) -> BoardRole:
    """Give an active member a seat on the board. Codes: not_active, role_taken."""
    if membership.status != Membership.Status.ACTIVE:
        raise ClubError("not_active", _("Only active members can sit on the board."))
    if role != BoardRole.Role.MEMBER and BoardRole.objects.filter(
        membership__club_id=membership.club_id, role=role, ends_on__isnull=True
    ).exists():
        raise ClubError("role_taken", _("Someone already holds this role; end their term first."))
    return BoardRole.objects.create(membership=membership, role=role, starts_on=starts_on)


def board_role_end(*, board_role: BoardRole, ends_on: date) -> BoardRole:
    """Close a board seat. Code: ends_before_start."""
    if ends_on < board_role.starts_on:
        raise ClubError("ends_before_start", _("The end date is before the start date."))
    board_role.ends_on = ends_on
    board_role.save(update_fields=["ends_on"])
    return board_role


def support_note_add(*, pupil: Pupil, by: User | None, kind: str, text: str) -> SupportNote:
    return SupportNote.objects.create(pupil=pupil, author=by, kind=kind, text=text.strip())


def access_record(*, pupil: Pupil, user: User | None, action: str,
                  detail: str = "") -> RecordAccess:
    """Append to the pupil's access log (never updated, never deleted)."""
    return RecordAccess.objects.create(
        pupil=pupil,
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        detail=detail[:200],
    )


ERASED_NAME = "—"


def pupil_anonymise(*, pupil: Pupil, by: User | None) -> Pupil:
    """Erase what identifies a pupil while aggregate counts survive (gender, year of birth,
    grade, school and membership dates stay; SECURITY_PRIVACY items 13-14).

    Clears name, class, guardian contact and sign-in link (deleting a pupil's own
    account), replaces the member code,
    revokes cards (a scanned old card then reads "unknown"), blanks the guardian's name on
    consent records (dates and method stay as proof), deletes support notes and closes
    open (active or pending) memberships. The access log keeps its rows: it records that
    this happened.
    Code: already_anonymised. Locks the pupil row.
    """
    with transaction.atomic():
        locked = Pupil.objects.select_for_update().get(pk=pupil.pk)
        if locked.anonymised_at is not None:
            raise ClubError("already_anonymised", _("This record was already erased."))
        now = timezone.now()
        today = timezone.localdate()
        for membership in locked.memberships.filter(status__in=Membership.OPEN_STATUSES):
            membership.status = Membership.Status.INACTIVE
            membership.left_on = max(today, membership.joined_on)
            membership.leave_reason = "Data erased"
            membership.save(update_fields=["status", "left_on", "leave_reason"])
            membership.board_roles.filter(ends_on__isnull=True).update(ends_on=membership.left_on)
        MemberCard.objects.filter(pupil=locked, revoked_at__isnull=True).update(revoked_at=now)
        GuardianConsent.objects.filter(pupil=locked).update(
            guardian_name=ERASED_NAME, relationship=""
        )
        SupportNote.objects.filter(pupil=locked).delete()
        locked.full_name = ERASED_NAME
        locked.search_name = ""
        locked.sort_key = name_sort_key(ERASED_NAME)
        locked.class_name = ""
        locked.guardian_name = locked.guardian_relationship = locked.guardian_phone = ""
        locked.member_code = "X-" + secrets.token_hex(8).upper()
        account = locked.user
        locked.user = None
        locked.anonymised_at = now
        locked.save()
        if account is not None and account.is_pupil_account:
            # A pupil's own sign-in (username, e-mail) identifies them too.
            account.delete()
        access_record(pupil=locked, user=by, action=RecordAccess.Action.EDIT, detail="erased")
    return locked
