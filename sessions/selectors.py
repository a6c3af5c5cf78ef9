"""Reads of scheduled sessions. Other apps (attendance, cms) read sessions through here.

Visibility rules live in one place (``_visible_q``) and lean on clubs.access for "which
clubs may this user see"."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from clubs.access import clubs_visible_to
from clubs.models import Club, Membership, Pupil
from config.types import StrOrPromise

# The rules live in sessions.access; other apps import these three from here too.
from sessions.access import clubs_plannable_by, may_plan_centre_sessions
from sessions.access import session_can_manage as session_can_manage
from sessions.access import session_role as session_role
from sessions.access import user_facilitates as user_facilitates
from sessions.models import (
    ClubSession,
    MemberFeedToken,
    MockTrial,
    MockTrialCast,
    TrainingProgramme,
    UserFeedToken,
)

FEED_PAST = dt.timedelta(days=120)


def _base() -> QuerySet[ClubSession]:
    return ClubSession.objects.select_related("club__school", "school", "series").order_by(
        "starts_at", "pk"
    )


def _in_window(qs: QuerySet, start: dt.datetime | None, end: dt.datetime | None) -> QuerySet:
    if start is not None:
        qs = qs.filter(ends_at__gt=start)
    if end is not None:
        qs = qs.filter(starts_at__lt=end)
    return qs


def public_upcoming_sessions(*, now: dt.datetime | None = None,
                             limit: int | None = None) -> QuerySet[ClubSession]:
    """Sessions open to the public that have not ended, soonest first.

    Carries no pupil data: callers may show these to anonymous visitors.
    """
    now = now or timezone.now()
    sessions = (
        ClubSession.objects.filter(audience=ClubSession.Audience.PUBLIC, ends_at__gte=now)
        .exclude(status=ClubSession.Status.CANCELLED)
        .select_related("club__school")
        .order_by("starts_at")
    )
    return sessions[:limit] if limit else sessions


def public_sessions(
    *, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> QuerySet[ClubSession]:
    """Every public session (cancelled ones included, marked so) for the public feed."""
    return _in_window(_base().filter(audience=ClubSession.Audience.PUBLIC), start, end)


def _audience_q(
    club_ids: Iterable[int] | QuerySet, school_ids: Iterable[int | None] | QuerySet
) -> Q:
    guest_of = ClubSession.guest_clubs.through.objects.filter(club_id__in=club_ids).values(
        "clubsession_id"
    )
    return (
        Q(club_id__in=club_ids)
        | Q(pk__in=guest_of)
        | Q(audience=ClubSession.Audience.SCHOOL, school_id__in=school_ids)
        | Q(audience=ClubSession.Audience.PUBLIC)
    )


def _visible_q(user: User | AnonymousUser) -> Q | None:
    """None means "everything" (centre staff)."""
    if not user.is_authenticated or not user.is_active:
        return Q(audience=ClubSession.Audience.PUBLIC)
    if user.is_centre_staff:
        return None
    club_ids = clubs_visible_to(user).values("pk")
    school_ids = Club.objects.filter(pk__in=club_ids).values("school_id")
    facilitated = ClubSession.facilitators.through.objects.filter(user_id=user.pk).values(
        "clubsession_id"
    )
    return _audience_q(club_ids, school_ids) | Q(pk__in=facilitated)


def sessions_visible_to(
    user: User | AnonymousUser, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> QuerySet[ClubSession]:
    """Sessions the user may see, overlapping [start, end) when given, soonest first.
    One query, whatever the number of sessions."""
    condition = _visible_q(user)
    qs = _base() if condition is None else _base().filter(condition)
    return _in_window(qs, start, end)


def sessions_managed_by(
    user: User | AnonymousUser, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> QuerySet[ClubSession]:
    """Sessions the user may plan: their led clubs' (every club's, and the centre's own
    sessions, for centre staff)."""
    if may_plan_centre_sessions(user):
        qs = _base()
    else:
        qs = _base().filter(club__in=clubs_plannable_by(user))
    return _in_window(qs, start, end)


def session_for_user_or_404(user: User | AnonymousUser, pk: int) -> ClubSession:
    session = sessions_visible_to(user).filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def sessions_for_material(
    *, page_id: int | None = None, page_ids: Iterable[int] | None = None, user: User | AnonymousUser
) -> QuerySet[ClubSession]:
    """Sessions visible to the user that use this CMS page (or any of ``page_ids``, e.g. a
    material and its translations) as material."""
    ids = list(page_ids) if page_ids is not None else [page_id]
    return sessions_visible_to(user).filter(materials__in=ids).distinct()


def sessions_for_pupil(
    pupil: Pupil, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> QuerySet[ClubSession]:
    """A member's calendar: their active clubs', their school's and public sessions."""
    club_ids = Membership.objects.filter(pupil=pupil, status=Membership.Status.ACTIVE).values(
        "club_id"
    )
    return _in_window(_base().filter(_audience_q(club_ids, [pupil.school_id])), start, end)


def sessions_for_club(
    club: Club, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> QuerySet[ClubSession]:
    """A club's calendar: its own sessions, those it is invited to, its school's."""
    return _in_window(
        _base().filter(_audience_q([club.pk], [club.school_id])).exclude(
            Q(audience=ClubSession.Audience.PUBLIC) & ~Q(club=club)
        ),
        start,
        end,
    )


def all_sessions(
    start: dt.datetime | None = None, end: dt.datetime | None = None
) -> QuerySet[ClubSession]:
    return _in_window(_base(), start, end)


def sessions_facilitated_by(
    user: User, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> QuerySet[ClubSession]:
    """The sessions a volunteer or leader facilitates, whichever club runs them."""
    return _in_window(_base().filter(facilitators=user), start, end)


def expected_clubs_q(
    *, session_id: int, club_id: int | None, audience: str, school_id: int | None
) -> Q:
    """The memberships whose club makes a pupil expected at a session (when active) or
    would (when awaiting consent): its organising club, its guest clubs, and for a
    whole-school session every club of that school. The one definition of "who is
    expected"; attendance.checkin_read restates it in SQL (held equal by
    tests/attendance/test_checkin_read_rules.py)."""
    clubs = Q(club_id=club_id) | Q(club__guest_sessions=session_id)
    if audience == ClubSession.Audience.SCHOOL and school_id:
        clubs |= Q(club__school_id=school_id)
    return clubs


def session_memberships(
    session: ClubSession, *, status: str = Membership.Status.ACTIVE
) -> QuerySet[Membership]:
    """Memberships with this status in the clubs expected at the session."""
    return Membership.objects.filter(
        expected_clubs_q(
            session_id=session.pk, club_id=session.club_id, audience=session.audience,
            school_id=session.school_id,
        ),
        status=status,
    )


def expected_pupil_ids(session: ClubSession) -> set[int]:
    """Pupils expected at the session: active members of its club(s); for a whole-school
    session, of every club at that school."""
    return set(session_memberships(session).values_list("pupil_id", flat=True))


def mock_trial_for_programme(pk: int) -> MockTrial:
    return (
        MockTrial.objects.select_related("hearing__club__school", "case_page")
        .prefetch_related("cast__pupil", "audience__school", "rehearsals")
        .get(pk=pk)
    )


def organising_club_ids(session: ClubSession) -> set[int]:
    """The club running the session and its guest clubs."""
    ids = {club.pk for club in session.guest_clubs.all()}
    if session.club_id:
        ids.add(session.club_id)
    return ids


def mock_trial_castable_pupils(trial: MockTrial) -> QuerySet[Pupil]:
    """Who may be cast in a mock trial: active members of its organising club(s)."""
    return Pupil.objects.filter(
        memberships__club_id__in=organising_club_ids(trial.hearing),
        memberships__status=Membership.Status.ACTIVE,
    ).distinct().order_by("sort_key", "pk")


def mock_trial_cast_or_none(*, trial: MockTrial, cast_pk: int) -> MockTrialCast | None:
    return MockTrialCast.objects.filter(trial=trial, pk=cast_pk).first()


def mock_trials_visible_to(user: User | AnonymousUser) -> QuerySet[MockTrial]:
    visible = sessions_visible_to(user).values("pk")
    return MockTrial.objects.filter(hearing__in=visible).select_related("hearing__club")


def programme_completion(
    *, programme: TrainingProgramme, attended_session_ids: set[int]
) -> dict:
    """Completion of a training programme from the sessions a participant attended.

    Attendance lives in the attendance app, which passes the ids in (it depends on us, not
    the reverse). A module counts as done when any of its sessions was attended."""
    modules = list(programme.modules.prefetch_related("sessions"))
    done = [
        module for module in modules
        if any(s.pk in attended_session_ids for s in module.sessions.all())
    ]
    share = Decimal(len(done)) / len(modules) if modules else Decimal(0)
    return {
        "modules": len(modules),
        "done": len(done),
        "completed": bool(modules) and share >= programme.pass_ratio,
    }


def pupil_sessions_export(pupil: Pupil) -> dict:
    """The pupil's part of their data export (clubs.selectors.pupil_data_export): their
    mock-trial roles and their calendar addresses (dates only: the token is a credential).
    Nothing of the rest of the cast. Two queries."""
    from sessions.models import MemberFeedToken, MockTrialCast

    cast = MockTrialCast.objects.filter(pupil=pupil).select_related("trial__hearing")
    return {
        "mock_trial_roles": [
            {"case_title": c.trial.case_title, "hearing_starts_at":
             c.trial.hearing.starts_at.isoformat(), "role": c.role, "part": c.part,
             "understudy": c.is_understudy}
            for c in cast.order_by("trial__hearing__starts_at", "pk")
        ],
        "calendar_addresses": [
            {"created_at": t.created_at.isoformat(),
             "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None}
            for t in MemberFeedToken.objects.filter(pupil=pupil).order_by("created_at", "pk")
        ],
    }


# --- The yearly report (reports/ reads session figures only through these) ---------------


def report_held_sessions(*, start: dt.datetime, end: dt.datetime, now: dt.datetime,
                         club_ids: Iterable[int] | QuerySet | None = None, topic: str = "",
                         topic_material_ids: Iterable[int] | None = None,
                         ) -> QuerySet[ClubSession]:
    """Sessions held between ``start`` and ``end`` (aware datetimes): not cancelled and
    ended by ``now``. ``club_ids`` (a pk subquery) keeps those the clubs organised; a
    ``topic`` keeps sessions on it or using a material on it (``topic_material_ids``, the
    CMS pages of that topic). Lazy: other apps use it as a subquery."""
    qs = ClubSession.objects.filter(
        starts_at__gte=start, starts_at__lt=end, ends_at__lte=now
    ).exclude(status=ClubSession.Status.CANCELLED)
    if club_ids is not None:
        qs = qs.filter(club_id__in=club_ids)
    if topic:
        topic_q = Q(topic=topic)
        if topic_material_ids is not None:
            topic_q |= Q(pk__in=ClubSession.materials.through.objects.filter(
                page_id__in=topic_material_ids).values("clubsession_id"))
        qs = qs.filter(topic_q)
    return qs


def report_sessions_by_month(held: QuerySet[ClubSession]) -> list[tuple]:
    """(first day of the month in the centre's time zone, kind, club id, count) rows,
    one query."""
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    return list(
        held.annotate(month=TruncMonth("starts_at", tzinfo=timezone.get_current_timezone()))
        .order_by().values_list("month", "kind", "club_id").annotate(n=Count("pk"))
    )


def report_session_topics(held: QuerySet[ClubSession]) -> list[tuple]:
    """(session id, its own topic, a material page id or None) rows, one query: the
    report maps the pages to their CMS topics."""
    return list(held.order_by().values_list("pk", "topic", "materials"))


def report_session_kinds() -> list[tuple[str, StrOrPromise]]:
    return list(ClubSession.Kind.choices)


def session_material_ids(*, session_ids: Iterable[int]) -> list[tuple]:
    """(session id, material page id) pairs of the sessions, one query."""
    return list(
        ClubSession.materials.through.objects.filter(clubsession_id__in=list(session_ids))
        .values_list("clubsession_id", "page_id")
    )


def member_feed_token_active(*, token: str) -> MemberFeedToken | None:
    """A pupil's calendar address, unless revoked or the pupil's record was erased."""
    return (
        MemberFeedToken.objects.select_related("pupil")
        .filter(token=token, revoked_at__isnull=True, pupil__anonymised_at__isnull=True)
        .first()
    )


def user_feed_token_active(*, token: str) -> UserFeedToken | None:
    """A leader's, facilitator's or staff member's calendar address, unless revoked or
    its account deactivated. What it may still show is sessions.access.feed_token_scope."""
    return (
        UserFeedToken.objects.select_related("user", "club")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def feed_pupil_for_user(*, user: User | AnonymousUser) -> Pupil | None:
    """The signed-in pupil whose club sessions make their calendar feed."""
    if not user.is_authenticated:
        return None
    return Pupil.objects.filter(user=user, anonymised_at__isnull=True).first()
