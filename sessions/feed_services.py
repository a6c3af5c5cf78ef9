"""Writes for private calendar addresses: renew (revoke the old address, issue a new one)
and revoke. A revoked address answers 404 at once."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from clubs.models import Pupil
from sessions.models import MemberFeedToken, UserFeedToken


def member_feed_token_renew(*, pupil) -> MemberFeedToken:
    """The pupil's new private address; the previous one stops working. Locks the pupil row
    (there may be no token row yet to lock) so two renewals cannot race; a unique
    constraint backs it."""
    with transaction.atomic():
        Pupil.objects.select_for_update().filter(pk=pupil.pk).first()
        MemberFeedToken.objects.filter(pupil=pupil, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        return MemberFeedToken.objects.create(pupil=pupil)


def member_feed_token_revoke(*, pupil) -> int:
    return MemberFeedToken.objects.filter(pupil=pupil, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


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
        return UserFeedToken.objects.create(user=user, club=club)


def user_feed_token_revoke(*, user, club=None) -> int:
    return UserFeedToken.objects.filter(user=user, club=club, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def user_feed_token_get_or_create(*, user, club=None) -> UserFeedToken:
    token = UserFeedToken.objects.filter(user=user, club=club, revoked_at__isnull=True).first()
    return token or user_feed_token_renew(user=user, club=club)
