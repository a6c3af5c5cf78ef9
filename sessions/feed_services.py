"""Writes for calendar feeds: private addresses (renew: revoke the old address, issue a new
one; revoke: it answers 404 at once) and each feed's Last-Modified state."""

import datetime as dt
import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from clubs.models import Pupil
from sessions.models import FeedState, MemberFeedToken, UserFeedToken

logger = logging.getLogger(__name__)


def member_feed_token_renew(*, pupil) -> MemberFeedToken:
    """The pupil's new private address; the previous one stops working. Locks the pupil row
    (there may be no token row yet to lock) so two renewals cannot race; a unique
    constraint backs it."""
    with transaction.atomic():
        Pupil.objects.select_for_update().filter(pk=pupil.pk).first()
        MemberFeedToken.objects.filter(pupil=pupil, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        token = MemberFeedToken.objects.create(pupil=pupil)
    logger.info("member feed address renewed for pupil %s", pupil.pk)
    return token


def member_feed_token_revoke(*, pupil) -> int:
    revoked = MemberFeedToken.objects.filter(pupil=pupil, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    logger.info("member feed address revoked for pupil %s (%d)", pupil.pk, revoked)
    return revoked


def member_feed_token_get_or_create(*, pupil) -> MemberFeedToken:
    token = MemberFeedToken.objects.filter(pupil=pupil, revoked_at__isnull=True).first()
    return token or member_feed_token_renew(pupil=pupil)


def user_feed_token_renew(*, user, club=None) -> UserFeedToken:
    """A leader's club address (club given) or a staff member's centre-wide one. Locks the
    user row, as member_feed_token_renew locks the pupil."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        UserFeedToken.objects.filter(user=user, club=club, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        token = UserFeedToken.objects.create(user=user, club=club)
    logger.info("feed address renewed for user %s, club %s", user.pk, getattr(club, "pk", None))
    return token


def user_feed_token_revoke(*, user, club=None) -> int:
    revoked = UserFeedToken.objects.filter(
        user=user, club=club, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    logger.info(
        "feed address revoked for user %s, club %s (%d)",
        user.pk, getattr(club, "pk", None), revoked,
    )
    return revoked


def user_feed_token_get_or_create(*, user, club=None) -> UserFeedToken:
    token = UserFeedToken.objects.filter(user=user, club=club, revoked_at__isnull=True).first()
    return token or user_feed_token_renew(user=user, club=club)


def feed_state_update(*, scope: str, etag: str, now: dt.datetime | None = None) -> dt.datetime:
    """When the feed ``scope`` started serving the content tagged ``etag``: its
    Last-Modified. Unchanged content keeps its time (one query). Changed content moves it
    to now, and always at least one second past the previous value (HTTP dates count whole
    seconds), so a client holding older content never gets a 304 for If-Modified-Since.
    Locks the feed's state row while it changes it: concurrent workers serialise."""
    now = (now or timezone.now()).replace(microsecond=0)
    state = FeedState.objects.filter(scope=scope).first()
    if state is not None and state.etag == etag:
        return state.modified_at
    with transaction.atomic():
        state, created = FeedState.objects.select_for_update().get_or_create(
            scope=scope, defaults={"etag": etag, "modified_at": now}
        )
        if not created and state.etag != etag:
            state.etag = etag
            state.modified_at = max(now, state.modified_at + dt.timedelta(seconds=1))
            state.save(update_fields=["etag", "modified_at"])
    return state.modified_at
