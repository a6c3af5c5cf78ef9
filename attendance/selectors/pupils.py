"""Reads of pupils for check-in off the scan itself: paired phones, who is expected."""

from typing import TypeGuard

from django.db.models import QuerySet

from attendance.checkin_read import PairedPhone, SessionRef, paired_phone, session_and_phone
from attendance.models import PupilDevice
from attendance.tokens import sha256
from clubs.models import Membership, Pupil
from sessions import selectors as session_selectors
from sessions.models import ClubSession


def _usable(key: object) -> TypeGuard[str]:
    return bool(key) and isinstance(key, str) and len(key) <= 100


def pupil_device_by_key(*, key: str | None) -> PupilDevice | None:
    """The paired phone holding this key, unless revoked, to pair it again. An anonymised
    pupil's phone no longer speaks for anyone."""
    if not _usable(key):
        return None
    return PupilDevice.objects.filter(
        key_hash=sha256(key), revoked_at=None, pupil__anonymised_at=None
    ).first()


def paired_phone_by_key(*, key: str | None) -> PairedPhone | None:
    """The same phone as pupil_device_by_key, as a check-in needs it (checkin_read)."""
    if not _usable(key):
        return None
    return paired_phone(key_hash=sha256(key))


def session_and_phone_for_pupil_checkin(
    *, session_id: int, key: str | None
) -> tuple[SessionRef | None, PairedPhone | None]:
    """session_for_pupil_checkin and paired_phone_by_key, in one query."""
    key_hash = sha256(key) if _usable(key) else None
    return session_and_phone(session_id=session_id, key_hash=key_hash)


def expected_members(session: ClubSession) -> QuerySet[Pupil]:
    """Who should come (sessions.selectors.expected_pupil_ids: the organising club, guest
    clubs, a whole school's clubs), anonymised records left out."""
    ids = session_selectors.expected_pupil_ids(session)
    return Pupil.objects.filter(pk__in=ids, anonymised_at=None).order_by("sort_key", "pk")


def pending_pupil_ids(session: ClubSession, *, among: set[int]) -> set[int]:
    """Of `among`, the pupils awaiting consent in a club expected at the session."""
    return set(
        session_selectors.session_memberships(
            session, status=Membership.Status.PENDING
        )
        .filter(pupil_id__in=among)
        .values_list("pupil_id", flat=True)
    )
