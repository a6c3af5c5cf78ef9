"""Devices: leaders' scanner tokens and pupils' paired phones."""

from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone

from accounts.models import User
from attendance import selectors
from attendance.errors import CheckInError
from attendance.models import PupilDevice, ScannerDevice
from attendance.tokens import (
    SCANNER_CACHE_SECONDS,
    card_secret_clean,
    new_device_key,
    scanner_cache_key,
    scanner_revoked_key,
    scanner_token_new,
    sha256,
)
from clubs.selectors import card_lookup

# "Last used" is for spotting forgotten devices: minutes are precise enough, and a write
# on every scan would double the commits of a check-in.
LAST_USED_PRECISION = timedelta(minutes=5)


def scanner_device_create(*, user: User, name: str) -> tuple[ScannerDevice, str]:
    """A new scanner token for a leader's phone. Returns the device and the raw token,
    which is shown once and never stored."""
    token = scanner_token_new()
    device = ScannerDevice.objects.create(user=user, name=name[:80], token_hash=sha256(token))
    return device, token


def scanner_device_mark_used(*, device: ScannerDevice, now: datetime) -> bool:
    """Record that the device was used now, at most once per LAST_USED_PRECISION.
    Returns whether it wrote (the caller then refreshes its cached copy). One UPDATE,
    no lock: two scans racing both write about the same minute."""
    if device.last_used_at is not None and now - device.last_used_at <= LAST_USED_PRECISION:
        return False
    ScannerDevice.objects.filter(pk=device.pk).update(last_used_at=now)
    device.last_used_at = now
    return True


def scanner_device_revoke(*, device: ScannerDevice) -> None:
    """Stop the device at once: the API's cached answer for its token goes too."""
    if device.revoked_at is None:
        device.revoked_at = timezone.now()
        device.save(update_fields=["revoked_at"])
    cache.set(scanner_revoked_key(device.token_hash), True, SCANNER_CACHE_SECONDS + 5)
    cache.delete(scanner_cache_key(device.token_hash))


def pupil_device_pair(*, card_secret: str, current_key: str | None = None) -> tuple[
    PupilDevice, str
]:
    """Link a phone to the pupil whose (valid) card was opened on it. A phone already
    linked keeps its key and moves to this pupil. Returns the device and the key to keep
    in the phone's cookie. Raises CheckInError card_unknown or card_revoked."""
    card = card_lookup(secret=card_secret_clean(card_secret))
    pupil = card.pupil
    if card.status == "unknown" or pupil is None:
        raise CheckInError("card_unknown")
    if card.status == "revoked":
        raise CheckInError("card_revoked")
    now = timezone.now()
    device = selectors.pupil_device_by_key(key=current_key)
    if device is not None and current_key is not None:
        device.pupil = pupil
        device.paired_at = now
        device.save(update_fields=["pupil", "paired_at"])
        return device, current_key
    key = new_device_key()
    device = PupilDevice.objects.create(pupil=pupil, key_hash=sha256(key), paired_at=now)
    return device, key
