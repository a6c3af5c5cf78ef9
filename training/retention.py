"""Retention: a former participant's data is erased once the last class they were in
ended more than TRAINING_RETENTION_MONTHS ago (docs/training.md, Privacy). Erasure is
the same as on request (training.privacy.participant_erase): certificates keep what the
paper shows, so they can still be verified."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from training.models import Certificate, Participant, TrainingClass
from training.privacy import participant_erase


def retention_cutoff(*, now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - relativedelta(months=settings.TRAINING_RETENTION_MONTHS)


def participants_due_for_erasure(*, now: dt.datetime | None = None) -> QuerySet[Participant]:
    """Participants not erased yet, known since before the cut-off, in no class that ended
    after it, and holding no certificate still valid today (unrevoked, without an end or
    ending today or later): the centre relies on a current qualification (facilitators'
    warnings, refresher offers). A class ends with its last session (or, without
    sessions, when its applications closed). Waiting, refused and withdrawn applications
    count too: they were made for that class, whose purpose is over."""
    cutoff = retention_cutoff(now=now)
    today = timezone.localdate(now or timezone.now())
    recent = (
        TrainingClass.objects.annotate(
            ended=Coalesce(Max("sessions__ends_at"), "applications_close_at"))
        .filter(ended__gte=cutoff)
        .values("pk")
    )
    return (
        Participant.objects.filter(erased_at__isnull=True, created_at__lt=cutoff)
        .exclude(enrolments__training_class__in=recent)
        .exclude(
            Exists(
                Certificate.objects.filter(
                    Q(valid_until__isnull=True) | Q(valid_until__gte=today),
                    enrolment__participant=OuterRef("pk"),
                    revoked_on__isnull=True,
                )
            )
        )
    )


def participants_retention_run(*, now: dt.datetime | None = None) -> int:
    """Erase every participant due; returns how many. Safe to re-run: each is erased
    under its own row lock, once, and an erased one is never due again."""
    count = 0
    for participant in participants_due_for_erasure(now=now).only("pk"):
        participant_erase(participant=participant, user=None)
        count += 1
    return count
