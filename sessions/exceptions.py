"""Errors a user can cause when scheduling. Each has a stable ``code`` (for tests, logs and
API clients) and a translated message (for people). Views map them to form errors."""

from django.utils.translation import gettext_lazy as _

from config.errors import DomainError


class SessionError(DomainError):
    code = "session_error"
    default_message = _("This session cannot be saved.")


class EndsBeforeStart(SessionError):
    code = "ends_before_start"
    default_message = _("The session must end after it starts.")


class ImpossibleDate(SessionError):
    code = "impossible_date"
    default_message = _("This date does not exist or is outside the school calendar.")


class SeriesWithoutEnd(SessionError):
    code = "series_without_end"
    default_message = _("A repeating session needs an end: a last date or a number of times.")


class SeriesEndAmbiguous(SessionError):
    code = "series_end_ambiguous"
    default_message = _("Give either a last date or a number of times, not both.")


class SeriesTooLong(SessionError):
    code = "series_too_long"
    default_message = _("A series may have at most %(limit)s occurrences; this one has %(n)s.")


class SeriesEmpty(SessionError):
    code = "series_empty"
    default_message = _("Every date of this series is skipped or past its end: nothing to plan.")


class CapacityBelowRegistrations(SessionError):
    code = "capacity_below_registrations"
    default_message = _(
        "Capacity %(capacity)s is below the %(registered)s people already registered."
    )


class SchedulingConflict(SessionError):
    """Not a refusal: the leader may confirm and save anyway."""

    code = "conflict"
    default_message = _("This clashes with other sessions. Check, then confirm to save anyway.")

    def __init__(self, conflicts, **kwargs):
        self.conflicts = conflicts
        super().__init__(**kwargs)


class AlreadyCancelled(SessionError):
    code = "already_cancelled"
    default_message = _("This session is already cancelled.")


class CancelReasonMissing(SessionError):
    code = "cancel_reason_missing"
    default_message = _("Say why the session is cancelled: members will see the reason.")


class NotInSeries(SessionError):
    code = "not_in_series"
    default_message = _("This session is not part of a series.")


class AudienceIncomplete(SessionError):
    code = "audience_incomplete"
    default_message = _("Choose the school for a whole-school session, or the guest clubs.")


class CastNotMember(SessionError):
    code = "cast_not_member"
    default_message = _(
        "%(pupil)s is not an active member of the club(s) organising this mock trial; "
        "only their members can be cast."
    )


class CastPartTaken(SessionError):
    code = "cast_part_taken"
    default_message = _("This part already has a lead; cast this pupil as understudy.")


class NotAHearing(SessionError):
    code = "not_a_hearing"
    default_message = _("A mock trial's hearing must be a session of kind “mock trial”.")
