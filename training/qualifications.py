"""Qualifications: what a person holds is what their valid certificates grant (the
qualification's name and validity are copied onto each certificate). A facilitator (a
user account) is the participant with the same e-mail address. Renewal is a refresher:
any class of a programme granting the same qualification; its new certificate carries
the new validity."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from training.models import Certificate, TopicRequirement, TrainingClass


def certificates_current(*, on: dt.date) -> QuerySet[Certificate]:
    """Certificates granting a qualification, not revoked, valid on the day."""
    return Certificate.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=on), revoked_on__isnull=True,
    ).exclude(qualification="")


def qualifications_held(*, on: dt.date | None = None) -> QuerySet[Certificate]:
    on = on or timezone.localdate()
    return certificates_current(on=on).select_related("enrolment__participant").order_by(
        "holder_name", "qualification")


def qualifications_expiring(*, days: int = 90, on: dt.date | None = None) -> list[dict]:
    """Qualifications that end within `days`, each with the refresher classes open for
    applications (classes of a programme granting the same qualification)."""
    on = on or timezone.localdate()
    rows = list(qualifications_held(on=on).filter(
        valid_until__lte=on + dt.timedelta(days=days)).order_by("valid_until"))
    names = {row.qualification for row in rows}
    refreshers: dict[str, list[TrainingClass]] = {}
    now = timezone.now()
    for klass in TrainingClass.objects.filter(
        programme__rule__grants__name__in=names, applications_close_at__gt=now,
    ).select_related("programme__rule__grants"):
        # Filtered on the granted qualification's name, so it is there.
        refreshers.setdefault(klass.programme.rule.grants.name, []).append(klass)  # type: ignore[union-attr]
    return [{"certificate": row, "refreshers": refreshers.get(row.qualification, [])}
            for row in rows]


def facilitator_warnings(*, topic: str, facilitators, day) -> list[str]:
    """Registered in sessions.plan_warnings: a facilitator without the qualification the
    centre requires for the session's topic."""
    if not topic:
        return []
    requirement = TopicRequirement.objects.select_related("qualification").filter(
        topic=topic).first()
    if requirement is None:
        return []
    day = day or timezone.localdate()
    name = requirement.qualification.name
    holders = {
        email.lower() for email in certificates_current(on=day).filter(qualification=name)
        .values_list("enrolment__participant__email", flat=True) if email
    }
    return [
        _("%(person)s does not hold “%(qualification)s”, which the centre requires for "
          "this topic.") % {"person": str(person),
                            "qualification": name}
        for person in facilitators
        if not person.email or person.email.lower() not in holders
    ]
