"""Roster, member and consent pages. Views only translate: access through clubs.access,
reads through clubs.selectors, writes through clubs.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clubs import selectors, services
from clubs.access import (
    ClubRole,
    club_for_user_or_404,
    clubs_led_by,
    is_own_record,
    membership_for_user_or_404,
    record_view_for,
    roster_status_for,
)
from clubs.cards import card_checkin_url, qr_data_uri
from clubs.consent import assent_needed, pupil_age_in
from clubs.forms import (
    ArchiveForm,
    BoardRoleForm,
    ConsentForm,
    MemberAddForm,
    MemberForm,
    MoveForm,
    RosterFilterForm,
    SupportNoteForm,
)
from clubs.models import BoardRole, Club, GuardianConsent, Membership, RecordAccess
from config.errors import refusal_show, refusal_to_form
from places.forms import PlaceFilterForm

ROSTER_PAGE_SIZE = 50


def member_or_404(
    request: HttpRequest, *, slug: str, pupil_id: int, at_least: ClubRole, own_ok: bool = False
) -> tuple[Club, ClubRole, Membership]:
    """clubs.access.membership_for_user_or_404 for the signed-in user."""
    return membership_for_user_or_404(
        request.user, slug=slug, pupil_id=pupil_id, at_least=at_least, own_ok=own_ok
    )


@login_required
def my_clubs(request):
    place_filter = PlaceFilterForm(request.GET or None, communes=selectors.school_communes())
    clubs = selectors.clubs_listed(request.user, place_q=place_filter.filter_q("school__"))
    return render(request, "clubs/my_clubs.html", {
        "clubs": clubs,
        "own_pupil": selectors.pupil_for_user(user=request.user),
        "place_filter": place_filter,
    })


def _own_membership_or_404(request: HttpRequest) -> Membership:
    membership = selectors.own_membership_or_none(user=request.user)
    if membership is None:
        raise Http404
    return membership


@login_required
def my_page(request):
    membership = _own_membership_or_404(request)
    return redirect("clubs:member_detail", slug=membership.club.slug, pupil_id=membership.pupil_id)


@login_required
def my_card(request):
    membership = _own_membership_or_404(request)
    return redirect("clubs:member_card", slug=membership.club.slug, pupil_id=membership.pupil_id)


@login_required
def club_detail(request, slug):
    club, role = club_for_user_or_404(request.user, slug=slug, at_least=ClubRole.BOARD)
    grades, classes = selectors.club_filter_choices(club=club)
    form = RosterFilterForm(request.GET or None, grades=grades, classes=classes)
    filters = {"status": selectors.ROSTER_CURRENT}
    if form.is_bound and form.is_valid():
        filters = {
            "search": form.cleaned_data["q"].strip(),
            "grade": form.cleaned_data["grade"],
            "class_name": form.cleaned_data["class_name"],
            "status": form.cleaned_data["status"],
        }
    filters["status"] = roster_status_for(role, filters["status"])
    roster = selectors.club_roster(club=club, **filters)
    page = Paginator(roster, ROSTER_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "clubs/club_detail.html", {
        "club": club,
        "role": role,
        "is_leader": role >= ClubRole.LEADER,  # the board's view: no changes, no contact
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "counts": selectors.club_roster_counts(club=club),
        "board": selectors.club_board(club=club),
        "leaders": selectors.club_leaders(club=club),
    })


@login_required
def member_detail(request, slug, pupil_id):
    club, role, membership = member_or_404(
        request, slug=slug, pupil_id=pupil_id, at_least=ClubRole.BOARD, own_ok=True
    )
    pupil = membership.pupil
    view = record_view_for(role, own=is_own_record(request.user, membership))
    context = {"club": club, "role": role, "membership": membership, "pupil": pupil,
               "full": view.full, "is_leader": view.is_leader, "is_staff": view.is_staff,
               "sees_roster": view.sees_roster}
    if view.full:
        context.update(selectors.member_record(membership=membership,
                                               on_date=timezone.localdate()))
    if view.support_notes:
        context.update(selectors.member_sensitive_record(pupil=pupil))
    if view.logged:
        services.access_record(pupil=pupil, user=request.user, action=RecordAccess.Action.VIEW)
    return render(request, "clubs/member_detail.html", context)


def _form_page(request, *, club, title, form, membership=None, intro=""):
    return render(request, "clubs/form_page.html", {
        "club": club, "title": title, "form": form, "membership": membership, "intro": intro,
    })


@login_required
def member_add(request, slug):
    club, _role = club_for_user_or_404(request.user, slug=slug, at_least=ClubRole.LEADER)
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.member_add(club=club, by=request.user, **form.cleaned_data)
        except services.ClubError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("%(name)s joined the club.") % {"name": membership.pupil})
            return redirect("clubs:member_detail", slug=club.slug, pupil_id=membership.pupil_id)
    return _form_page(request, club=club, title=_("Add a member"), form=form)


@login_required
def member_edit(request, slug, pupil_id):
    club, _role, membership = member_or_404(
        request, slug=slug, pupil_id=pupil_id, at_least=ClubRole.LEADER
    )
    form = MemberForm(request.POST or None, instance=membership.pupil)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_edit(membership=membership, by=request.user, **form.cleaned_data)
        except services.ClubError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("clubs:member_detail", slug=club.slug, pupil_id=pupil_id)
    return _form_page(request, club=club, title=_("Edit member"), form=form, membership=membership)


@login_required
def member_archive(request, slug, pupil_id):
    club, _role, membership = member_or_404(
        request, slug=slug, pupil_id=pupil_id, at_least=ClubRole.LEADER
    )
    form = ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_archive(membership=membership, by=request.user, **form.cleaned_data)
        except services.ClubError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("The member left the club; their history is kept."))
            return redirect("clubs:club_detail", slug=club.slug)
    return _form_page(request, club=club, title=_("Archive member"), form=form,
                      membership=membership,
                      intro=_("Nothing is deleted: the membership ends today with your reason."))


@login_required
def member_move(request, slug, pupil_id):
    club, _role, membership = member_or_404(
        request, slug=slug, pupil_id=pupil_id, at_least=ClubRole.LEADER
    )
    targets = clubs_led_by(request.user).exclude(pk=club.pk)
    form = MoveForm(request.POST or None, clubs=targets)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.member_move(membership=membership, by=request.user,
                                       to_club=form.cleaned_data["to_club"],
                                       reason=form.cleaned_data["reason"])
        except services.ClubError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Moved to %(club)s.") % {"club": new.club})
            return redirect("clubs:club_detail", slug=club.slug)
    return _form_page(request, club=club, title=_("Move to another club"), form=form,
                      membership=membership)


@login_required
def consent_add(request, slug, pupil_id):
    club, _role, membership = member_or_404(
        request, slug=slug, pupil_id=pupil_id, at_least=ClubRole.LEADER
    )
    pupil = membership.pupil
    form = ConsentForm(request.POST or None, initial={
        "guardian_name": pupil.guardian_name, "relationship": pupil.guardian_relationship,
        "given_on": timezone.localdate(),
    })
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(pupil=pupil, by=request.user, **form.cleaned_data)
        except services.ClubError as exc:
            refusal_to_form(form, exc)
        else:
            was_pending = membership.status == Membership.Status.PENDING
            membership.refresh_from_db(fields=["status"])
            if was_pending and membership.status == Membership.Status.ACTIVE:
                messages.success(request, _("Consent recorded: %(name)s is now an active "
                                            "member.") % {"name": pupil})
            elif was_pending:
                messages.warning(request, _("Consent recorded, but %(name)s still awaits "
                                            "consent: from age 7 the pupil's own agreement "
                                            "is needed too.") % {"name": pupil})
            else:
                messages.success(request, _("Consent recorded."))
            return redirect("clubs:member_detail", slug=club.slug, pupil_id=pupil_id)
    today = timezone.localdate()
    age = pupil_age_in(birth_year=pupil.birth_year, on_date=today)
    intro = _("Needed for pupils under 16.")
    if assent_needed(birth_year=pupil.birth_year, on_date=today):
        intro = _("%(name)s is %(age)s this year: record the guardian's consent and the "
                  "pupil's own agreement.") % {"name": pupil, "age": age}
    return _form_page(request, club=club, title=_("Record guardian consent"), form=form,
                      membership=membership, intro=intro)


@login_required
@require_POST
def consent_withdraw(request, slug, pupil_id, consent_id):
    club, _role, membership = member_or_404(
        request, slug=slug, pupil_id=pupil_id, at_least=ClubRole.LEADER
    )
    consent = get_object_or_404(GuardianConsent, pk=consent_id, pupil=membership.pupil)
    try:
        services.consent_withdraw(consent=consent, by=request.user)
    except services.ClubError as exc:
        refusal_show(request, exc)
    else:
        messages.warning(request, _("Consent withdrawn: the pupil may not take part until a "
                                    "new consent is recorded."))
    return redirect("clubs:member_detail", slug=club.slug, pupil_id=pupil_id)


@login_required
def board_assign(request, slug, pupil_id):
    club, _role, membership = member_or_404(
        request, slug=slug, pupil_id=pupil_id, at_least=ClubRole.LEADER
    )
    form = BoardRoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.board_role_assign(membership=membership, **form.cleaned_data)
        except services.ClubError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Board seat given."))
            return redirect("clubs:member_detail", slug=club.slug, pupil_id=pupil_id)
    return _form_page(request, club=club, title=_("Board seat"), form=form, membership=membership)


@login_required
@require_POST
def board_end(request, slug, pupil_id, seat_id):
    club, _role, membership = member_or_404(
        request, slug=slug, pupil_id=pupil_id, at_least=ClubRole.LEADER
    )
    seat = get_object_or_404(BoardRole, pk=seat_id, membership=membership)
    try:
        services.board_role_end(board_role=seat, ends_on=timezone.localdate())
    except services.ClubError as exc:
        refusal_show(request, exc)
    return redirect("clubs:member_detail", slug=club.slug, pupil_id=pupil_id)


@login_required
def note_add(request, slug, pupil_id):
    club, _role, membership = member_or_404(
        request, slug=slug, pupil_id=pupil_id, at_least=ClubRole.STAFF
    )
    form = SupportNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.support_note_add(pupil=membership.pupil, by=request.user, **form.cleaned_data)
        messages.success(request, _("Note added."))
        return redirect("clubs:member_detail", slug=club.slug, pupil_id=pupil_id)
    return _form_page(request, club=club, title=_("Support note"), form=form,
                      membership=membership,
                      intro=_("Only centre social workers can read these notes."))


@login_required
def member_card(request, slug, pupil_id):
    club, role, membership = member_or_404(
        request, slug=slug, pupil_id=pupil_id, at_least=ClubRole.LEADER, own_ok=True
    )
    card = selectors.pupil_valid_card(pupil=membership.pupil)
    qr = None
    if card is not None:
        qr = qr_data_uri(card_checkin_url(request=request, secret=card.secret), box_size=10)
    return render(request, "clubs/member_card.html", {
        "club": club, "membership": membership, "pupil": membership.pupil, "card": card,
        "qr": qr, "is_leader": role >= ClubRole.LEADER,
    })


@login_required
@require_POST
def card_reissue(request, slug, pupil_id):
    club, _role, membership = member_or_404(
        request, slug=slug, pupil_id=pupil_id, at_least=ClubRole.LEADER
    )
    services.card_issue(pupil=membership.pupil, by=request.user)
    messages.success(request, _("A new card was issued; the old one no longer works."))
    return redirect("clubs:member_card", slug=club.slug, pupil_id=pupil_id)


@login_required
def member_export_json(request, slug, pupil_id):
    club, role, membership = member_or_404(
        request, slug=slug, pupil_id=pupil_id, at_least=ClubRole.LEADER
    )
    pupil = membership.pupil
    data = selectors.pupil_data_export(
        pupil=pupil, include_support_notes=record_view_for(role, own=False).support_notes
    )
    services.access_record(pupil=pupil, user=request.user, action=RecordAccess.Action.EXPORT)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="member-{pupil.member_code}.json"'
    return response


@login_required
def member_erase(request, slug, pupil_id):
    club, _role, membership = member_or_404(
        request, slug=slug, pupil_id=pupil_id, at_least=ClubRole.STAFF
    )
    if request.method == "POST":
        try:
            services.pupil_anonymise(pupil=membership.pupil, by=request.user)
        except services.ClubError as exc:
            refusal_show(request, exc)
        else:
            messages.success(request, _("The record was erased; only anonymous counts remain."))
        return redirect("clubs:club_detail", slug=club.slug)
    return render(request, "clubs/member_erase.html", {"club": club, "membership": membership})
