"""Leader pages: list, week and month calendars; create, edit and cancel sessions.
Views only translate between HTTP and sessions.services / selectors."""

import calendar
import datetime as dt
from collections.abc import Callable
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clubs.access import AnyUser
from config.errors import refusal_to_form
from sessions import access, selectors, services
from sessions.exceptions import SchedulingConflict, SessionError
from sessions.forms import LOCAL_TZ, CancelForm, SessionForm
from sessions.models import ClubSession

# Which form field shows which refusal; the rest go on top of the form.
ERROR_FIELDS = {
    "ends_before_start": "end_time",
    "impossible_date": "date",
    "series_without_end": "until",
    "series_end_ambiguous": "count",
    "series_too_long": "count",
    "series_empty": "until",
    "capacity_below_registrations": "capacity",
    "audience_incomplete": "audience",
}


def _scope(user: AnyUser) -> tuple[Callable[..., QuerySet[ClubSession]], bool]:
    """Leaders and staff see the sessions they plan; others the sessions they may attend."""
    if access.may_plan_sessions(user):
        return selectors.sessions_managed_by, True
    return selectors.sessions_visible_to, False


def _parse_date(value, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default


def _local_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=LOCAL_TZ)


def _by_day(sessions):
    return [
        (day, list(items))
        for day, items in groupby(sessions, key=lambda s: timezone.localdate(s.starts_at))
    ]


@login_required
def session_list(request):
    select, manager = _scope(request.user)
    today = timezone.localdate()
    start = _parse_date(request.GET.get("from"), today)
    sessions = list(select(request.user, _local_start(start),
                           _local_start(start + dt.timedelta(days=90))))
    return render(request, "sessions/list.html", {
        "days": _by_day(sessions), "start": start, "manager": manager, "view": "list",
        "previous": start - dt.timedelta(days=90), "next": start + dt.timedelta(days=90),
    })


@login_required
def session_week(request):
    select, manager = _scope(request.user)
    day = _parse_date(request.GET.get("date"), timezone.localdate())
    monday = day - dt.timedelta(days=day.weekday())
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    sessions = list(select(request.user, _local_start(monday), _local_start(days[-1]
                                                                            + dt.timedelta(1))))
    per_day = dict(_by_day(sessions))
    return render(request, "sessions/week.html", {
        "week": [(d, per_day.get(d, [])) for d in days], "monday": monday,
        "previous": monday - dt.timedelta(days=7), "next": monday + dt.timedelta(days=7),
        "manager": manager, "view": "week", "today": timezone.localdate(),
    })


@login_required
def session_month(request):
    select, manager = _scope(request.user)
    today = timezone.localdate()
    try:
        first = dt.date.fromisoformat(request.GET.get("month", "") + "-01")
    except ValueError:
        first = today.replace(day=1)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    sessions = list(select(request.user, _local_start(weeks[0][0]),
                           _local_start(weeks[-1][-1] + dt.timedelta(days=1))))
    per_day = dict(_by_day(sessions))
    in_month = [(d, items) for d, items in _by_day(sessions) if d.month == first.month]
    return render(request, "sessions/month.html", {
        "weeks": [[(d, per_day.get(d, [])) for d in week] for week in weeks],
        "first": first, "days": in_month, "manager": manager, "view": "month", "today": today,
        "previous": (first - dt.timedelta(days=1)).replace(day=1),
        "next": (first + dt.timedelta(days=32)).replace(day=1),
    })


def _form_kwargs(user: AnyUser) -> dict:
    if not access.may_plan_sessions(user):
        raise PermissionDenied
    return {"clubs": access.clubs_plannable_by(user),
            "allow_centre": access.may_plan_centre_sessions(user)}


def _refusal(form, error: SessionError):
    if isinstance(error, SchedulingConflict):
        return error.conflicts
    refusal_to_form(form, error, field=ERROR_FIELDS.get(error.code))
    return []


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request):
    kwargs = _form_kwargs(request.user)
    form = SessionForm(request.POST or None, **kwargs)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data.get("repeat"):
                series = services.series_create(
                    plan=form.plan(), starts_at=data["starts_at"], ends_at=data["ends_at"],
                    frequency=data["repeat"], until=data.get("until"), count=data.get("count"),
                    skip_dates=data.get("skip_dates") or [], created_by=request.user,
                    confirm_conflicts=data.get("confirm_conflicts", False),
                )
                messages.success(request, _("Series planned: %(n)s sessions.") % {
                    "n": series.occurrences.count()})
                return redirect("sessions:detail", pk=series.occurrences.first().pk)
            session = services.session_create(
                plan=form.plan(), starts_at=data["starts_at"], ends_at=data["ends_at"],
                created_by=request.user, confirm_conflicts=data.get("confirm_conflicts", False),
            )
            messages.success(request, _("Session planned."))
            return redirect("sessions:detail", pk=session.pk)
        except SessionError as error:
            conflicts = _refusal(form, error)
    return render(request, "sessions/form.html", {
        "form": form, "conflicts": conflicts, "creating": True,
    })


@login_required
def session_detail(request, pk: int):
    session = selectors.session_for_user_or_404(request.user, pk)
    trial = getattr(session, "mock_trial", None)
    return render(request, "sessions/detail.html", {
        "session": session,
        "can_manage": access.session_can_manage(request.user, session),
        "show_private": access.may_see_private_notes(request.user, session),
        "facilitators": list(session.facilitators.all()),
        "materials": list(session.materials.live()),  # type: ignore[attr-defined]  # Wagtail
        "guest_clubs": list(session.guest_clubs.all()),
        "trial": trial,
        "rehearsal_for": list(session.rehearsal_for.all()),
    })


def _managed_or_403(request: HttpRequest, pk: int) -> ClubSession:
    session = selectors.session_for_user_or_404(request.user, pk)
    if not access.session_can_manage(request.user, session):
        raise PermissionDenied
    return session


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk: int):
    session = _managed_or_403(request, pk)
    following = request.GET.get("scope") == "following" and session.series_id is not None
    kwargs = _form_kwargs(request.user)
    if session.club_id and not kwargs["clubs"].filter(pk=session.club_id).exists():
        raise PermissionDenied
    initial = SessionForm.initial_for(session)
    if following:
        initial["count"] = services.series_remaining_count(session)
        if initial["count"]:
            initial["until"] = None
    form = SessionForm(request.POST or None, initial=initial, with_repeat=following, **kwargs)
    if following:
        form.fields["repeat"].required = True
    conflicts = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        confirm = data.get("confirm_conflicts", False)
        try:
            if following:
                services.series_update_following(
                    session=session, plan=form.plan(), starts_at=data["starts_at"],
                    ends_at=data["ends_at"], frequency=data["repeat"], until=data.get("until"),
                    count=data.get("count"), skip_dates=data.get("skip_dates") or [],
                    changed_by=request.user, confirm_conflicts=confirm,
                )
                messages.success(request, _("This and the following sessions were changed."))
            else:
                services.session_update(session=session, plan=form.plan(),
                                        starts_at=data["starts_at"], ends_at=data["ends_at"],
                                        confirm_conflicts=confirm)
                messages.success(request, _("Session changed."))
            return redirect("sessions:detail", pk=session.pk)
        except SessionError as error:
            conflicts = _refusal(form, error)
    return render(request, "sessions/form.html", {
        "form": form, "conflicts": conflicts, "session": session, "following": following,
    })


@login_required
@require_http_methods(["GET", "POST"])
def session_cancel(request, pk: int):
    session = _managed_or_403(request, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_cancel(session=session, reason=form.cleaned_data["reason"])
        except SessionError as error:
            refusal_to_form(form, error)
        else:
            messages.success(request, _("Session cancelled. It stays in calendars, marked "
                                        "cancelled."))
            return redirect("sessions:detail", pk=session.pk)
    return render(request, "sessions/cancel.html", {"form": form, "session": session})
