"""Reason codes for refused check-ins. The codes are stable (clients and stored refused
scans keep them); the messages are translated when shown."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from config.errors import DomainError

MESSAGES = {
    # The session
    "session_cancelled": _("This session was cancelled."),
    "not_open_yet": _("Check-in for this session has not opened yet."),
    "closed": _("Check-in for this session is closed."),
    # The code or card
    "token_invalid": _("This check-in code is not valid. Scan the code on the screen again."),
    "token_expired": _("This code has expired. Scan the code on the screen again."),
    "token_other_session": _("This code belongs to another session."),
    "code_invalid": _("This code is wrong or has expired. Type the code now on the screen."),
    "card_unknown": _("This card is not known."),
    "card_revoked": _("This card was revoked: a newer card replaces it."),
    "scan_time_invalid": _("The scan time sent by the phone is not believable."),
    "nonce_invalid": _("This request could not be read. Open the card link again and retry."),
    "tick_time_invalid": _(
        "This tick waited on the phone too long, or the phone's clock is wrong: tick again."
    ),
    "roster_closed": _(
        "This session's roster is closed for changes; the centre staff can still correct it."
    ),
    # The person
    "not_paired": _("This phone is not linked to a member yet."),
    "not_member": _("This pupil is not a member of the club holding this session."),
    "consent_missing": _(
        "This pupil is under 16 and has no recorded consent from a parent or guardian."
    ),
    "pupil_unknown": _("This pupil is not expected at this session."),
    # A training participant (attendance/participants.py)
    "participant_not_enrolled": _("You are not admitted to the class holding this session."),
    "participant_card_not_admitted": _(
        "This participant is not admitted to the class holding this session."
    ),
    "card_not_participant": _(
        "You check in only the participants of the class holding this session: this card "
        "is not one of theirs."
    ),
    # The API only: the session does not exist or the caller does not run it.
    "session_unknown": _("No such session, or you do not run its check-in."),
}


class CheckInError(DomainError):
    """A check-in the rules refuse. `code` is stable (one of MESSAGES); `message` is
    translated when read. `params` carry facts for the refusal log (pupil_id, replayed),
    not placeholders."""

    code = "checkin_refused"
    messages_by_code = MESSAGES

    def __init__(self, code: str, **params: Any) -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown check-in reason code {code!r}")
        super().__init__(code=code)
        self.params = params
        self.args = (code,)

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code])
