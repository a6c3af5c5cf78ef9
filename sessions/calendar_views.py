"""Calendar subscriptions page (private addresses, renew/revoke) and the public events page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clubs.access import ClubRole, clubs_visible_to
from clubs.models import Club, Pupil
from sessions import feed_services, selectors


@login_required
def calendars(request):
    user = request.user
    pupil = Pupil.objects.filter(user=user, anonymised_at__isnull=True).first()
    member_url = None
    if pupil is not None:
        token = feed_services.member_feed_token_get_or_create(pupil=pupil)
        member_url = request.build_absolute_uri(reverse("feeds:member", args=[token.token]))
    club_urls = [
        (club, request.build_absolute_uri(reverse(
            "feeds:token",
            args=[feed_services.user_feed_token_get_or_create(user=user, club=club).token])))
        for club in clubs_visible_to(user, at_least=ClubRole.LEADER)
    ] if not user.is_centre_staff else []
    centre_url = None
    if user.is_centre_staff:
        token = feed_services.user_feed_token_get_or_create(user=user)
        centre_url = request.build_absolute_uri(reverse("feeds:token", args=[token.token]))
    return render(request, "sessions/calendars.html", {
        "member_url": member_url, "club_urls": club_urls, "centre_url": centre_url,
        "public_url": request.build_absolute_uri(reverse("feeds:public")),
    })


@login_required
@require_POST
def calendar_renew(request):
    """Renew (or with action=revoke, stop) one of the user's own private addresses."""
    user, scope = request.user, request.POST.get("scope", "")
    revoke = request.POST.get("action") == "revoke"
    if scope == "member":
        pupil = Pupil.objects.filter(user=user).first()
        if pupil is None:
            raise Http404
        if revoke:
            feed_services.member_feed_token_revoke(pupil=pupil)
        else:
            feed_services.member_feed_token_renew(pupil=pupil)
    elif scope == "centre" and user.is_centre_staff:
        (feed_services.user_feed_token_revoke if revoke
         else feed_services.user_feed_token_renew)(user=user)
    else:
        club = clubs_visible_to(user, at_least=ClubRole.LEADER).filter(slug=scope).first()
        if not isinstance(club, Club):
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
