"""The language-neutral /checkin/ pages a phone opens from a QR code: the projected code,
the typed code, and a member card's link. Views only translate the service's answers."""


from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods

from accounts.ip import limit_address
from attendance import participants, selectors, services, tokens, web
from attendance.errors import CheckInError
from attendance.models import Method
from cms import profile


def _result_page(request, context: dict, *, status: int = 200) -> HttpResponse:
    """The answer to a check-in, the page a whole class opens at once from the projected
    code. It uses none of the context processors but the centre's name (no form, no
    user, no message), so it is rendered without them; the projector's view reads the
    centre's profile with its rate limits, in one Redis round trip."""
    centre = getattr(request, "checkin_centre", None) or profile.centre_profile()
    html = render_to_string("attendance/checkin_result.html", {**context, "centre": centre})
    return HttpResponse(html, status=status)


def _refused(request, error: CheckInError, *, status: int | None = None, **extra):
    return _result_page(
        request,
        {"refused": True, "code": error.code, "message": error.message, **extra},
        status=status or web.status_for(error.code),
    )


def _too_fast(request):
    return _result_page(request, {"too_fast": True}, status=429)


def _pupil_checkin(request, *, session, method, phone=web.UNREAD):
    try:
        # An adult participant's phone (attendance/participants.py), before the pupils'.
        result = participants.checkin(request, session=session, method=method)
    except CheckInError as error:
        return _refused(request, error, session=session)
    if result is not None:
        return _result_page(request, {"result": result, "session": session})
    identity = web.pupil_identity(request, phone=phone)
    if identity is None:
        error = services.checkin_refuse_unpaired(  # type: ignore[misc]
            session=session, method=method, source=limit_address(request)
        )
        return _refused(request, error, not_paired=True)
    try:
        result = services.checkin_record(session=session, method=method, **identity)
    except CheckInError as error:
        return _refused(request, error, session=session)
    return _result_page(request, {"result": result, "session": session})


@require_http_methods(["GET"])
def projector_checkin(request, token: str):
    """The URL inside the projected QR. Opening it checks in the pupil this phone belongs
    to: the token only proves the phone saw the screen in the last ~30 s. It is a GET
    because phone camera apps open links that way; the short-lived token is what stops a
    forged link, as a CSRF token would."""
    limited, held = web.rate_limited_and_read(
        request, group="checkin-pupil", per_phone=True, read=[profile.CACHE_KEY]
    )
    request.checkin_centre = profile.centre_profile(held=held)
    if limited:
        return _too_fast(request)
    try:
        session_id = tokens.projector_token_parse(token)
    except CheckInError as error:
        return _refused(request, error)
    session, phone = selectors.session_and_phone_for_pupil_checkin(
        session_id=session_id, key=web.phone_key(request)
    )
    if session is None:
        return _refused(request, CheckInError("token_invalid"))
    return _pupil_checkin(request, session=session, method=Method.PROJECTOR, phone=phone)


@require_http_methods(["GET", "POST"])
def typed_code_checkin(request):
    """For a pupil whose phone cannot scan: type the six digits shown under the QR."""
    if request.method == "GET":
        return render(request, "attendance/checkin_code.html")
    if web.rate_limited(request, group="checkin-pupil", per_phone=True):
        return _too_fast(request)
    try:
        open_ids = [s.pk for s in selectors.open_sessions()]
        session_id = tokens.typed_code_match(request.POST.get("code", ""), session_ids=open_ids)
    except CheckInError as error:
        return render(
            request,
            "attendance/checkin_code.html",
            {"error": error.message},
            status=web.status_for(error.code),
        )
    session = selectors.session_for_pupil_checkin(session_id=session_id)
    return _pupil_checkin(request, session=session, method=Method.CODE)


@require_http_methods(["GET", "POST"])
def card_link(request, secret: str):
    """The URL printed in a member card's QR. A leader who opens it (phone camera app)
    chooses which of their open sessions to check the pupil into; anybody else is offered
    to link this phone to the card's pupil, for checking in by the projected code."""
    if web.rate_limited(request, group="checkin-card", per_phone=True):
        return _too_fast(request)
    user = request.user
    if user.is_authenticated and user.has_leader_role:
        return _card_for_leader(request, secret)
    return _card_pairing(request, secret)


def _card_for_leader(request, secret):
    sessions = selectors.leader_open_sessions(user=request.user)
    if request.method == "POST":
        chosen = next((s for s in sessions if str(s.pk) == request.POST.get("session")), None)
        if chosen is None:
            raise Http404
        try:
            result = services.checkin_record(
                session=chosen,
                method=Method.CARD,
                actor=request.user,
                card_secret=secret,
                nonce=request.POST.get("nonce"),
            )
        except CheckInError as error:
            return _refused(request, error, session=chosen)
        return _result_page(request, {"result": result, "session": chosen})
    return render(request, "attendance/card_leader.html", {"sessions": sessions})


def _card_pairing(request, secret):
    if request.method == "GET":
        try:
            tokens.card_secret_clean(secret)
        except CheckInError as error:
            return _refused(request, error)
        return render(request, "attendance/card_pair.html")
    try:
        device, key = services.pupil_device_pair(
            card_secret=secret, current_key=web.phone_key(request)
        )
    except CheckInError as error:
        return _refused(request, error)
    # Only the given name: whoever holds the card may see it, the card shows it anyway.
    given_name = device.pupil.full_name.split()[-1] if device.pupil.full_name else ""
    response = render(
        request, "attendance/card_pair.html", {"paired": True, "given_name": given_name}
    )
    web.set_phone_cookie(response, key)
    return response
