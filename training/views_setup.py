"""Staff pages that set the training up: programmes (modules in order, hours, outcomes,
materials, the rule) and classes (venue, trainers, partner, capacity, window, sessions).
Trainers' own list of classes (they run rosters and scores there, nothing else)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.taxonomy import Topic
from config.errors import refusal_show, refusal_to_form
from sessions.exceptions import SchedulingConflict
from sessions.models import TrainingProgramme
from training import batches, cards, feedback, imports, privacy, selectors, services
from training.errors import TrainingError
from training.figures import figures_xlsx
from training.forms import (
    ClassForm,
    ClassSessionForm,
    ModuleFormSet,
    ProgrammeForm,
    RuleForm,
    TopicRequirementForm,
)
from training.models import (
    CertificateBatch,
    Participant,
    ParticipantAccess,
    ProgrammeRule,
    TopicRequirement,
    TrainingClass,
)
from training.qualifications import qualifications_expiring, qualifications_held
from training.views import staff_required


@staff_required
def programmes(request):
    return render(request, "training/programmes.html", {
        "programmes": selectors.programmes_for_staff(),
    })


@staff_required
def programme_edit(request, pk: int | None = None):
    programme = get_object_or_404(TrainingProgramme, pk=pk) if pk else TrainingProgramme()
    rule = ProgrammeRule.objects.filter(programme=programme).first() if pk else None
    data = request.POST if request.method == "POST" else None
    programme_form = ProgrammeForm(data, instance=programme, prefix="p")
    rule_form = RuleForm(data, instance=rule or ProgrammeRule(), prefix="r")
    module_formset = ModuleFormSet(data, instance=programme, prefix="m")
    forms_valid = data is not None and all(
        [programme_form.is_valid(), rule_form.is_valid(), module_formset.is_valid()])
    if forms_valid:
        programme = services.programme_save(
            programme_form=programme_form, rule_form=rule_form, module_formset=module_formset)
        messages.success(request, _("Programme “%(title)s” saved.") % {"title": programme.title})
        return redirect("training:programme_edit", pk=programme.pk)
    return render(request, "training/programme_form.html", {
        "programme": programme if pk else None, "programme_form": programme_form,
        "rule_form": rule_form, "module_formset": module_formset,
    }, status=400 if data is not None else 200)


@staff_required
def class_edit(request, slug: str | None = None):
    training_class = get_object_or_404(TrainingClass, slug=slug) if slug else None
    form = ClassForm(request.POST or None, instance=training_class)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.class_save(form=form)
        except TrainingError as error:
            refusal_to_form(form, error, field="capacity")
        else:
            messages.success(request, _("Class “%(title)s” saved.") % {"title": saved.title})
            return redirect("training:class_edit", slug=saved.slug)
    session_form = None
    if training_class is not None:
        session_form = ClassSessionForm(programme=training_class.programme,
                                        initial={"venue": training_class.venue})
    return render(request, "training/class_form.html", {
        "training_class": training_class, "form": form, "session_form": session_form,
        "sessions": selectors.class_sessions(training_class) if training_class else [],
    }, status=400 if form.errors else 200)


@staff_required
def class_session_add(request, slug: str):
    training_class = get_object_or_404(TrainingClass.objects.select_related("programme"),
                                       slug=slug)
    form = ClassSessionForm(request.POST or None, programme=training_class.programme)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        try:
            services.class_session_add(training_class=training_class, **{
                k: form.cleaned_data[k]
                for k in ("module", "starts_at", "ends_at", "venue", "confirm_conflicts")})
        except SchedulingConflict as clash:
            conflicts = clash.conflicts
            refusal_to_form(form, clash)
        except TrainingError as error:
            refusal_to_form(form, error)
        else:
            messages.success(request, _("Session scheduled."))
            return redirect("training:class_edit", slug=slug)
    return render(request, "training/class_form.html", {
        "training_class": training_class, "form": ClassForm(instance=training_class),
        "session_form": form, "conflicts": conflicts,
        "sessions": selectors.class_sessions(training_class),
    }, status=400 if request.method == "POST" else 200)


@login_required
def teaching(request):
    """The classes the signed-in user trains: their sessions' rosters and the scores."""
    classes = selectors.classes_trained_by(request.user)
    return render(request, "training/teaching.html", {"classes": classes})


@staff_required
def figures(request):
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        messages.error(request, _("Give a year between 2000 and 2100."))
        return redirect("training:figures")
    data = selectors.training_figures(year=year)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            figures_xlsx(data),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="training-{year}.xlsx"'
        return response
    return render(request, "training/figures.html", {"figures": data})


@staff_required
@require_POST
def feedback_open(request, slug: str):
    training_class = get_object_or_404(TrainingClass, slug=slug)
    try:
        slips = feedback.feedback_open(training_class=training_class,
                                       base_url=request.build_absolute_uri("/"))
    except TrainingError as error:
        refusal_show(request, error)
        return redirect("training:class", slug=slug)
    return render(request, "training/feedback_slips.html", {
        "training_class": training_class, "slips": slips,
    })


@staff_required
def feedback_results(request, slug: str):
    """The survey's answers for the class's staff: figures and comments, nothing that
    could tell who wrote what (docs/training.md, "Feedback survey")."""
    training_class = get_object_or_404(TrainingClass, slug=slug)
    return render(request, "training/feedback_results.html", {
        "training_class": training_class,
        "results": selectors.feedback_results(training_class),
    })


def feedback_answer(request, token: str):
    """The public, anonymous survey page (no login: the token is the only key)."""
    training_class = feedback.feedback_token_class(token)
    if training_class is None and request.method == "GET":
        return render(request, "training/feedback.html", {"invalid": True}, status=404)
    error = None
    if request.method == "POST":
        scores = {int(k[1:]): v for k, v in request.POST.items()
                  if k.startswith("m") and k[1:].isdigit()}
        try:
            feedback.feedback_submit(token=token, scores=scores,
                                     comment=request.POST.get("comment", ""))
        except TrainingError as refusal:
            error = refusal.message
        else:
            return render(request, "training/feedback.html", {"thanks": True})
    modules = training_class.programme.modules.order_by("position") if training_class else []
    return render(request, "training/feedback.html", {
        "training_class": training_class, "modules": modules, "error": error,
        "posted": request.POST, "invalid": training_class is None,
    }, status=400 if error else 200)


@staff_required
def qualifications(request):
    """Who holds which qualification, those ending in the next 90 days with a refresher
    class to renew them, and the qualification each sensitive topic requires."""
    form = TopicRequirementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.topic_requirement_set(topic=form.cleaned_data["topic"],
                                       qualification=form.cleaned_data["qualification"])
        messages.success(request, _("Requirement saved."))
        return redirect("training:qualifications")
    topics = dict(Topic.choices)
    return render(request, "training/qualifications.html", {
        "form": form,
        "requirements": [(topics.get(r.topic, r.topic), r.qualification) for r in
                         TopicRequirement.objects.select_related("qualification")],
        "expiring": qualifications_expiring(days=90),
        "held": qualifications_held(),
    }, status=400 if form.errors else 200)


@staff_required
def participant_detail(request, pk: int):
    """A participant's record for staff: viewing it is logged, as are export and erasure."""
    participant = get_object_or_404(Participant.objects.select_related("commune"), pk=pk)
    privacy.access_record(participant=participant, user=request.user,
                          action=ParticipantAccess.Action.VIEW)
    return render(request, "training/participant.html", {
        "participant": participant,
        "enrolments": selectors.participant_enrolments(participant),
        "certificates": selectors.participant_certificates(participant),
        "log": participant.access_log.select_related("user")[:50],
        # Erased by nobody: the retention job (training.retention), not a request.
        "erased_by_retention": participant.erased_at is not None and not participant.access_log
        .filter(action=ParticipantAccess.Action.ERASE, user__isnull=False).exists(),
    })


@staff_required
@require_POST
def participant_card_reissue(request, pk: int):
    """A new check-in card (lost, or seen by someone else): the old one scans as revoked."""
    participant = get_object_or_404(Participant, pk=pk, erased_at__isnull=True)
    cards.participant_card_issue(participant=participant)
    messages.success(request, _("A new check-in card is issued; the old one no longer works. "
                                "The participant finds it on their own page."))
    return redirect("training:participant", pk=pk)


@staff_required
def participant_export(request, pk: int):
    participant = get_object_or_404(Participant, pk=pk)
    data = privacy.participant_export(participant=participant, user=request.user)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="participant-{pk}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_POST
def participant_erase(request, pk: int):
    participant = get_object_or_404(Participant, pk=pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the erasure."))
        return redirect("training:participant", pk=pk)
    privacy.participant_erase(participant=participant, user=request.user)
    messages.success(request, _("The participant's data is erased; certificates already "
                                "issued keep what the paper shows."))
    return redirect("training:participant", pk=pk)


@staff_required
def nominees_import(request, slug: str):
    """Upload a nominee list, see every row with its errors, then confirm the good rows."""
    training_class = get_object_or_404(TrainingClass, slug=slug)
    context: dict[str, Any] = {"training_class": training_class}
    status = 200
    if request.method == "POST" and "rows" in request.POST:
        try:
            count = imports.nominees_import(training_class=training_class,
                                            signed=request.POST["rows"], actor=request.user)
        except TrainingError as error:
            context["error"], status = error.message, 400
        else:
            messages.success(request, _("%(count)s nominees imported.") % {"count": count})
            return redirect("training:class", slug=slug)
    elif request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise TrainingError("import_columns")
            rows = imports.nominees_preview(training_class=training_class,
                                            file_name=upload.name, content=upload.read())
        except TrainingError as error:
            context["error"], status = error.message, 400
        else:
            context.update(rows=rows, signed=imports.rows_sign(rows),
                           good=sum(1 for r in rows if not r.errors))
    return render(request, "training/import.html", context, status=status)


@staff_required
@require_POST
def batch_start(request, slug: str):
    training_class = get_object_or_404(TrainingClass, slug=slug)
    batch = batches.batch_start(training_class=training_class, user=request.user,
                                base_url=request.build_absolute_uri("/"))
    return redirect("training:batch", pk=batch.pk)


@staff_required
def batch_progress(request, pk: int):
    batch = get_object_or_404(CertificateBatch.objects.defer("archive")
                              .select_related("training_class"), pk=pk)
    if request.GET.get("download") and batch.status == CertificateBatch.Status.DONE:
        archive = CertificateBatch.objects.values_list("archive", flat=True).get(pk=pk)
        response = HttpResponse(bytes(archive), content_type="application/zip")  # type: ignore[arg-type]  # done
        response["Content-Disposition"] = f'attachment; filename="certificates-{pk}.zip"'
        response["Cache-Control"] = "private, no-store"
        return response
    return render(request, "training/batch.html", {"batch": batch})
