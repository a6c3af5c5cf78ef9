"""Leader corrections leave a trace: who did what, when, and what it was before."""

from django.db import transaction

from attendance.models import Attendance, AttendanceChange
from attendance.services.types import Actor
from clubs.models import Pupil


def change_record(*, actor: Actor, action: str, **fields: object) -> None:
    """The trace of a correction (AttendanceChange): who, when, what it was before."""
    AttendanceChange.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        **fields,
    )


def checkin_undo(*, attendance: Attendance, actor: Actor) -> None:
    """Take a check-in back (scanned the wrong card, tapped the wrong name). The row goes,
    so the pupil can be checked in again; refused scans are kept, and an AttendanceChange
    keeps who took it back, when, and the status it had.

    Under the pupil's row lock, as check-ins and roster ticks take it, and read again
    there: an undo never pulls a row from under a tick that read it, and two undos of one
    check-in leave one trace."""
    with transaction.atomic():
        list(Pupil.objects.select_for_update().filter(pk=attendance.pupil_id).values("pk"))
        current = Attendance.objects.filter(pk=attendance.pk).first()
        if current is None:
            return
        change_record(
            session_id=current.session_id, actor=actor,
            action=AttendanceChange.Action.UNDONE,
            pupil_id=current.pupil_id, old_status=current.status,
        )
        current.delete()
