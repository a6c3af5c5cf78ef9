"""The participant's private link and the phone cookie it sets (as a pupil's card pairs
a phone: docs/attendance-identity.md). The key is `<id>-<HMAC>`; nothing in the database
alone lets anyone rebuild it."""

import re

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from training.models import Participant

KEY_RE = re.compile(r"^([0-9]{1,12})-([0-9a-f]{32})$")
COOKIE = "lalanh_trainee"
COOKIE_SALT = "training.participant-phone"


def _mac(participant_id: int, key_salt: str, key: str | None = None) -> str:
    return salted_hmac(
        "training.participant", f"{participant_id}:{key_salt}", secret=key
    ).hexdigest()[:32]


def participant_key(participant: Participant) -> str:
    return f"{participant.pk}-{_mac(participant.pk, participant.key_salt)}"


def participant_by_key(key: str | None) -> Participant | None:
    match = KEY_RE.match(key or "")
    if match is None:
        return None
    participant = Participant.objects.filter(pk=int(match.group(1))).first()
    if participant is None:
        return None
    # A link sent under a former key (settings.SECRET_KEY_FALLBACKS) still opens.
    for key in [None, *settings.SECRET_KEY_FALLBACKS]:
        if constant_time_compare(_mac(participant.pk, participant.key_salt, key),
                                 match.group(2)):
            return participant
    return None


def participant_from_phone(request) -> Participant | None:
    return participant_by_key(request.get_signed_cookie(COOKIE, default=None, salt=COOKIE_SALT))


def phone_pair(response, participant: Participant) -> None:
    response.set_signed_cookie(
        COOKIE,
        participant_key(participant),
        salt=COOKIE_SALT,
        max_age=settings.ATTENDANCE_DEVICE_COOKIE_DAYS * 24 * 3600,
        path="/checkin/",
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )
