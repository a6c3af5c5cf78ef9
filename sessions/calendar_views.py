"""Calendar subscriptions page (private addresses, renew/revoke) and the public events page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clubs.access import ClubRole, clubs_led_by, clubs_visible_to
from clubs.selectors import pupil_for_user
from sessions import feed_services, selectors
from sessions.access import own_feed_scope
from sessions.ical import build_event_file


def _feed(request, url_name: str, *args) -> dict:
    """An address to subscribe to: https for copying, webcal:// for a phone's one tap."""
    url = request.build_absolute_uri(reverse(url_name, args=args))
    return {"url": url, "webcal": "webcal://" + url.split("://", 1)[1]}


@login_required
def calendars(request):
    """Every feed this user may have: their own club sessions (pupil), each club they lead,
    the sessions they facilitate, the whole centre (staff), the public events; and the
    clubs they sit on the board of, to download while signed in."""
    user = request.user
    pupil = selectors.feed_pupil_for_user(user=user)
    member = None
    if pupil is not None:
        token = feed_services.member_feed_token_get_or_create(pupil=pupil)
        member = _feed(request, "feeds:member", token.token)
    # Staff hold one centre-wide address instead of one per club.
    led = [] if user.is_centre_staff else list(clubs_led_by(user))
    club_feeds = [
        (club, _feed(request, "feeds:token",
                     feed_services.user_feed_token_get_or_create(user=user, club=club).token))
        for club in led
    ]
    board_clubs = [] if user.is_centre_staff else [
        club for club in clubs_visible_to(user, at_least=ClubRole.BOARD) if club not in led
    ]
    centre = facilitated = None
    own_scope = own_feed_scope(user)
    if own_scope is not None:
        # One address without a club: the whole centre for staff, else what they facilitate.
        token = feed_services.user_feed_token_get_or_create(user=user)
        own = _feed(request, "feeds:token", token.token)
        centre, facilitated = (own, None) if own_scope == "centre" else (None, own)
    return render(request, "sessions/calendars.html", {
        "member": member, "club_feeds": club_feeds, "board_clubs": board_clubs,
        "centre_feed": centre, "facilitated": facilitated,
        "public": _feed(request, "feeds:public"),
    })


@login_required
@require_POST
def calendar_renew(request):
    """Renew (or with action=revoke, stop) one of the user's own private addresses."""
    user, scope = request.user, request.POST.get("scope", "")
    revoke = request.POST.get("action") == "revoke"
    if scope == "member":
        pupil = pupil_for_user(user=user)
        if pupil is None:
            raise Http404
        if revoke:
            feed_services.member_feed_token_revoke(pupil=pupil)
        else:
            feed_services.member_feed_token_renew(pupil=pupil)
    elif scope == "centre" and own_feed_scope(user) is not None:
        (feed_services.user_feed_token_revoke if revoke
         else feed_services.user_feed_token_renew)(user=user)
    else:
        club = clubs_led_by(user).filter(slug=scope).first()
        if club is None:
            raise Http404
        (feed_services.user_feed_token_revoke if revoke
         else feed_services.user_feed_token_renew)(user=user, club=club)
    messages.success(request, _("The old address no longer works.") if revoke else
                     _("New address ready: the old one no longer works."))
    return redirect("sessions:calendars")


def public_events(request):
    """Open to everyone: public sessions only, no pupil data."""
    return render(request, "sessions/public_events.html", {
        "sessions": selectors.public_upcoming_sessions(limit=50),
    })


@login_required
def session_ics(request, pk: int):
    """One session the user may see, as an .ics file to open in a calendar app."""
    session = selectors.session_for_user_or_404(request.user, pk)
    if session.is_cancelled:
        raise Http404
    response = HttpResponse(build_event_file(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lalanh-{session.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
