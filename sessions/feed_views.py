"""Calendar feeds (language-neutral URLs under /feeds/). Calendar apps poll these without
signing in, so private feeds are reached by a secret token; a revoked or unknown token is a
plain 404. Each answer carries ETag and Last-Modified and is a 304 only when the content is
exactly what the client already holds."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clubs.access import ClubRole, club_for_user_or_404
from cms.profile import centre_profile
from sessions import selectors
from sessions.access import feed_token_scope, own_feed_scope
from sessions.feed_cache import feed_body
from sessions.feed_services import feed_state_update


def _centre_named(calendar: str) -> str:
    return _("%(centre)s: %(calendar)s") % {"centre": centre_profile().title,
                                            "calendar": calendar}


def _feed_response(request, sessions, *, name: str, scope: str, private: bool):
    language = get_language() or ""
    etag, body = feed_body(sessions.filter(ends_at__gt=timezone.now() - selectors.FEED_PAST),
                           name=name, language=language)
    # One timeline per feed, whatever the language: a client revalidating by date alone
    # may hold another language's body (the reader changed language), and only a state
    # that moves whenever the body served changes, language included, never answers it
    # 304. Readers alternating languages cost a write and a 200, never a wrong 304.
    modified_at = feed_state_update(scope=scope, etag=etag)
    last_modified = int(modified_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="lalanh.ics"'
    response["ETag"] = etag
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
    feed_token = selectors.member_feed_token_active(token=token)
    if feed_token is None:
        raise Http404
    return _feed_response(
        request, selectors.sessions_for_pupil(feed_token.pupil),
        name=_centre_named(_("My club sessions")), scope=f"member-{feed_token.pk}", private=True,
    )


def token_feed(request, token: str):
    """A leader's club feed, a staff member's centre-wide feed, or (no club, not staff) the
    sessions a volunteer facilitates. Rights are checked again now: a leader who has left
    the club gets a 404 even with the old address."""
    feed_token = selectors.user_feed_token_active(token=token)
    if feed_token is None:
        raise Http404
    scope = feed_token_scope(user=feed_token.user, club=feed_token.club)
    if scope == "centre":
        sessions, name = selectors.all_sessions(), _centre_named(_("All centre sessions"))
    elif scope == "facilitated":
        sessions = selectors.sessions_facilitated_by(feed_token.user)
        name = _centre_named(_("Sessions I facilitate"))
    elif scope == "club" and feed_token.club is not None:
        sessions = selectors.sessions_for_club(feed_token.club)
        name = _centre_named(feed_token.club.name)
    else:
        raise Http404
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
    if own_feed_scope(request.user) != "centre":
        raise Http404
    return _feed_response(request, selectors.all_sessions(),
                          name=_centre_named(_("All centre sessions")), scope="centre",
                          private=True)
