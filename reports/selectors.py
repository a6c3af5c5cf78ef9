"""The yearly figures the centre reports (sessions held, mock trials, pupils reached,
members per club), for one school year. Read-only aggregates over clubs, sessions and
attendance; a fixed number of queries whatever the size of the centre."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from attendance.models import Attendance, GuestAttendance
from clubs.models import Club, Membership
from places.selectors import place_q
from sessions.models import ClubSession

ATTENDED = (Attendance.Status.PRESENT, Attendance.Status.LATE)


@dataclass(frozen=True)
class SchoolYear:
    """1 September to 31 August, named by the year it starts in (2024 = 2024-2025)."""

    first_year: int

    @classmethod
    def containing(cls, day: dt.date) -> "SchoolYear":
        return cls(day.year if day.month >= 9 else day.year - 1)

    @property
    def start(self) -> dt.date:
        return dt.date(self.first_year, 9, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.first_year + 1, 8, 31)

    @property
    def label(self) -> str:
        return f"{self.first_year}-{self.first_year + 1}"

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        return start, dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)


@dataclass(frozen=True)
class ClubFigures:
    club: Club
    members: int
    sessions_held: int
    attendances: int


@dataclass(frozen=True)
class YearlyFigures:
    year: SchoolYear
    clubs_active: int
    members: int
    sessions_held: dict  # kind -> count
    thematic_sessions_held: int
    mock_trials_held: int
    pupils_reached: int  # distinct members who attended + guests counted at the door
    member_pupils_reached: int
    guests: int
    attendances: int
    per_club: list


def _memberships_in(year: SchoolYear) -> Q:
    # Active at some point of the year: a membership awaiting guardian consent is not a
    # member yet, and one that closed before the consent came never was.
    return (
        Q(activated_on__lte=year.end)
        & (Q(left_on__isnull=True) | Q(left_on__gte=year.start))
    )


def yearly_figures(*, year: SchoolYear, now: dt.datetime | None = None, province=None,
                   commune=None) -> YearlyFigures:
    """Figures for ``year``. A session counts as held when it was not cancelled and has
    ended by ``now`` (default: now), so figures for the running year grow as it goes.
    With a ``province`` or ``commune`` (places units) only clubs whose school is there
    count (units merged into them included); centre-wide sessions then do not."""
    now = now or timezone.now()
    start, end = year.bounds()
    area = {"province": province, "commune": commune}
    held = (
        ClubSession.objects.filter(starts_at__gte=start, starts_at__lt=end, ends_at__lte=now)
        .filter(place_q("club__school__", **area))
        .exclude(status=ClubSession.Status.CANCELLED)
    )
    by_kind = dict(held.values_list("kind").annotate(n=Count("pk")).order_by())
    attended = Attendance.objects.filter(session__in=held, status__in=ATTENDED)
    member_pupils = attended.values("pupil_id").distinct().count()
    guests = GuestAttendance.objects.filter(session__in=held).aggregate(
        n=Coalesce(Sum("headcount"), 0)
    )["n"]
    members = (
        Membership.objects.filter(_memberships_in(year), place_q("club__school__", **area))
        .values("pupil_id").distinct().count()
    )

    def count_subquery(queryset):
        return Coalesce(
            Subquery(queryset.values("n")[:1], output_field=IntegerField()), 0
        )

    per_club_qs = (
        Club.objects.select_related("school", "school__province", "school__commune")
        .filter(place_q("school__", **area))
        .annotate(
            n_members=count_subquery(
                Membership.objects.filter(_memberships_in(year), club=OuterRef("pk"))
                .order_by()
                .values("club")
                .annotate(n=Count("pupil", distinct=True))
            ),
            n_sessions=count_subquery(
                held.filter(club=OuterRef("pk")).order_by().values("club").annotate(n=Count("pk"))
            ),
            n_attendances=count_subquery(
                attended.filter(session__club=OuterRef("pk"))
                .order_by()
                .values("session__club")
                .annotate(n=Count("pk"))
            ),
        )
        .order_by("school__province__short_name", "school__commune__name", "name")
    )
    per_club = [
        ClubFigures(club=c, members=c.n_members, sessions_held=c.n_sessions,
                    attendances=c.n_attendances)
        for c in per_club_qs
    ]
    return YearlyFigures(
        year=year,
        clubs_active=sum(1 for row in per_club if row.members or row.sessions_held),
        members=members,
        sessions_held=by_kind,
        thematic_sessions_held=by_kind.get(ClubSession.Kind.THEMATIC, 0),
        mock_trials_held=by_kind.get(ClubSession.Kind.MOCK_TRIAL, 0),
        pupils_reached=member_pupils + guests,
        member_pupils_reached=member_pupils,
        guests=guests,
        attendances=attended.count(),
        per_club=per_club,
    )
