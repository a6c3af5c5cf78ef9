"""Leader pages: the sessions they run, the projector, the scanner, the live roster."""

import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotModified,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from attendance import participants, roster_services, selectors, services, tokens, web
from attendance.errors import CheckInError
from attendance.forms import GuestForm, ScannerDeviceForm, TickForm
from attendance.models import Attendance, GuestAttendance, ScannerDevice
from sessions.access import may_run_checkin


def _door_session_or_404(request, pk: int):
    """(session, runs its check-in) for the projector and the scanner: those who run the
    session's check-in, and those an app lets check its own people in here (a training
    class's trainers: attendance/participants.py), who do not get the pupils' roster."""
    session = selectors.session_for_checkin(session_id=pk)
    if session is None:
        raise Http404
    runs_checkin = may_run_checkin(request.user, session)
    if not runs_checkin and not participants.may_scan(request.user, session):
        raise Http404
    return session, runs_checkin


def _session_or_404(request, pk: int):
    """The session, if this user may run its check-in; 404 otherwise (its existence is
    not revealed), as clubs.access does for clubs."""
    session = selectors.session_for_checkin(session_id=pk)
    if session is None or not may_run_checkin(request.user, session):
        raise Http404
    return session


@login_required
def index(request):
    sessions = selectors.sessions_for_leader(user=request.user)
    if not sessions and not request.user.is_centre_staff and request.user.is_pupil_account:
        raise Http404
    return render(request, "attendance/index.html", {"sessions": sessions})


@login_required
def session_live(request, pk: int):
    session = _session_or_404(request, pk)
    return render(
        request,
        "attendance/live.html",
        {
            "session": session,
            "history": selectors.attendance_history(session),
            "guests": selectors.guests_for_session(session),
            "state": selectors.live_state(session),
            "window": selectors.checkin_window(session),
            "guest_form": GuestForm(),
            "poll_seconds": settings.ATTENDANCE_LIVE_POLL_SECONDS,
        },
    )


@login_required
def session_live_fragment(request, pk: int):
    """The live lists, polled by static/js/attendance/live.js with the ETag it holds:
    304 and no body while nothing changed."""
    session = _session_or_404(request, pk)
    state = selectors.live_state(session)
    etag = f'"{selectors.live_fingerprint(state)}"'
    if request.headers.get("If-None-Match") == etag:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = render(
            request, "attendance/_live_lists.html", {"session": session, "state": state}
        )
    response["ETag"] = etag
    # Stored by nobody: the script keeps the ETag itself.
    add_never_cache_headers(response)
    return response


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _refused(request, session, message: str, *, status: int, code: str = ""):
    """A refused tick: JSON for the page's script, a message and the roster otherwise."""
    if _wants_json(request):
        return JsonResponse({"outcome": "refused", "code": code, "message": message},
                            status=status)
    if status == 400:
        return HttpResponseBadRequest(message)
    messages.error(request, message)
    return redirect("attendance:live", pk=session.pk)


def _tick_answer(request, session, *, pupil_id: int, message: str, replayed: bool = False):
    """After a tick or an undo: the pupil's row as it now is (and the list and the place
    it goes in), the counts and the lists' new ETag; a few hundred bytes, so the page
    changes in place. The plain form (no script) is sent back to the roster."""
    if not _wants_json(request):
        messages.success(request, message)
        return redirect("attendance:live", pk=session.pk)
    state = selectors.live_state(session)
    answer = {"outcome": "ok", "message": message, "pupil": pupil_id, "replayed": replayed,
              "counts": state["counts"], "etag": f'"{selectors.live_fingerprint(state)}"'}
    rows = {"in": [(a.pupil_id, a) for a in state["attendances"]],
            "missing": [(p.pk, p) for p in state["missing"]]}
    for name, items in rows.items():
        ids = [pk for pk, _item in items]
        if pupil_id in ids:
            at = ids.index(pupil_id)
            template = "_row_recorded.html" if name == "in" else "_row_missing.html"
            context = {"session": session, "state": state, "a": items[at][1], "p": items[at][1]}
            answer.update(
                list=name,
                before=ids[at + 1] if at + 1 < len(ids) else None,
                row=render_to_string(f"attendance/{template}", context, request=request),
            )
    return JsonResponse(answer)


@login_required
@require_POST
def session_mark(request, pk: int):
    """A roster tick: the plain form, or the page's script (JSON answer), also when it
    sends a tick queued offline (with `nonce` and the phone's `ticked_at`)."""
    session = _session_or_404(request, pk)
    form = TickForm(request.POST)
    if not form.is_valid():
        return _refused(request, session, form.first_error(), status=400, code="invalid")
    data = form.cleaned_data
    try:
        answer = roster_services.roster_tick(
            session=session, pupil_id=data["pupil"], status=data["status"],
            actor=request.user, nonce=data["nonce"] or None, ticked_at=data["ticked_at"],
        )
    except CheckInError as error:
        return _refused(request, session, error.message, code=error.code,
                        status=web.status_for(error.code))
    label = Attendance.Status(answer["status"]).label
    return _tick_answer(
        request, session, pupil_id=data["pupil"], replayed=answer.get("replayed", False),
        message=_("Recorded: %(status)s.") % {"status": label},
    )


@login_required
@require_POST
def session_undo(request, pk: int, attendance_id: int):
    session = _session_or_404(request, pk)
    attendance = Attendance.objects.filter(pk=attendance_id, session=session).first()
    if attendance is None:
        # Undone already (a second tap, another leader): nothing left to take back.
        return _refused(request, session, _("This check-in was already taken back."),
                        status=404, code="undone")
    services.checkin_undo(attendance=attendance, actor=request.user)
    return _tick_answer(request, session, pupil_id=attendance.pupil_id,
                        message=_("Check-in taken back."))


@login_required
@require_POST
def session_mark_rest(request, pk: int):
    """ "The rest are absent" / "the rest are excused": every expected pupil not yet
    recorded."""
    session = _session_or_404(request, pk)
    status = request.POST.get("status")
    if status not in roster_services.REST_STATUSES:
        return HttpResponseBadRequest(_("Choose absent or excused."))
    try:
        count = roster_services.roster_mark_rest(session=session, status=status,
                                                 actor=request.user)
    except CheckInError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, ngettext(
            "%(count)d pupil recorded as %(status)s.", "%(count)d pupils recorded as %(status)s.",
            count) % {"count": count, "status": Attendance.Status(status).label.lower()})
    return redirect("attendance:live", pk=session.pk)


@login_required
@require_POST
def session_guests(request, pk: int):
    session = _session_or_404(request, pk)
    form = GuestForm(request.POST)
    if form.is_valid():
        try:
            services.guest_record(session=session, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Guests counted."))
        except CheckInError as error:
            messages.error(request, error.message)
    else:
        for errors in form.errors.values():
            for error in errors:  # type: ignore[misc]
                messages.error(request, error)  # type: ignore[misc]
    return redirect("attendance:live", pk=session.pk)


@login_required
def projector(request, pk: int):
    session, _runs_checkin = _door_session_or_404(request, pk)
    return render(request, "attendance/projector.html", {"session": session})


@login_required
@never_cache
def projector_state(request, pk: int):
    """What the projector shows now: the QR of a fresh signed URL, the typed code and the
    count. Polled by static/js/attendance/projector.js."""
    session, _runs_checkin = _door_session_or_404(request, pk)
    token = tokens.projector_token_make(session_id=session.pk)
    url = request.build_absolute_uri(reverse("checkin:projector", args=[token]))
    png = base64.b64encode(web.qr_png(url)).decode()
    counts = selectors.attendance_counts(session)
    return JsonResponse(
        {
            "qr": f"data:image/png;base64,{png}",
            "url": url,
            "code": tokens.typed_code_current(session_id=session.pk),
            "rotate_seconds": tokens.rotate_seconds(),
            "seconds_left": tokens.seconds_left_in_slot(),
            "count": counts["in"] + participants.checked_in(session),
            "guests": counts["guests"],
        }
    )


@login_required
def scanner(request, pk: int):
    session, runs_checkin = _door_session_or_404(request, pk)
    return render(request, "attendance/scanner.html",
                  {"session": session, "runs_checkin": runs_checkin})


@login_required
def devices(request):
    """A leader's scanner tokens, for phones that call the API without signing in."""
    if not request.user.has_leader_role:
        raise Http404
    new_token = None
    form = ScannerDeviceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _device, new_token = services.scanner_device_create(
            user=request.user, name=form.cleaned_data["name"]
        )
        form = ScannerDeviceForm()
    return render(
        request,
        "attendance/devices.html",
        {
            "devices": ScannerDevice.objects.filter(user=request.user),
            "form": form,
            "new_token": new_token,
        },
    )


@login_required
@require_POST
def device_revoke(request, device_id: int):
    device = get_object_or_404(ScannerDevice, pk=device_id, user=request.user)
    services.scanner_device_revoke(device=device)
    messages.success(request, _("The device can no longer scan."))
    return redirect("attendance:devices")


@login_required
@require_POST
def session_guest_remove(request, pk: int, guest_id: int):
    session = _session_or_404(request, pk)
    guest = get_object_or_404(GuestAttendance, pk=guest_id, session=session)
    services.guest_remove(guest=guest, actor=request.user)
    messages.success(request, _("Guests removed; the change is kept in the history."))
    return redirect("attendance:live", pk=session.pk)
