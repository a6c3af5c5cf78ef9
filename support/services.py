"""Writes of support records. Only centre staff (social workers) record support."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from clubs.access import sees_sensitive_records
from clubs.models import Club, Pupil
from config.errors import DomainError, Message
from support.models import VALUE_MAX, SupportRecord

FIRST_DAY = dt.date(2000, 1, 1)


class SupportError(DomainError):
    """A refusal the user can understand: ``code`` is stable, ``message`` translated."""

    code = "support_error"

    def __init__(self, code: str, message: Message) -> None:
        super().__init__(message, code=code)


def support_record_add(*, pupil: Pupil, club: Club, kind: str, given_on: dt.date, donor: str,
                       value: int, description: str = "", by: User) -> SupportRecord:
    """Record support given to ``pupil`` through ``club``.

    Raises SupportError: ``forbidden`` (not centre staff), ``kind`` (unknown kind),
    ``value`` (not a whole positive amount up to VALUE_MAX đồng), ``future`` (a date
    after today), ``too_old`` (before 2000), ``donor`` (no donor or source). Nothing is
    written when it raises."""
    if not sees_sensitive_records(by):
        raise SupportError("forbidden", _("Only centre social workers record support."))
    if kind not in SupportRecord.Kind.values:
        raise SupportError("kind", _("Choose a kind of support from the list."))
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= VALUE_MAX:
        raise SupportError("value", _(
            "Enter the value in đồng: a whole amount above 0 and at most 500,000,000."))
    if given_on > timezone.localdate():
        raise SupportError("future", _("The date is in the future: record support once given."))
    if given_on < FIRST_DAY:
        raise SupportError("too_old", _("The date is before 2000: check the year."))
    donor = (donor or "").strip()
    if not donor:
        raise SupportError("donor", _("Say who gave it (a donor, or the centre itself)."))
    return SupportRecord.objects.create(
        pupil=pupil, club=club, kind=kind, given_on=given_on, donor=donor[:200], value=value,
        description=(description or "").strip()[:200], recorded_by=by,
    )
