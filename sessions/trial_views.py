"""Mock trial pages: create from a hearing session, cast, rehearsals, audience, programme."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from clubs.selectors import pupil_or_none
from config.errors import refusal_to_form
from sessions import selectors, trial_services
from sessions.access import session_can_manage
from sessions.exceptions import SessionError
from sessions.forms import AudienceForm, CastForm, MockTrialForm, RehearsalForm
from sessions.models import ClubSession, MockTrial, MockTrialCast
from sessions.views import _managed_or_403


def _trial_or_404(request: HttpRequest, pk: int, *, manage: bool) -> MockTrial:
    trial = selectors.mock_trials_visible_to(request.user).filter(pk=pk).first()
    if trial is None:
        raise Http404
    if manage and not session_can_manage(request.user, trial.hearing):
        raise PermissionDenied
    return trial


@login_required
def trial_list(request):
    trials = selectors.mock_trials_visible_to(request.user).order_by("-hearing__starts_at")
    return render(request, "sessions/trial_list.html", {"trials": trials})


@login_required
@require_http_methods(["GET", "POST"])
def trial_create(request, pk: int):
    hearing = _managed_or_403(request, pk)
    if hasattr(hearing, "mock_trial"):
        return redirect("sessions:trial", pk=hearing.mock_trial.pk)
    form = MockTrialForm(request.POST or None, initial={"case_title": hearing.title})
    if request.method == "POST" and form.is_valid():
        try:
            trial = trial_services.mock_trial_create(hearing=hearing, **form.cleaned_data)
        except SessionError as error:
            refusal_to_form(form, error)
        else:
            return redirect("sessions:trial", pk=trial.pk)
    return render(request, "sessions/trial_form.html", {"form": form, "hearing": hearing})


@login_required
@require_http_methods(["GET", "POST"])
def trial_detail(request, pk: int):
    trial = _trial_or_404(request, pk, manage=False)
    can_manage = session_can_manage(request.user, trial.hearing)
    members = list(selectors.mock_trial_castable_pupils(trial)) if can_manage else []
    cast_form = CastForm(members=members, prefix="cast")
    audience_form = AudienceForm(prefix="aud")
    rehearsal_form = RehearsalForm(prefix="reh", sessions=_rehearsal_choices(request, trial))
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "cast":
                cast_form = CastForm(request.POST, members=members, prefix="cast")
                if cast_form.is_valid():
                    _cast(trial, cast_form.cleaned_data)
                    messages.success(request, _("Cast updated."))
                    return redirect("sessions:trial", pk=trial.pk)
            elif action == "audience":
                audience_form = AudienceForm(request.POST, prefix="aud")
                if audience_form.is_valid():
                    trial_services.mock_trial_book_audience(trial=trial,
                                                            **audience_form.cleaned_data)
                    messages.success(request, _("Audience booked."))
                    return redirect("sessions:trial", pk=trial.pk)
            elif action == "rehearsal":
                rehearsal_form = RehearsalForm(request.POST, prefix="reh",
                                               sessions=_rehearsal_choices(request, trial))
                if rehearsal_form.is_valid():
                    trial_services.mock_trial_add_rehearsal(
                        trial=trial, session=rehearsal_form.cleaned_data["session"])
                    return redirect("sessions:trial", pk=trial.pk)
        except SessionError as error:
            form = {"cast": cast_form, "audience": audience_form}.get(action, rehearsal_form)
            refusal_to_form(form, error)
    trial = selectors.mock_trial_for_programme(trial.pk)
    return render(request, "sessions/trial_detail.html", {
        "trial": trial, "can_manage": can_manage, "cast_form": cast_form,
        "audience_form": audience_form, "rehearsal_form": rehearsal_form,
        "audience_total": sum(a.expected for a in trial.audience.all()),
    })


def _cast(trial: MockTrial, data: dict) -> None:
    pupil = pupil_or_none(pupil_id=data["pupil"])  # the service refuses a non-member
    if pupil is None:
        raise SessionError(_("This pupil does not exist."), code="unknown_pupil")
    trial_services.mock_trial_cast(trial=trial, pupil=pupil, role=data["role"],
                                   part=data.get("part", ""),
                                   is_understudy=data.get("is_understudy", False))


def _rehearsal_choices(request, trial):
    return selectors.sessions_managed_by(request.user).filter(
        kind=ClubSession.Kind.REHEARSAL
    ).exclude(rehearsal_for=trial)


@login_required
@require_POST
def trial_uncast(request, pk: int, cast_pk: int):
    trial = _trial_or_404(request, pk, manage=True)
    cast = selectors.mock_trial_cast_or_none(trial=trial, cast_pk=cast_pk)
    if cast is None:
        raise Http404
    trial_services.mock_trial_uncast(cast=cast)
    return redirect("sessions:trial", pk=trial.pk)


@login_required
def trial_programme(request, pk: int):
    """A printable programme with the cast: for the organisers, who hand it out."""
    trial = _trial_or_404(request, pk, manage=True)
    trial = selectors.mock_trial_for_programme(trial.pk)
    order = list(MockTrialCast.Role.values)
    cast = sorted(trial.cast.all(), key=lambda c: (order.index(c.role), c.part,
                                                  c.is_understudy))
    return render(request, "sessions/trial_programme.html", {
        "trial": trial, "cast": cast,
        "audience_total": sum(a.expected for a in trial.audience.all()),
    })
