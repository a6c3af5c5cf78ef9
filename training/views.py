"""Training pages: the public application form, the participant's own page, and the
staff pages (roster and decisions, session ticks and paper sheet, completion,
certificates). Views only translate the services' answers."""

import base64
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from attendance.web import qr_png
from config.errors import refusal_show, refusal_to_form
from sessions.ical import build_calendar
from training import selectors, services
from training.access import may_manage_training, may_teach_class
from training.cards import card_url, participant_card_valid
from training.certificates import certificate_pdf
from training.errors import TrainingError
from training.forms import (
    TICK_CHOICES,
    ApplicationForm,
    NominationForm,
    RefuseForm,
    RevokeForm,
)
from training.links import participant_by_key, phone_pair
from training.models import Certificate, Enrolment, TrainingClass


def staff_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not may_manage_training(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def class_staff_or_trainer(view):
    """Centre staff, or a trainer of this class (rosters, ticks and scores only)."""
    @wraps(view)
    @login_required
    def wrapper(request, slug, *args, **kwargs):
        if not may_teach_class(request.user, _class(slug)):
            raise PermissionDenied
        return view(request, slug, *args, **kwargs)

    return wrapper


def _details(form) -> services.ApplicantDetails:
    fields = services.ApplicantDetails.__dataclass_fields__
    return services.ApplicantDetails(**{k: form.cleaned_data[k] for k in fields})


# --- Public -----------------------------------------------------------------------------


def open_classes(request):
    """Classes taking applications now and soon: what anyone may know, no participant."""
    open_now, opening = selectors.classes_public()
    return render(request, "training/open_classes.html", {
        "open_now": open_now, "opening": opening,
    })


def apply(request, slug: str):
    training_class = get_object_or_404(TrainingClass.objects.select_related("programme"), slug=slug)
    form = ApplicationForm(request.POST or None)
    enrolment = None
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = services.enrolment_apply(
                training_class=training_class,
                details=_details(form),
                consent=form.cleaned_data["consent"],
                notice_version=services.notice_version(),
            )
        except TrainingError as error:
            refusal_to_form(form, error)
    status = 400 if request.method == "POST" and enrolment is None else 200
    return render(request, "training/apply.html", {
        "training_class": training_class, "form": form, "enrolment": enrolment,
        "notice": services.notice_version(),
        "sessions": selectors.class_sessions(training_class),
        "is_open": training_class.applications_open_at <= timezone.now()
        < training_class.applications_close_at,
    }, status=status)


def _participant_or_404(key: str):
    participant = participant_by_key(key)
    if participant is None:
        raise Http404
    return participant


def me(request, key: str):
    """The participant's own page. Opening it also links this phone for check-in, and
    shows their check-in card's QR for the trainer's scanner."""
    participant = _participant_or_404(key)
    attendance = selectors.participant_attendance(participant)
    sessions = [
        (s, attendance.get(s.pk)) for s in selectors.participant_sessions(participant)
    ]
    card = participant_card_valid(participant)
    card_qr = None
    if card is not None:
        url = card_url(card, base_url=request.build_absolute_uri("/"))
        card_qr = "data:image/png;base64," + base64.b64encode(qr_png(url)).decode()
    response = render(request, "training/me.html", {
        "participant": participant, "key": key,
        "enrolments": selectors.participant_enrolments(participant),
        "sessions": sessions,
        "certificates": selectors.participant_certificates(participant),
        "card_qr": card_qr,
    })
    response["Cache-Control"] = "private, no-store"
    phone_pair(response, participant)
    return response


def card(request, secret: str):
    """Where a participant's card QR leads when a phone's camera opens it: what the card
    is for, nothing about its holder (the trainer's scanner reads the code itself)."""
    return render(request, "training/card.html")


def me_calendar(request, key: str):
    participant = _participant_or_404(key)
    body = build_calendar(selectors.participant_sessions(participant), name=_("My training"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


def _pdf_response(request, certificate: Certificate) -> HttpResponse:
    pdf = certificate_pdf(certificate, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = certificate.serial.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def me_certificate_pdf(request, key: str, code: str):
    participant = _participant_or_404(key)
    certificate = get_object_or_404(Certificate, code=code, enrolment__participant=participant)
    return _pdf_response(request, certificate)


@require_POST
def me_withdraw(request, key: str, pk: int):
    participant = _participant_or_404(key)
    enrolment = get_object_or_404(Enrolment, pk=pk, participant=participant)
    try:
        services.enrolment_withdraw(enrolment=enrolment)
    except TrainingError as error:
        refusal_show(request, error)
    else:
        messages.success(request, _("You have withdrawn from %(class)s.") % {
            "class": enrolment.training_class.title})
    return redirect("training:me", key=key)


# --- Staff ------------------------------------------------------------------------------


@staff_required
def manage(request):
    return render(request, "training/manage.html", {"classes": selectors.classes_for_staff()})


def _class(slug: str) -> TrainingClass:
    return get_object_or_404(TrainingClass.objects.select_related("programme"), slug=slug)


@staff_required
def class_detail(request, slug: str):
    training_class = _class(slug)
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.enrolment_nominate(
                training_class=training_class, details=_details(form), actor=request.user,
                pupil=form.cleaned_data["pupil"],
            )
        except TrainingError as error:
            refusal_to_form(form, error)
        else:
            messages.success(request, _("Nomination recorded."))
            return redirect("training:class", slug=slug)
    return render(request, "training/class_detail.html", {
        "training_class": training_class,
        "roster": selectors.class_roster(training_class),
        "sessions": selectors.class_sessions(training_class),
        "certificates": selectors.class_certificates(training_class),
        "form": form, "refuse_form": RefuseForm(), "revoke_form": RevokeForm(),
    }, status=400 if form.errors else 200)


@staff_required
@require_POST
def decide(request, slug: str, pk: int, action: str):
    training_class = _class(slug)
    enrolment = get_object_or_404(Enrolment, pk=pk, training_class=training_class)
    try:
        if action == "admit":
            services.enrolment_admit(enrolment=enrolment, actor=request.user)
            messages.success(request, _("%(name)s is admitted; a confirmation e-mail is sent.")
                             % {"name": enrolment.participant.full_name})
        elif action == "refuse":
            form = RefuseForm(request.POST)
            services.enrolment_refuse(
                enrolment=enrolment, actor=request.user,
                reason=form.data.get("reason", "")[:300],
            )
            messages.success(request, _("%(name)s is refused.")
                             % {"name": enrolment.participant.full_name})
        else:
            raise Http404
    except TrainingError as error:
        refusal_show(request, error)
    return redirect("training:class", slug=slug)


@class_staff_or_trainer
def session_roster(request, slug: str, session_id: int):
    """Ticks for one session; the same form enters a paper sign-in sheet afterwards.
    `?print=1` gives the paper sheet to print."""
    training_class = _class(slug)
    session = get_object_or_404(training_class.sessions, pk=session_id)
    admitted = list(
        training_class.enrolments.filter(status=Enrolment.Status.ADMITTED)
        .select_related("participant").order_by("participant__full_name")
    )
    if request.method == "POST":
        with transaction.atomic():
            for enrolment in admitted:
                status = request.POST.get(f"e{enrolment.pk}", "")
                if status not in dict(TICK_CHOICES):
                    messages.error(request, _("Unknown attendance status."))
                    transaction.set_rollback(True)
                    return redirect("training:session", slug=slug, session_id=session_id)
                services.training_attendance_mark(
                    training_class=training_class, session=session, enrolment_id=enrolment.pk,
                    status=status, actor=request.user,
                )
        messages.success(request, _("Attendance saved."))
        return redirect("training:session", slug=slug, session_id=session_id)
    grid = selectors.attendance_grid(training_class)
    rows = [(e, grid.get((e.pk, session.pk))) for e in admitted]
    paper = request.GET.get("print")
    template = "training/sign_in_sheet.html" if paper else "training/session_roster.html"
    return render(request, template, {
        "training_class": training_class, "session": session, "rows": rows,
        "choices": TICK_CHOICES,
    })


@staff_required
def completion(request, slug: str):
    training_class = _class(slug)
    if request.method == "POST":
        count = services.completion_confirm(training_class=training_class, actor=request.user)
        messages.success(request, _("Completion list confirmed: %(count)s completed.")
                         % {"count": count})
        return redirect("training:completion", slug=slug)
    return render(request, "training/completion.html", {
        "training_class": training_class, "rows": selectors.class_completion(training_class),
    })


@class_staff_or_trainer
def assessments(request, slug: str):
    """Pre-test, post-test and practical for every admitted participant, on one sheet."""
    training_class = _class(slug)
    rows = selectors.class_completion(training_class)
    if request.method == "POST":
        entries = [
            services.AssessmentEntry(
                enrolment_id=row.enrolment.pk,
                pre_score=request.POST.get(f"pre{row.enrolment.pk}", ""),
                post_score=request.POST.get(f"post{row.enrolment.pk}", ""),
                practical=request.POST.get(f"practical{row.enrolment.pk}", ""),
                practical_note=request.POST.get(f"note{row.enrolment.pk}", "")[:300],
            )
            for row in rows
        ]
        try:
            services.assessments_record(
                training_class=training_class, entries=entries, actor=request.user
            )
        except TrainingError as error:
            refusal_show(request, error)
            return render(request, "training/assessments.html", {
                "training_class": training_class, "rows": rows,
            }, status=400)
        messages.success(request, _("Scores saved."))
        return redirect("training:assessments", slug=slug)
    return render(request, "training/assessments.html", {
        "training_class": training_class, "rows": rows,
    })


@staff_required
@require_POST
def certificates_issue(request, slug: str):
    training_class = _class(slug)
    try:
        issued = services.certificates_issue(training_class=training_class, actor=request.user)
    except TrainingError as error:
        refusal_show(request, error)
    else:
        messages.success(request, _("%(count)s certificates issued.") % {"count": len(issued)})
    return redirect("training:class", slug=slug)


@staff_required
def certificate_pdf_staff(request, pk: int):
    return _pdf_response(request, get_object_or_404(Certificate, pk=pk))


@staff_required
@require_POST
def certificate_revoke(request, pk: int):
    certificate = get_object_or_404(Certificate.objects.select_related(
        "enrolment__training_class"), pk=pk)
    form = RevokeForm(request.POST)
    try:
        services.certificate_revoke(certificate=certificate, reason=form.data.get("reason", ""))
    except TrainingError as error:
        refusal_show(request, error)
    else:
        messages.success(request, _("Certificate %(serial)s revoked.") % {
            "serial": certificate.serial})
    return redirect("training:class", slug=certificate.enrolment.training_class.slug)


@staff_required
@require_POST
def certificate_reissue(request, pk: int):
    certificate = get_object_or_404(Certificate.objects.select_related(
        "enrolment__training_class"), pk=pk)
    try:
        new = services.certificate_reissue(
            certificate=certificate, actor=request.user,
            holder_name=request.POST.get("holder_name", "")[:150],
        )
    except TrainingError as error:
        refusal_show(request, error)
    else:
        messages.success(request, _("Certificate %(old)s replaced by %(new)s.") % {
            "old": certificate.serial, "new": new.serial})
    return redirect("training:class", slug=certificate.enrolment.training_class.slug)
