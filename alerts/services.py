"""Writes of the early-warning settings, and the weekly digest."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from alerts.models import ClubWarningSettings
from clubs.models import Club
from config.errors import DomainError, Message


class WarningSettingsError(DomainError):
    """A refusal the user can understand: ``code`` is stable, ``message`` translated."""

    code = "warning_settings_error"

    def __init__(self, code: str, message: Message) -> None:
        super().__init__(message, code=code)


def warning_settings_save(*, club: Club, missed_in_row: int, min_rate: int) -> ClubWarningSettings:
    """Set a club's thresholds. Raises WarningSettingsError ``missed_in_row`` (not 1-50)
    or ``min_rate`` (not 1-100 %): a threshold of 0 would warn about nobody, or everyone,
    so it is refused. Nothing is written when it raises."""
    if not isinstance(missed_in_row, int) or not 1 <= missed_in_row <= 50:
        raise WarningSettingsError("missed_in_row", _(
            "Sessions missed in a row: enter a number from 1 to 50."))
    if not isinstance(min_rate, int) or not 1 <= min_rate <= 100:
        raise WarningSettingsError("min_rate", _(
            "Lowest attendance: enter a percentage from 1 to 100."))
    row, _created = ClubWarningSettings.objects.update_or_create(
        club=club, defaults={"missed_in_row": missed_in_row, "min_rate": min_rate})
    return row


def weekly_digest_send() -> int:
    """E-mail each club leader the members of their clubs with a warning (none when
    there are none). Returns the number of e-mails sent."""
    from alerts.selectors import warnings_for_clubs
    from clubs.selectors import leaders_with_clubs

    sent = 0
    for user, clubs in leaders_with_clubs():
        if not user.email:
            continue
        warnings = warnings_for_clubs(club_ids=[c.pk for c in clubs])
        if not warnings:
            continue
        names = {c.pk: c.name for c in clubs}
        with translation.override(settings.LANGUAGE_CODE):
            context = {"user": user, "warnings": [(names[w.club_id], w) for w in warnings]}
            send_mail(
                subject=str(_("Lá Lành: members who may be drifting away")),
                message=render_to_string("alerts/digest_email.txt", context),
                from_email=None, recipient_list=[user.email],
            )
        sent += 1
    return sent
