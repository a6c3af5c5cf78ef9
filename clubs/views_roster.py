"""Roster files (import with preview, export) and the printable card sheet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clubs import roster_import, roster_read, roster_write, selectors, services
from clubs.access import ClubRole, club_for_user_or_404
from clubs.cards import card_checkin_url, qr_data_uris_cached
from clubs.forms import ImportConfirmForm, ImportUploadForm
from clubs.models import RosterImport
from config.errors import refusal_show

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _wants_json(request) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


@login_required
def import_upload(request, slug):
    club, _role = club_for_user_or_404(request.user, slug=slug, at_least=ClubRole.LEADER)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        error = None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > roster_read.MAX_BYTES:
                    raise services.ClubError("too_big", roster_import.MESSAGES["too_big"])
                pending = roster_import.roster_import_preview(
                    club=club, by=request.user, file_name=upload.name, content=upload.read()
                )
            except services.ClubError as exc:
                error = str(exc.message)
                form.add_error("file", error)
            else:
                url = reverse("clubs:import_preview", kwargs={"slug": slug, "pk": pending.pk})
                if _wants_json(request):
                    return JsonResponse({"redirect": url})
                return redirect(url)
        else:
            error = " ".join(str(e) for errors in form.errors.values() for e in errors)
        if _wants_json(request):
            return JsonResponse({"error": error}, status=400)
    return render(request, "clubs/import_upload.html", {"club": club, "form": form})


def _pending_or_404(request, slug, pk):
    club, _role = club_for_user_or_404(request.user, slug=slug, at_least=ClubRole.LEADER)
    # Another club's import answers 404 even to a leader of this one.
    return club, get_object_or_404(RosterImport, pk=pk, club=club)


def _problems_for_display(problems):
    return [
        {**p, "message": roster_import.problem_message(p),
         "column_label": roster_import.column_label(p["column"])}
        for p in problems
    ]


@login_required
def import_preview(request, slug, pk):
    club, pending = _pending_or_404(request, slug, pk)
    form = ImportConfirmForm(request.POST or None)
    if request.method == "POST":
        if "discard" in request.POST:
            roster_import.roster_import_discard(roster_import=pending)
            messages.info(request, _("Import discarded; nothing was written."))
            return redirect("clubs:club_detail", slug=club.slug)
        if form.is_valid():
            try:
                count = roster_import.roster_import_confirm(
                    roster_import=pending, by=request.user,
                    duplicates_ok=form.cleaned_data["duplicates_ok"],
                    valid_only="confirm_valid" in request.POST,
                )
            except services.ClubError as exc:
                refusal_show(request, exc)
                return redirect(request.path)
            messages.success(request, _("%(count)s members imported.") % {"count": count})
            return redirect("clubs:club_detail", slug=club.slug)
    errors = _problems_for_display(roster_import.import_errors(pending))
    warnings = _problems_for_display(roster_import.import_warnings(pending))
    by_row = {}
    for p in errors + warnings:
        by_row.setdefault(p["row"], []).append(p)
    rows = []
    for r in pending.rows:
        problems = by_row.get(r["line"], [])
        css = ""
        if problems:
            warn_only = all(p["code"] in roster_import.WARNING_CODES for p in problems)
            css = "table-warning" if warn_only else "table-danger"
        rows.append({**r, "problems": problems, "css": css})
    return render(request, "clubs/import_preview.html", {
        "club": club, "pending": pending, "rows": rows, "errors": errors,
        "warnings": warnings, "form": form,
        "can_confirm": pending.status == RosterImport.Status.PENDING and not errors,
        "valid_count": sum(1 for r in rows if not any(
            p["code"] not in roster_import.WARNING_CODES for p in r["problems"])),
    })


@login_required
def import_refused(request, slug, pk):
    """The previewed rows with errors, and their errors, as an XLSX to correct (only the
    headings when there is none)."""
    club, pending = _pending_or_404(request, slug, pk)
    if pending.status != RosterImport.Status.PENDING:
        raise Http404
    response = HttpResponse(
        roster_write.refused_rows_xlsx(pending),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{club.slug}-refused-rows.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def roster_export(request, slug, file_format):
    if file_format not in CONTENT_TYPES:
        raise Http404
    club, _role = club_for_user_or_404(request.user, slug=slug, at_least=ClubRole.LEADER)
    content = roster_write.roster_export(
        rows=selectors.club_export_rows(club=club), file_format=file_format
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    name = f"{slugify(club.slug)}-{timezone.localdate():%Y-%m-%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def card_sheet(request, slug):
    club, _role = club_for_user_or_404(request.user, slug=slug, at_least=ClubRole.LEADER)
    members = list(selectors.club_cards(club=club))
    with_card = [m for m in members if m.card_secret]
    qrs = qr_data_uris_cached(
        [card_checkin_url(request=request, secret=m.card_secret) for m in with_card]
    )
    cards = [{"membership": m, "qr": qr} for m, qr in zip(with_card, qrs, strict=True)]
    missing = sum(1 for m in members if not m.card_secret)
    return render(request, "clubs/card_sheet.html", {
        "club": club, "cards": cards, "missing": missing,
    })


@login_required
@require_POST
def cards_issue_missing(request, slug):
    club, _role = club_for_user_or_404(request.user, slug=slug, at_least=ClubRole.LEADER)
    count = services.cards_issue_missing(club=club)
    messages.success(request, _("%(count)s cards issued.") % {"count": count})
    return redirect("clubs:card_sheet", slug=club.slug)
