"""Parsing and making of everything a phone sends: projected codes, typed codes, card
secrets, phone keys, scanner tokens. Parsers never raise anything but CheckInError, so
bad input can only ever become a 4xx with a reason."""

import hashlib
import hmac
import re
import secrets
import time

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

from attendance.errors import CheckInError

PROJECTOR_SALT = "attendance.projector"
DEVICE_COOKIE_SALT = "attendance.pupil-device"
CODE_SALT = "attendance.typed-code"
# Card secrets are token_urlsafe(24) (32 characters); allow older or longer formats
# of the same alphabet, and nothing else reaches the database.
CARD_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
TYPED_CODE_RE = re.compile(r"^[0-9]{6}$")
PROJECTED_VALUE_RE = re.compile(r"([0-9]{1,12})\.([0-9]{1,12})")
CARD_URL_RE = re.compile(r"/checkin/card/([A-Za-z0-9_-]{16,64})/?$")
# A scan's nonce, chosen by the phone (crypto.randomUUID() or a hex UUID): stored as-is,
# so nothing else (no NUL byte, nothing longer than the column) reaches the database.
NONCE_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"
NONCE_RE = re.compile(NONCE_PATTERN)


def rotate_seconds() -> int:
    return settings.ATTENDANCE_CODE_ROTATE_SECONDS


def grace_seconds() -> int:
    return settings.ATTENDANCE_CODE_GRACE_SECONDS


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def current_slot(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // rotate_seconds())


# --- Projected QR -----------------------------------------------------------------------


def projector_token_make(*, session_id: int) -> str:
    """A signed "<session id>.<time slot>": the same for a whole slot, so the projected QR
    stays still for ROTATE seconds, then changes."""
    return signing.Signer(salt=PROJECTOR_SALT).sign(f"{session_id}.{current_slot()}")


def seconds_left_in_slot() -> int:
    now = time.time()
    return max(0, int((current_slot(now) + 1) * rotate_seconds() - now))


def projector_token_parse(token: str, *, session_id: int | None = None) -> int:
    """The session id a projected token was made for.

    Raises CheckInError token_invalid (tampered, random), token_expired (its slot ended
    more than GRACE seconds ago) or token_other_session (valid, but for another session).
    """
    if not isinstance(token, str) or len(token) > 200:
        raise CheckInError("token_invalid")
    try:
        value = signing.Signer(salt=PROJECTOR_SALT).unsign(token)
    except (signing.BadSignature, ValueError, TypeError):
        raise CheckInError("token_invalid") from None
    match = PROJECTED_VALUE_RE.fullmatch(value)
    if match is None:
        raise CheckInError("token_invalid")
    sid, slot = match.groups()
    now = time.time()
    if int(slot) > current_slot(now):
        raise CheckInError("token_invalid")
    if now > (int(slot) + 1) * rotate_seconds() + grace_seconds():
        raise CheckInError("token_expired")
    if session_id is not None and int(sid) != session_id:
        raise CheckInError("token_other_session")
    return int(sid)


# --- Typed code -------------------------------------------------------------------------


def typed_code_for(*, session_id: int, slot: int) -> str:
    digest = salted_hmac(CODE_SALT, f"{session_id}:{slot}", algorithm="sha256").digest()
    return f"{int.from_bytes(digest[:8], 'big') % 1_000_000:06d}"


def typed_code_current(*, session_id: int) -> str:
    return typed_code_for(session_id=session_id, slot=current_slot())


def typed_code_match(code: str, *, session_ids) -> int:
    """The one open session whose current (or just-expired, within the grace) code this
    is. Raises CheckInError code_invalid otherwise, also when two sessions match."""
    code = (code or "").strip().replace(" ", "") if isinstance(code, str) else ""
    if not TYPED_CODE_RE.match(code):
        raise CheckInError("code_invalid")
    now = time.time()
    slots = {current_slot(now)}
    if now - current_slot(now) * rotate_seconds() <= grace_seconds():
        slots.add(current_slot(now) - 1)
    matches = {
        sid
        for sid in session_ids
        for slot in slots
        if hmac.compare_digest(typed_code_for(session_id=sid, slot=slot), code)
    }
    if len(matches) != 1:
        raise CheckInError("code_invalid")
    return matches.pop()


# --- Card secret ------------------------------------------------------------------------


def card_secret_clean(raw) -> str:
    """A card secret as printed (a bare secret or the card's URL). Malformed input reads
    as card_unknown: to the person scanning, it simply is not one of our cards."""
    if not isinstance(raw, str) or len(raw) > 300:
        raise CheckInError("card_unknown")
    raw = raw.strip()
    match = CARD_URL_RE.search(raw)
    secret = match.group(1) if match else raw
    if not CARD_SECRET_RE.match(secret):
        raise CheckInError("card_unknown")
    return secret


# --- Scan nonce -------------------------------------------------------------------------


def nonce_clean(raw) -> str | None:
    """A scan's nonce as the phone sent it, or None when it sent none. Raises CheckInError
    nonce_invalid for anything else (the API's schema applies the same pattern)."""
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str) or not NONCE_RE.fullmatch(raw):
        raise CheckInError("nonce_invalid")
    return raw


# --- Pupil phone and scanner device keys ------------------------------------------------


def new_device_key() -> str:
    return secrets.token_urlsafe(32)


def scanner_token_new() -> str:
    # Prefixed so a leaked token is recognisable in logs and secret scanners.
    return "lls_" + secrets.token_urlsafe(32)


# How long the API may keep a scanner token's answer in the shared cache (see api.py).
SCANNER_CACHE_SECONDS = 30


def scanner_cache_key(token_hash: str) -> str:
    """Where the API keeps a scanner token's answer for a few seconds (see api.py)."""
    return f"attendance:scanner:{token_hash}"


def scanner_revoked_key(token_hash: str) -> str:
    """A marker left by revoking, read in the same cache call as the answer: a request
    that was in flight when the device was revoked may store the answer again, but can
    never make it count."""
    return f"attendance:scanner-revoked:{token_hash}"
