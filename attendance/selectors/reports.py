"""Attendance figures read by other apps: the yearly report, early warnings, learning
records, and a pupil's data export."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from attendance.models import Attendance, GuestAttendance, PupilDevice, RefusedScan
from clubs.models import Pupil
from sessions.models import ClubSession


def pupil_attendance_export(pupil: Pupil) -> dict[str, list[dict[str, Any]]]:
    """The pupil's part of their data export (clubs.selectors.pupil_data_export): their
    attendances, the scans refused about them and their paired phones. Nothing of anyone
    else: no other pupil on a shared phone, no leader's name; key hashes are credentials.
    Three queries."""

    def when(value: datetime | None) -> str | None:
        return value.isoformat() if value is not None else None

    def session_of(row: Any) -> dict:
        session = row.session
        if session is None:
            return {"session": None, "session_starts_at": None, "club": None}
        return {"session": session.title, "session_starts_at": session.starts_at.isoformat(),
                "club": session.club.name if session.club_id else None}

    attendances = Attendance.objects.filter(pupil=pupil).select_related("session__club")
    refused = RefusedScan.objects.filter(pupil=pupil).select_related("session__club")
    return {
        "attendance": [
            {**session_of(a), "status": a.status, "method": a.method,
             "checked_in_at": when(a.checked_in_at), "scanned_at": when(a.scanned_at),
             "recorded_at": when(a.recorded_at)}
            for a in attendances.order_by("session__starts_at", "pk")
        ],
        "refused_scans": [
            {**session_of(r), "reason": r.code, "method": r.method,
             "at": when(r.created_at), "scanned_at": when(r.scanned_at)}
            for r in refused.order_by("created_at", "pk")
        ],
        "paired_phones": [
            {"paired_at": when(d.paired_at), "revoked_at": when(d.revoked_at)}
            for d in PupilDevice.objects.filter(pupil=pupil).order_by("paired_at", "pk")
        ],
    }


REPORT_ATTENDED = (Attendance.Status.PRESENT, Attendance.Status.LATE)


def _report_rows(
    held: QuerySet[ClubSession], *, grade: str | None = None, gender: str | None = None
) -> QuerySet[Attendance]:
    qs = Attendance.objects.filter(session__in=held)
    if grade:
        qs = qs.filter(pupil__grade=grade)
    if gender:
        qs = qs.filter(pupil__gender=gender)
    return qs


def report_attendance_by_club(
    held: QuerySet[ClubSession], *, grade: str | None = None, gender: str | None = None
) -> dict[int | None, tuple[int, int]]:
    """{organising club id (None: centre sessions): (attended, expected)} where expected
    counts present, late and absent: an excused absence is neither. One query."""
    rows = (
        _report_rows(held, grade=grade, gender=gender).order_by().values_list("session__club")
        .annotate(
            attended=Count("pk", filter=Q(status__in=REPORT_ATTENDED)),
            expected=Count("pk", filter=~Q(status=Attendance.Status.EXCUSED)),
        )
    )
    return {club_id: (attended, expected) for club_id, attended, expected in rows}


def report_reached(
    held: QuerySet[ClubSession], *, grade: str | None = None, gender: str | None = None
) -> list[tuple]:
    """(school id, school name, grade, gender, distinct member pupils who came) rows, one
    query. A pupil has one school, grade and gender, so each breakdown sums to the
    number of pupils reached."""
    return list(
        _report_rows(held, grade=grade, gender=gender).filter(status__in=REPORT_ATTENDED)
        .order_by().values_list("pupil__school_id", "pupil__school__name", "pupil__grade",
                                "pupil__gender")
        .annotate(n=Count("pupil", distinct=True))
    )


def report_guests(held: QuerySet[ClubSession]) -> int:
    """People counted at the door (not members), one query."""
    return GuestAttendance.objects.filter(session__in=held).aggregate(n=Sum("headcount"))[
        "n"] or 0


def member_attendance_history(*, club_ids: Iterable[int], since: datetime) -> list[tuple]:
    """(pupil id, club id, session id, title, starts_at, status) of the attendance rows of
    the clubs' own sessions since ``since`` (aware), oldest first; cancelled sessions
    left out. One query (the early warnings read it)."""
    return list(
        Attendance.objects.filter(session__club_id__in=club_ids, session__starts_at__gte=since)
        .exclude(session__status=ClubSession.Status.CANCELLED)
        .order_by("session__starts_at", "session_id")
        .values_list("pupil_id", "session__club_id", "session_id", "session__title",
                     "session__starts_at", "status")
    )


def pupil_sessions_attended(*, pupil_id: int, since: datetime) -> list[tuple]:
    """(session id, title, starts_at, kind, topic) of the sessions the pupil came to
    (present or late) since ``since`` (aware), newest first. One query."""
    return list(
        Attendance.objects.filter(pupil_id=pupil_id, status__in=REPORT_ATTENDED,
                                  session__starts_at__gte=since)
        .order_by("-session__starts_at")
        .values_list("session_id", "session__title", "session__starts_at", "session__kind",
                     "session__topic")
    )


def pupils_who_came(*, sessions: QuerySet[ClubSession]) -> set[int]:
    """Ids of the pupils present or late at any of ``sessions`` (a queryset), one query."""
    return set(
        Attendance.objects.filter(session__in=sessions, status__in=REPORT_ATTENDED)
        .values_list("pupil_id", flat=True).distinct()
    )
