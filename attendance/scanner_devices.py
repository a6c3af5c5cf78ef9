"""The scanner API's device token: its read and its "last used" write, out of the API's
auth class. (attendance.services and attendance.selectors are being split; these two
join the devices service and the selectors there.)"""

from datetime import datetime, timedelta

from attendance.models import ScannerDevice

# "Last used" is for spotting forgotten devices: minutes are precise enough, and a write
# on every scan would double the commits of a check-in.
LAST_USED_PRECISION = timedelta(minutes=5)


def scanner_device_for_token(*, token_hash: str) -> ScannerDevice | None:
    """The device holding this token, if neither it nor its user's account is revoked."""
    return (
        ScannerDevice.objects.select_related("user")
        .filter(token_hash=token_hash, revoked_at=None, user__is_active=True)
        .first()
    )


def scanner_device_mark_used(*, device: ScannerDevice, now: datetime) -> bool:
    """Record that the device was used now, at most once per LAST_USED_PRECISION.
    Returns whether it wrote (the caller then refreshes its cached copy). One UPDATE,
    no lock: two scans racing both write about the same minute."""
    if device.last_used_at is not None and now - device.last_used_at <= LAST_USED_PRECISION:
        return False
    ScannerDevice.objects.filter(pk=device.pk).update(last_used_at=now)
    device.last_used_at = now
    return True
