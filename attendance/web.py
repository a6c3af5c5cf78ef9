"""Small helpers the views and the API share: reason code -> HTTP status, who the pupil
on this phone is, rate limits, QR drawing."""

import io
from typing import Any

import qrcode
from django.conf import settings

from accounts.ip import limit_address
from attendance import selectors
from attendance.checkin_read import PairedPhone
from attendance.ratelimit import count_and_read

STATUS_FOR_CODE = {
    "token_invalid": 400,
    "token_expired": 400,
    "token_other_session": 400,
    "code_invalid": 400,
    "scan_time_invalid": 400,
    "nonce_invalid": 400,
    "tick_time_invalid": 400,
    "roster_closed": 409,
    "card_unknown": 404,
    "pupil_unknown": 404,
    "card_revoked": 410,
    "not_paired": 403,
    "not_member": 403,
    "consent_missing": 403,
    "participant_card_not_admitted": 403,
    "participant_not_enrolled": 403,
    "card_not_participant": 403,
    "session_cancelled": 409,
    "not_open_yet": 409,
    "closed": 409,
}


def status_for(code: str) -> int:
    return STATUS_FOR_CODE.get(code, 400)


def phone_key(request) -> str | None:
    """The paired phone's key from its signed cookie, checked once per request (the
    limits and the pupil's identity both ask)."""
    try:
        return request.checkin_phone_key
    except AttributeError:
        key = request.get_signed_cookie(
            settings.ATTENDANCE_DEVICE_COOKIE, default=None, salt="attendance.pupil-device"
        )
        request.checkin_phone_key = key
        return key


def set_phone_cookie(response, key: str) -> None:
    response.set_signed_cookie(
        settings.ATTENDANCE_DEVICE_COOKIE,
        key,
        salt="attendance.pupil-device",
        max_age=settings.ATTENDANCE_DEVICE_COOKIE_DAYS * 24 * 3600,
        path="/checkin/",
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )


# pupil_identity's `phone` when the caller has not read the paired phone.
UNREAD: Any = object()


def pupil_identity(request, *, phone: PairedPhone | None = UNREAD) -> dict | None:
    """How the pupil holding this phone is known: a signed-in pupil account first, else
    the phone paired by their card (`phone`, when the caller has already read it with
    the session). Returns the checkin_record keyword, or None."""
    user = request.user
    if user.is_authenticated:
        pupil = getattr(user, "pupil", None) if user.role == "pupil" else None
        if pupil is not None:
            return {"pupil_id": pupil.pk}
    device = selectors.paired_phone_by_key(key=phone_key(request)) if phone is UNREAD else phone
    if device is not None:
        return {"pupil_device": device}
    return None


def rate_limited(request, *, group: str, per_user: bool = True, per_phone: bool = False) -> bool:
    """True when this request is over a check-in limit (and counts it): per address,
    per signed-in user, per paired phone, in one Redis round trip for all of them
    (attendance/ratelimit.py). Scanner devices are counted in their token's check
    (api.ScannerTokenAuth, scanner_limits)."""
    return rate_limited_and_read(
        request, group=group, per_user=per_user, per_phone=per_phone, read=[]
    )[0]


def rate_limited_and_read(
    request, *, group: str, read: list[str], per_user: bool = True, per_phone: bool = False
) -> tuple[bool, dict]:
    """rate_limited(), and the cache entries named in `read` (as cache.get_many returns
    them) in the same round trip."""
    limits = [_per_address(request)]
    if per_user and request.user.is_authenticated:
        limits.append(("user", str(request.user.pk), settings.ATTENDANCE_RATE_PER_USER))
    phone = phone_key(request) if per_phone else None
    if phone:
        # Not by address: a whole school's phones share one address behind its Wi-Fi.
        limits.append(("phone", phone, settings.ATTENDANCE_RATE_PER_PHONE))
    limited, held = count_and_read(request, group=group, limits=limits, read=read)
    return bool(limited), held


def scanner_limits(request, token_hash: str) -> list[tuple[str, str, str]]:
    """The check-in limits of a scanner device's request: per address, and per device
    (the device token is its leader's credential; counting by token lets the limits be
    counted in the same round trip that reads the token, before the leader is known)."""
    return [_per_address(request), ("device", token_hash, settings.ATTENDANCE_RATE_PER_USER)]


def _per_address(request) -> tuple[str, str, str]:
    return ("ip", limit_address(request), settings.ATTENDANCE_RATE_PER_IP)


def qr_png(text: str) -> bytes:
    """A crisp black-on-white PNG (a couple of KB); the page scales it up pixelated."""
    image = qrcode.make(
        text, error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=4
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
