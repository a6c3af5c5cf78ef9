"""Demo attendance for sessions that have already happened (the sessions builder makes
them). Idempotent: a session that has any attendance is left alone."""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from attendance.models import Attendance, GuestAttendance, Method
from clubs.models import GuardianConsent, Membership, Pupil
from demo.context import DemoContext
from sessions.models import ClubSession


def _status(rng, allowed_in: bool) -> str:
    roll = rng.random()
    if not allowed_in:
        # No consent on file: the pupil cannot be checked in, only excused or absent.
        return Attendance.Status.EXCUSED if roll < 0.5 else Attendance.Status.ABSENT
    if roll < 0.82:
        return Attendance.Status.PRESENT
    if roll < 0.90:
        return Attendance.Status.LATE
    if roll < 0.95:
        return Attendance.Status.EXCUSED
    return Attendance.Status.ABSENT


def build(ctx: DemoContext) -> None:
    now = timezone.now()
    sessions = list(
        ClubSession.objects.filter(ends_at__lt=now, club__isnull=False)
        .exclude(status=ClubSession.Status.CANCELLED)
        .exclude(Exists(Attendance.objects.filter(session=OuterRef("pk"))))
        .order_by("starts_at")
    )
    if not sessions:
        ctx.write("Attendance: no past sessions to fill")
        return
    # Pupils of club age (7-15) need the guardian's consent with their own assent.
    consent = GuardianConsent.objects.filter(
        pupil=OuterRef("pk"), withdrawn_at=None, child_assent=True
    )
    rows, guests = [], []
    for session in sessions:
        members = Pupil.objects.filter(
            memberships__club_id=session.club_id,  # type: ignore[misc]  # club sessions
            memberships__status=Membership.Status.ACTIVE,
        ).annotate(has_consent=Exists(consent)).values_list("pk", "birth_year", "has_consent")
        year = timezone.localtime(session.starts_at).year
        for pk, birth_year, has_consent in members:
            status = _status(ctx.rng, has_consent or year - birth_year >= 16)
            arrived = None
            if status == Attendance.Status.PRESENT:
                arrived = session.starts_at - timedelta(minutes=ctx.rng.randint(0, 20))
            elif status == Attendance.Status.LATE:
                arrived = session.starts_at + timedelta(minutes=ctx.rng.randint(11, 40))
            rows.append(
                Attendance(
                    session=session,
                    pupil_id=pk,
                    status=status,
                    method=ctx.rng.choice([Method.CARD, Method.PROJECTOR, Method.ROSTER])
                    if arrived
                    else Method.AUTO,
                    checked_in_at=arrived,
                )
            )
        if session.kind == ClubSession.Kind.MOCK_TRIAL:
            # A mock trial's audience: schools bring whole classes.
            guests.append(
                GuestAttendance(session=session, headcount=ctx.rng.randint(80, 160))
            )
    Attendance.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    GuestAttendance.objects.bulk_create(guests)
    ctx.write(f"Attendance: {len(rows)} records and {len(guests)} guest counts "
              f"for {len(sessions)} past sessions")
