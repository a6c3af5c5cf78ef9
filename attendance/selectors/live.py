"""What a leader sees of a session: who is in, who is missing, counts, refusals,
corrections. A fixed number of queries whatever the size."""

import hashlib
from typing import Any

from django.db.models import Count, Sum

from attendance.models import Attendance, AttendanceChange, GuestAttendance, RefusedScan
from attendance.selectors.pupils import expected_members, pending_pupil_ids
from clubs.models import Pupil
from sessions.models import ClubSession


def attendance_history(session: ClubSession, *, limit: int = 50) -> list[AttendanceChange]:
    """The session's corrections, newest first (AttendanceChange: undone check-ins,
    changed statuses, removed guests), with the pupil and who did it. One query."""
    return list(
        AttendanceChange.objects.filter(session=session)
        .select_related("pupil", "actor")[:limit]
    )


def guests_for_session(session: ClubSession) -> list[GuestAttendance]:
    """The guests counted at a session, oldest first, for the leader to correct."""
    return list(GuestAttendance.objects.filter(session=session).order_by("recorded_at", "pk"))


def attendance_counts(session: ClubSession | int) -> dict[str, int]:
    rows = (
        Attendance.objects.filter(session=session)
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(Attendance.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    counts["in"] = counts["present"] + counts["late"]
    counts["guests"] = (
        GuestAttendance.objects.filter(session=session).aggregate(n=Sum("headcount"))["n"] or 0
    )
    return counts


def refusals_for_leader(session: ClubSession, *, known_ids: set[int]) -> list[RefusedScan]:
    """The session's last 20 refused scans, as its leader may see them. A refusal names
    the pupil (`pupil`, with only `full_name` loaded) only when they are on this session's
    roster: in `known_ids` (expected, or already recorded here) or awaiting consent in one
    of its clubs. Anybody else, a pupil of another club who opened this session's code,
    say, is `from_outside` and never named: their name is not even read.

    Only the fields a leader is shown are read, so a scan time stored before they were
    checked (services.scan_time_believable), which Python may not be able to read, cannot
    break the roster."""
    refused = list(
        RefusedScan.objects.filter(session=session).only("created_at", "code", "pupil_id")[:20]
    )
    asked = {r.pupil_id for r in refused if r.pupil_id is not None}
    unknown = asked - known_ids
    if unknown:
        known_ids = known_ids | pending_pupil_ids(session, among=unknown)
    named = asked & known_ids
    names = Pupil.objects.filter(pk__in=named).only("full_name").in_bulk() if named else {}
    for refusal in refused:
        # For the template and the API only, beside the model's fields.
        refusal.from_outside = (  # type: ignore[attr-defined]
            refusal.pupil_id is not None and refusal.pupil_id not in named
        )
        refusal.pupil = names.get(refusal.pupil_id)
    return refused


def live_state(session: ClubSession) -> dict[str, Any]:
    """Who is in, who is expected and not yet in, counts, refused scans, and phones that
    checked in more than one pupil. A fixed number of queries whatever the size."""
    attendances = list(
        Attendance.objects.filter(session=session)
        .select_related("pupil")
        .order_by("pupil__sort_key", "pk")
    )
    seen = {a.pupil_id for a in attendances}
    expected = list(
        expected_members(session).only("id", "full_name", "class_name", "search_name")
    )
    missing = [p for p in expected if p.pk not in seen]
    shared_phones = (
        Attendance.objects.filter(session=session, pupil_device__isnull=False)
        .values("pupil_device_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    shared_ids = {row["pupil_device_id"] for row in shared_phones}
    refused = refusals_for_leader(session, known_ids={p.pk for p in expected} | seen)
    counts = attendance_counts(session)
    counts["expected"] = len(expected)
    counts["missing"] = len(missing)
    return {
        "attendances": attendances,
        "missing": missing,
        "shared_device_ids": shared_ids,
        "refused": refused,
        "counts": counts,
    }


def live_fingerprint(state: dict[str, Any]) -> str:
    """A short digest of what the live roster shows (rows, statuses, counts, refusals),
    for its ETag: the rendered page cannot serve, as each render holds a fresh CSRF
    mask."""
    seen = (
        sorted((a.pk, a.status, a.recorded_at.isoformat(), a.pupil_device_id)
               for a in state["attendances"]),
        [p.pk for p in state["missing"]],
        [r.pk for r in state["refused"]],
        sorted(state["shared_device_ids"]),
        sorted(state["counts"].items()),
    )
    return hashlib.sha256(repr(seen).encode()).hexdigest()[:20]
