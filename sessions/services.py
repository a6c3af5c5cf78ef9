"""Writes for sessions and series. Views call these; nothing here trusts the caller's form.

Every function checks its input, raises a ``SessionError`` subclass (stable ``code``,
translated message) and writes nothing when it refuses. Permission is the caller's job
(clubs.access); these functions take objects the caller may already change.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from clubs.models import Club, School
from sessions import exceptions as exc
from sessions.models import ClubSession, SessionSeries, TrainingModule
from sessions.registrations import registered_counts

MAX_OCCURRENCES = 200
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


@dataclass(frozen=True)
class SessionPlan:
    """What a session is, apart from when: shared by single sessions and series."""

    title: str
    kind: str
    club: Club | None = None
    topic: str = ""
    audience: str = ClubSession.Audience.CLUB
    venue: str = ""
    capacity: int | None = None
    description: str = ""
    private_notes: str = ""
    school: School | None = None
    guest_clubs: Sequence = ()
    facilitators: Sequence = ()
    materials: Sequence = ()
    programme_module: TrainingModule | None = None

    SCALARS = (
        "title", "kind", "club", "topic", "audience", "venue", "capacity", "description",
        "private_notes", "school", "programme_module",
    )

    @classmethod
    def from_session(cls, session: ClubSession) -> "SessionPlan":
        return cls(
            **{name: getattr(session, name) for name in cls.SCALARS},
            guest_clubs=list(session.guest_clubs.all()),
            facilitators=list(session.facilitators.all()),
            materials=list(session.materials.all()),
        )


@dataclass(frozen=True)
class Conflict:
    session: ClubSession
    reason: str  # "venue" or "facilitator"
    who: str = ""

    @property
    def message(self) -> str:
        when = timezone.localtime(self.session.starts_at).strftime("%d/%m/%Y %H:%M")
        if self.reason == "venue":
            return _("%(venue)s is booked for “%(title)s” on %(when)s.") % {
                "venue": self.session.venue, "title": self.session.title, "when": when}
        return _("%(who)s already facilitates “%(title)s” on %(when)s.") % {
            "who": self.who, "title": self.session.title, "when": when}


# --- checks -------------------------------------------------------------------------------

def _check_times(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    for value in (starts_at, ends_at):
        if value is None or timezone.is_naive(value):
            raise exc.ImpossibleDate()
        if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise exc.ImpossibleDate()
    if ends_at <= starts_at:
        raise exc.EndsBeforeStart()


def _check_plan(plan: SessionPlan) -> None:
    audience = ClubSession.Audience
    if plan.audience == audience.SCHOOL and plan.school is None:
        raise exc.AudienceIncomplete()
    if plan.audience == audience.CLUBS and not plan.guest_clubs:
        raise exc.AudienceIncomplete()
    if plan.audience in (audience.CLUB, audience.CLUBS) and plan.club is None:
        raise exc.AudienceIncomplete(_("Choose the organising club."))


def _check_capacity(capacity: int | None, session_ids: Iterable[int]) -> None:
    if capacity is None:
        return
    counts = registered_counts(session_ids)
    registered = max(counts.values(), default=0)
    if capacity < registered:
        raise exc.CapacityBelowRegistrations(
            params={"capacity": capacity, "registered": registered}
        )


def session_conflicts(
    *,
    slots: Sequence[tuple[dt.datetime, dt.datetime]],
    venue: str,
    facilitators: Sequence = (),
    exclude_ids: Iterable[int] = (),
) -> list[Conflict]:
    """Other scheduled sessions that share the venue or a facilitator with any slot.

    Two queries whatever the number of slots: candidates in the overall window, then their
    facilitators."""
    if not slots:
        return []
    venue = (venue or "").strip()
    facilitator_ids = {f.pk for f in facilitators}
    if not venue and not facilitator_ids:
        return []
    match = Q()
    if venue:
        match |= Q(venue__iexact=venue)
    if facilitator_ids:
        match |= Q(facilitators__in=facilitator_ids)
    first = min(start for start, _end in slots)
    last = max(end for _start, end in slots)
    candidates = (
        ClubSession.objects.filter(match, starts_at__lt=last, ends_at__gt=first)
        .exclude(status=ClubSession.Status.CANCELLED)
        .exclude(pk__in=list(exclude_ids))
        .distinct()
        .prefetch_related("facilitators")
        .order_by("starts_at")
    )
    found = []
    for other in candidates:
        if not any(start < other.ends_at and other.starts_at < end for start, end in slots):
            continue
        if venue and other.venue.strip().lower() == venue.lower():
            found.append(Conflict(other, "venue"))
        for person in other.facilitators.all():
            if person.pk in facilitator_ids:
                found.append(Conflict(other, "facilitator", who=str(person)))
    return found


def _raise_on_conflicts(plan: SessionPlan, slots: list[tuple[dt.datetime, dt.datetime]],
                        exclude_ids: Iterable[int], confirm_conflicts: bool) -> None:
    if confirm_conflicts:
        return
    conflicts = session_conflicts(
        slots=slots, venue=plan.venue, facilitators=plan.facilitators, exclude_ids=exclude_ids
    )
    if conflicts:
        raise exc.SchedulingConflict(conflicts)


# --- rows ---------------------------------------------------------------------------------

def _apply_plan(session: ClubSession, plan: SessionPlan) -> None:
    for name in SessionPlan.SCALARS:
        setattr(session, name, getattr(plan, name))


def _set_relations(sessions: Sequence[ClubSession], plan: SessionPlan) -> None:
    """Replace the three many-to-many sets of many sessions in a few bulk queries."""
    ids = [s.pk for s in sessions]
    for attr, objects, column in (
        ("facilitators", plan.facilitators, "user_id"),
        ("guest_clubs", plan.guest_clubs, "club_id"),
        ("materials", plan.materials, "page_id"),
    ):
        through = getattr(ClubSession, attr).through
        through.objects.filter(clubsession_id__in=ids).delete()
        through.objects.bulk_create(
            [through(clubsession_id=sid, **{column: obj.pk}) for sid in ids for obj in objects]
        )


def _occurrence_rows(series: SessionSeries, plan: SessionPlan,
                     created_by: User | None) -> list[ClubSession]:
    rows = []
    for start in series.occurrence_starts():
        row = ClubSession(
            series=series,
            occurrence_start=start,
            starts_at=start,
            ends_at=start + series.duration,
            created_by=created_by,
        )
        _apply_plan(row, plan)
        rows.append(row)
    return rows


def _check_series_rule(series: SessionSeries) -> list[dt.datetime]:
    if series.until is None and series.count is None:
        raise exc.SeriesWithoutEnd()
    if series.until is not None and series.count is not None:
        raise exc.SeriesEndAmbiguous()
    if series.until is not None and not EARLIEST_YEAR <= series.until.year <= LATEST_YEAR:
        raise exc.ImpossibleDate()
    if series.count is not None and series.count > MAX_OCCURRENCES:
        raise exc.SeriesTooLong(params={"limit": MAX_OCCURRENCES, "n": series.count})
    starts = []
    for start in series.rule():
        starts.append(start)
        if len(starts) > MAX_OCCURRENCES:
            raise exc.SeriesTooLong(params={"limit": MAX_OCCURRENCES, "n": _("more")})
    if not any(start.date() not in series.skipped for start in starts):
        raise exc.SeriesEmpty()
    return starts


# --- single sessions ----------------------------------------------------------------------

def session_create(
    *,
    plan: SessionPlan,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    created_by: User | None = None,
    confirm_conflicts: bool = False,
) -> ClubSession:
    """One session. Raises ImpossibleDate, EndsBeforeStart, AudienceIncomplete, and
    SchedulingConflict unless ``confirm_conflicts``."""
    _check_times(starts_at, ends_at)
    _check_plan(plan)
    _raise_on_conflicts(plan, [(starts_at, ends_at)], (), confirm_conflicts)
    with transaction.atomic():
        session = ClubSession(starts_at=starts_at, ends_at=ends_at, created_by=created_by)
        _apply_plan(session, plan)
        session.full_clean(exclude=["series", "programme_module", "club", "school"])
        session.save()
        _set_relations([session], plan)
    return session


def session_update(
    *,
    session: ClubSession,
    plan: SessionPlan,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    confirm_conflicts: bool = False,
) -> ClubSession:
    """Change one session; an occurrence of a series is changed on its own (detached), the
    rest of the series stays. Raises as session_create, plus CapacityBelowRegistrations.
    Locks the session row while it re-reads and writes."""
    _check_times(starts_at, ends_at)
    _check_plan(plan)
    _check_capacity(plan.capacity, [session.pk])
    _raise_on_conflicts(plan, [(starts_at, ends_at)], [session.pk], confirm_conflicts)
    with transaction.atomic():
        locked = ClubSession.objects.select_for_update().get(pk=session.pk)
        _apply_plan(locked, plan)
        locked.starts_at, locked.ends_at = starts_at, ends_at
        locked.detached = locked.series_id is not None
        locked.sequence += 1
        locked.save()
        _set_relations([locked], plan)
    return locked


def session_cancel(*, session: ClubSession, reason: str) -> ClubSession:
    """Cancel one session or one occurrence. It stays on record and in feeds, marked
    cancelled with the reason. Raises CancelReasonMissing, AlreadyCancelled."""
    reason = (reason or "").strip()
    if not reason:
        raise exc.CancelReasonMissing()
    with transaction.atomic():
        locked = ClubSession.objects.select_for_update().get(pk=session.pk)
        if locked.status == ClubSession.Status.CANCELLED:
            raise exc.AlreadyCancelled()
        locked.status = ClubSession.Status.CANCELLED
        locked.cancel_reason = reason[:200]
        locked.detached = locked.series_id is not None
        locked.sequence += 1
        locked.save(update_fields=["status", "cancel_reason", "detached", "sequence",
                                   "updated_at"])
    return locked


# --- series -------------------------------------------------------------------------------

def series_create(
    *,
    plan: SessionPlan,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    frequency: str,
    until: dt.date | None = None,
    count: int | None = None,
    skip_dates: Iterable[dt.date] = (),
    created_by: User | None = None,
    confirm_conflicts: bool = False,
) -> SessionSeries:
    """A repeating session and one ClubSession per occurrence.

    ``starts_at``/``ends_at`` are the first occurrence's; the rule repeats its local time of
    day. Raises SeriesWithoutEnd, SeriesEndAmbiguous, SeriesTooLong, SeriesEmpty,
    ImpossibleDate, EndsBeforeStart, AudienceIncomplete and SchedulingConflict (unless
    ``confirm_conflicts``)."""
    _check_times(starts_at, ends_at)
    _check_plan(plan)
    series = SessionSeries(
        club=plan.club,
        title=plan.title,
        frequency=frequency,
        dtstart=starts_at,
        duration=ends_at - starts_at,
        until=until,
        count=count,
        skip_dates=sorted({d.isoformat() for d in skip_dates}),
        created_by=created_by,
    )
    _check_series_rule(series)
    slots = [(s, s + series.duration) for s in series.occurrence_starts()]
    _raise_on_conflicts(plan, slots, (), confirm_conflicts)
    with transaction.atomic():
        series.save()
        rows = ClubSession.objects.bulk_create(_occurrence_rows(series, plan, created_by))
        _set_relations(rows, plan)
    return series


def series_remaining_count(session: ClubSession) -> int | None:
    """For a count-bound series: how many rule dates remain from this occurrence on."""
    series = session.series
    if series is None or series.count is None:
        return None
    # An occurrence of a series has its occurrence_start.
    before = [s for s in series.rule_starts() if s < session.occurrence_start]  # type: ignore[operator]
    return series.count - len(before)


def series_update_following(
    *,
    session: ClubSession,
    plan: SessionPlan,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    frequency: str,
    until: dt.date | None = None,
    count: int | None = None,
    skip_dates: Iterable[dt.date] = (),
    changed_by: User | None = None,
    confirm_conflicts: bool = False,
) -> SessionSeries:
    """Change this occurrence and all that follow ("this and following").

    From the first occurrence, the series itself changes; otherwise it is split: the old
    series ends the day before, a new series (new UID in feeds) carries this occurrence on.
    Existing rows are kept and re-dated in order, so their attendance stays attached;
    rows the new rule no longer needs are cancelled and leave the series; missing ones are
    created. Raises as series_create plus NotInSeries and CapacityBelowRegistrations.
    Locks the series row."""
    if session.series_id is None:
        raise exc.NotInSeries()
    _check_times(starts_at, ends_at)
    _check_plan(plan)
    with transaction.atomic():
        old = SessionSeries.objects.select_for_update().get(pk=session.series_id)
        following = list(
            old.occurrences.filter(occurrence_start__gte=session.occurrence_start)
            .order_by("occurrence_start")
        )
        _check_capacity(plan.capacity, [row.pk for row in following])
        whole = session.occurrence_start <= old.dtstart  # type: ignore[operator]  # in a series
        target = old if whole else SessionSeries(split_from=old, created_by=changed_by)
        target.club, target.title, target.frequency = plan.club, plan.title, frequency
        target.dtstart, target.duration = starts_at, ends_at - starts_at
        target.until, target.count = until, count
        target.skip_dates = sorted({d.isoformat() for d in skip_dates})
        _check_series_rule(target)
        new_starts = target.occurrence_starts()
        slots = [(s, s + target.duration) for s in new_starts]
        _raise_on_conflicts(plan, slots, [row.pk for row in following], confirm_conflicts)

        if whole:
            target.sequence += 1
            target.save()
        else:
            cut = timezone.localtime(session.occurrence_start).date() - dt.timedelta(days=1)
            old.until, old.count = cut, None
            old.sequence += 1
            old.save(update_fields=["until", "count", "sequence", "updated_at"])
            target.save()

        _redate_occurrences(target, plan, following, new_starts, changed_by)
    return target


def _redate_occurrences(series: SessionSeries, plan: SessionPlan, rows: list[ClubSession],
                        new_starts: list[dt.datetime], changed_by: User | None) -> None:
    # Park the rows outside the unique (series, occurrence_start) key while re-dating.
    ClubSession.objects.filter(pk__in=[r.pk for r in rows]).update(
        occurrence_start=None, series=None
    )
    kept, dropped = rows[: len(new_starts)], rows[len(new_starts):]
    for row, start in zip(kept, new_starts, strict=False):
        _apply_plan(row, plan)
        row.series, row.occurrence_start = series, start
        row.starts_at, row.ends_at = start, start + series.duration
        row.sequence += 1
        # A cancelled occurrence stays cancelled (and stays an override in feeds).
        row.detached = row.status == ClubSession.Status.CANCELLED
    ClubSession.objects.bulk_update(
        kept,
        SessionPlan.SCALARS + ("series", "occurrence_start", "starts_at", "ends_at",
                               "sequence", "detached"),
    )
    now = timezone.now()
    for row in dropped:
        row.status = ClubSession.Status.CANCELLED
        row.cancel_reason = str(_("Removed from the series"))
        row.sequence += 1
        row.updated_at = now
    ClubSession.objects.bulk_update(dropped, ["status", "cancel_reason", "sequence",
                                              "updated_at"])
    ClubSession.objects.filter(pk__in=[r.pk for r in kept]).update(updated_at=now)
    missing = _occurrence_rows(series, plan, changed_by)[len(kept):]
    created = ClubSession.objects.bulk_create(missing)
    _set_relations(kept + created, plan)


__all__ = [
    "Conflict",
    "SessionPlan",
    "series_create",
    "series_remaining_count",
    "series_update_following",
    "session_cancel",
    "session_conflicts",
    "session_create",
    "session_update",
]
