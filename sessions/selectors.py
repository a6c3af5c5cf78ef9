"""Reads of scheduled sessions. Other apps (attendance, cms) read sessions through here."""

from django.db.models import QuerySet
from django.utils import timezone

from sessions.models import ClubSession


def public_upcoming_sessions(*, now=None, limit: int | None = None) -> QuerySet[ClubSession]:
    """Sessions open to the public that have not ended, soonest first.

    Carries no pupil data: callers may show these to anonymous visitors.
    """
    now = now or timezone.now()
    sessions = (
        ClubSession.objects.filter(audience=ClubSession.Audience.PUBLIC, ends_at__gte=now)
        .exclude(status=ClubSession.Status.CANCELLED)
        .select_related("club__school")
        .order_by("starts_at")
    )
    return sessions[:limit] if limit else sessions
