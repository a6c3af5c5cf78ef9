"""Calendar feeds (language-neutral URLs under /feeds/). Calendar apps poll these without
signing in, so private feeds are reached by a secret token; a revoked or unknown token is a
plain 404. Each answer carries ETag and Last-Modified and is a 304 when nothing changed."""

import hashlib

from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clubs.access import ClubRole, club_for_user_or_404, club_role
from cms.profile import centre_profile
from sessions import selectors
from sessions.ical import build_calendar
from sessions.models import MemberFeedToken, UserFeedToken

FEED_CACHE_SECONDS = 60 * 60


def _centre_named(calendar: str) -> str:
    return _("%(centre)s: %(calendar)s") % {"centre": centre_profile().title,
                                            "calendar": calendar}


def _feed_response(request, sessions, *, name: str, scope: str, private: bool):
    sessions = sessions.filter(ends_at__gt=timezone.now() - selectors.FEED_PAST)
    stats = sessions.order_by().aggregate(
        n=Count("pk"), last=Max("updated_at"), series_last=Max("series__updated_at"),
        # Every change raises a SEQUENCE: the sums change even when two edits share a
        # timestamp.
        revisions=Sum("sequence"), series_revisions=Sum("series__sequence"),
    )
    last = max(filter(None, [stats["last"], stats["series_last"]]), default=None)
    # The name (the centre's, from its profile) is part of the body: renaming changes it.
    fingerprint = (f"{scope}|{name}|{get_language()}|{stats['n']}|{last and last.isoformat()}|"
                   f"{stats['revisions']}|{stats['series_revisions']}")
    etag = '"' + hashlib.sha256(fingerprint.encode()).hexdigest()[:32] + '"'
    last_modified = int(last.timestamp()) if last else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        # The body is a pure function of the fingerprint, so it is shared through the
        # cache (Redis in production) between workers and between readers of the same feed.
        cache_key = f"lalanh:feed:{etag.strip(chr(34))}"
        body = cache.get(cache_key)
        if body is None:
            body = build_calendar(sessions, name=name)
            cache.set(cache_key, body, FEED_CACHE_SECONDS)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="lalanh.ics"'
    response["ETag"] = etag
    if last is not None:
        response["Last-Modified"] = http_date(last_modified)
    # Private feeds must not sit in shared caches; the client still revalidates with ETag.
    response["Cache-Control"] = ("private" if private else "public") + ", max-age=900"
    if private:
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def public_feed(request):
    return _feed_response(
        request, selectors.public_sessions(), name=_centre_named(_("Public events")),
        scope="public", private=False,
    )


def member_feed(request, token: str):
    feed_token = (
        MemberFeedToken.objects.select_related("pupil")
        .filter(token=token, revoked_at__isnull=True, pupil__anonymised_at__isnull=True)
        .first()
    )
    if feed_token is None:
        raise Http404
    return _feed_response(
        request, selectors.sessions_for_pupil(feed_token.pupil),
        name=_centre_named(_("My club sessions")), scope=f"member-{feed_token.pk}", private=True,
    )


def token_feed(request, token: str):
    """A leader's club feed or a staff member's centre-wide feed. Rights are checked again
    now: a leader who has left the club gets a 404 even with the old address."""
    feed_token = (
        UserFeedToken.objects.select_related("user", "club")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )
    if feed_token is None or not feed_token.user.is_active:
        raise Http404
    if feed_token.club is None:
        if not feed_token.user.is_centre_staff:
            raise Http404
        sessions, name = selectors.all_sessions(), _centre_named(_("All centre sessions"))
    else:
        if club_role(feed_token.user, feed_token.club) < ClubRole.LEADER:
            raise Http404
        sessions = selectors.sessions_for_club(feed_token.club)
        name = _centre_named(feed_token.club.name)
    return _feed_response(request, sessions, name=name, scope=f"user-{feed_token.pk}",
                          private=True)


def club_feed(request, slug: str):
    """The same club feed for a signed-in browser (download or preview)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    club, _role = club_for_user_or_404(request.user, slug=slug, at_least=ClubRole.BOARD)
    return _feed_response(
        request, selectors.sessions_for_club(club),
        name=_centre_named(club.name), scope=f"club-{club.pk}",
        private=True,
    )


def centre_feed(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.is_centre_staff:
        raise Http404
    return _feed_response(request, selectors.all_sessions(),
                          name=_centre_named(_("All centre sessions")), scope="centre",
                          private=True)
