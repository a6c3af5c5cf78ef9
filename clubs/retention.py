"""Retention: a pupil's data is kept only while its purpose lasts (Decree 13/2023/ND-CP;
GDPR Art. 5(1)(e)). See docs/privacy.md."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from clubs.models import GuardianConsent, Membership, Pupil
from clubs.services import pupil_anonymise


def pupils_due_for_anonymising(*, now: datetime | None = None) -> QuerySet[Pupil]:
    """Pupils whose purpose is over: no active membership, and either their last
    membership ended more than LALANH_RETENTION_MONTHS ago, or their guardian withdrew
    consent more than LALANH_WITHDRAWAL_GRACE_DAYS ago with no valid consent left
    (processing already stopped at the withdrawal; the grace lets a withdrawal recorded
    by mistake be corrected)."""
    now = now or timezone.now()
    retention = timedelta(days=30 * settings.LALANH_RETENTION_MONTHS)
    grace = timedelta(days=settings.LALANH_WITHDRAWAL_GRACE_DAYS)
    # A membership awaiting consent is a current purpose too: the leader is collecting it.
    active = Membership.objects.filter(
        pupil=OuterRef("pk"), status__in=Membership.OPEN_STATUSES
    )
    valid_consent = GuardianConsent.objects.filter(
        pupil=OuterRef("pk"), withdrawn_at__isnull=True
    )
    withdrawn = GuardianConsent.objects.filter(pupil=OuterRef("pk"), withdrawn_at__lt=now - grace)
    return (
        Pupil.objects.filter(anonymised_at__isnull=True)
        .annotate(last_left=Max("memberships__left_on"))
        .filter(~Exists(active))
        .filter(
            Q(last_left__lt=(now - retention).date())
            | (Exists(withdrawn) & ~Exists(valid_consent))
        )
    )


def pupils_retention_run(*, now: datetime | None = None) -> int:
    """Anonymise every pupil whose purpose is over; returns how many. Safe to re-run:
    each pupil is anonymised under its own row lock, once."""
    count = 0
    for pupil in pupils_due_for_anonymising(now=now).only("pk"):
        pupil_anonymise(pupil=pupil, by=None)
        count += 1
    return count
