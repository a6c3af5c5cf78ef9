"""Reasons a training action is refused: stable codes, translated messages."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from config.errors import DomainError

MESSAGES = {
    "window_not_open": _("Applications for this class have not opened yet."),
    "window_closed": _("Applications for this class are closed."),
    "consent_missing": _("Please agree to the use of your data to apply."),
    "already_applied": _("You have already applied to this class (status: %(status)s)."),
    "date_of_birth_impossible": _("This date of birth is not possible."),
    "contact_missing": _("Give a phone number or an e-mail address."),
    "not_pending": _("Only an application awaiting a decision can be admitted or refused."),
    "pupil_consent_missing": _("%(name)s is under 16 and no guardian consent is recorded: "
                               "they cannot be admitted yet."),
    "class_full": _("The class is full: no place is free."),
    "reason_missing": _("Give a reason for the refusal."),
    "not_completed": _("%(name)s has not completed this class."),
    "completion_not_confirmed": _("Confirm the completion list before issuing certificates."),
    "already_issued": _("%(name)s already holds a valid certificate for this class."),
    "already_revoked": _("This certificate is already revoked."),
    "capacity_invalid": _("A class needs at least one place."),
    "score_out_of_range": _("%(name)s: a score must be a whole number from 0 to 100."),
    "capacity_below_held": _("%(held)s places are already held: the class cannot have fewer."),
    "module_not_in_programme": _("This module is not part of the class's programme."),
    "feedback_already_open": _("The survey of this class is already open."),
    "feedback_nobody": _("Nobody is admitted to this class: there is nobody to ask."),
    "feedback_token_invalid": _("This survey link is not valid or has already been used."),
    "feedback_score_missing": _("Give “%(module)s” a score from 1 to 5."),
    "commune_unknown": _("Unknown ward or commune: “%(name)s”."),
    "name_missing": _("The full name is missing."),
    "duplicate_in_file": _("The same person is already on an earlier row of the file."),
    "duplicate_in_class": _("This person is already in the class."),
    "import_file": _("The file cannot be read: %(reason)s"),
    "import_columns": _("The file needs at least the columns “Họ và tên” and “Ngày sinh”."),
    "import_expired": _("This preview has expired or was altered: upload the file again."),
    "withdraw_after_completion": _("The class's completion is already confirmed: its record "
                                   "can no longer be withdrawn. Ask the centre if something "
                                   "is wrong."),
}


class TrainingError(DomainError):
    """A training action refused: `code` is one of MESSAGES, `params` fill its message."""

    code = "training_refused"
    messages_by_code = MESSAGES

    def __init__(self, code: str, **params: Any) -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown training error code {code!r}")
        super().__init__(code=code, params=params)
        self.args = (code,)
