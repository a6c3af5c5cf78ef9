"""Guests who are not members: counted at the door, by headcount or by name."""

from django.db import transaction

from accounts.models import User
from attendance.errors import CheckInError
from attendance.models import AttendanceChange, GuestAttendance
from attendance.services.corrections import change_record
from attendance.services.types import Actor
from sessions.models import ClubSession


def guest_record(
    *,
    session: ClubSession,
    actor: User,
    headcount: int = 1,
    name: str = "",
    school_name: str = "",
    class_name: str = "",
) -> GuestAttendance:
    """Count guests who are not members: a headcount, or one named person. Raises
    CheckInError session_cancelled; ValueError for a headcount outside 1-5000 or a named
    entry for more than one person (forms validate these first)."""
    if session.status == ClubSession.Status.CANCELLED:
        raise CheckInError("session_cancelled")
    if not 1 <= headcount <= 5000 or (name and headcount != 1):
        raise ValueError("bad headcount")
    return GuestAttendance.objects.create(
        session=session,
        headcount=headcount,
        name=name.strip(),
        school_name=school_name.strip(),
        class_name=class_name.strip(),
        recorded_by=actor,
    )


def guest_remove(*, guest: GuestAttendance, actor: Actor) -> None:
    """Take back guests counted by mistake. The row goes (the session's guest count
    drops); an AttendanceChange keeps how many, the name if one was given, who removed
    them and when."""
    with transaction.atomic():
        change_record(
            session_id=guest.session_id, actor=actor,
            action=AttendanceChange.Action.GUESTS_REMOVED,
            headcount=guest.headcount, guest_name=guest.name,
        )
        guest.delete()
