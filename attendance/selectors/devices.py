"""Leaders' scanner devices, as the scanner API's token authentication reads them."""

from attendance.models import ScannerDevice


def scanner_device_for_token(*, token_hash: str) -> ScannerDevice | None:
    """The device holding this token, if neither it nor its user's account is revoked."""
    return (
        ScannerDevice.objects.select_related("user")
        .filter(token_hash=token_hash, revoked_at=None, user__is_active=True)
        .first()
    )
