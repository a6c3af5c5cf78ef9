"""Leader pages: the sessions they run, the projector, the scanner, the live roster."""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from attendance import selectors, services, tokens, web
from attendance.errors import CheckInError
from attendance.forms import GuestForm, ScannerDeviceForm
from attendance.models import Attendance, GuestAttendance, ScannerDevice


def _session_or_404(request, pk: int):
    """The session, if this user may run its check-in; 404 otherwise (its existence is
    not revealed), as clubs.access does for clubs."""
    session = selectors.session_for_checkin(session_id=pk)
    if session is None or not selectors.actor_may_run_checkin(request.user, session):
        raise Http404
    return session


@login_required
def index(request):
    sessions = selectors.sessions_for_leader(user=request.user)
    if not sessions and not request.user.is_centre_staff and request.user.role == "pupil":
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
        },
    )


@login_required
@never_cache
def session_live_fragment(request, pk: int):
    session = _session_or_404(request, pk)
    return render(
        request,
        "attendance/_live_lists.html",
        {"session": session, "state": selectors.live_state(session)},
    )


@login_required
@require_POST
def session_mark(request, pk: int):
    session = _session_or_404(request, pk)
    status = request.POST.get("status")
    try:
        pupil_id = int(request.POST.get("pupil", ""))
    except ValueError:
        return HttpResponseBadRequest(_("Choose a pupil."))
    if status not in Attendance.Status.values:
        return HttpResponseBadRequest(_("Choose present, late, excused or absent."))
    try:
        services.attendance_mark(
            session=session, pupil_id=pupil_id, status=status, actor=request.user
        )
    except CheckInError as error:
        messages.error(request, error.message)
    return redirect("attendance:live", pk=session.pk)


@login_required
@require_POST
def session_undo(request, pk: int, attendance_id: int):
    session = _session_or_404(request, pk)
    attendance = get_object_or_404(Attendance, pk=attendance_id, session=session)
    services.checkin_undo(attendance=attendance, actor=request.user)
    messages.success(request, _("Check-in taken back."))
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
            for error in errors:
                messages.error(request, error)
    return redirect("attendance:live", pk=session.pk)


@login_required
def projector(request, pk: int):
    session = _session_or_404(request, pk)
    return render(request, "attendance/projector.html", {"session": session})


@login_required
@never_cache
def projector_state(request, pk: int):
    """What the projector shows now: the QR of a fresh signed URL, the typed code and the
    count. Polled by static/js/attendance/projector.js."""
    session = _session_or_404(request, pk)
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
            "count": counts["in"],
            "guests": counts["guests"],
        }
    )


@login_required
def scanner(request, pk: int):
    session = _session_or_404(request, pk)
    return render(request, "attendance/scanner.html", {"session": session})


@login_required
def devices(request):
    """A leader's scanner tokens, for phones that call the API without signing in."""
    if not (request.user.is_centre_staff or request.user.role in ("leader", "facilitator")):
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
