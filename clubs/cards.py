"""Drawing member-card QR codes.

The QR holds the check-in URL with the card's random secret (192 bits, see
docs/clubs-cards.md): a phone's own camera app opens it, and nothing in it is a database
id or a student number. Images are inlined as PNG data URIs so the printable sheet is one
request and works offline once loaded.
"""

import base64
import hashlib
import io

import qrcode
from django.core.cache import cache
from qrcode.constants import ERROR_CORRECT_M

CHECKIN_CARD_PATH = "/checkin/card/{secret}/"


def card_checkin_url(*, request, secret: str) -> str:
    """The absolute URL a scanned card opens (the attendance app serves that path)."""
    return request.build_absolute_uri(CHECKIN_CARD_PATH.format(secret=secret))


def qr_png(data: str, *, box_size: int = 8, mask_pattern: int | None = None) -> bytes:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=4,
                       mask_pattern=mask_pattern)
    qr.add_data(data)
    qr.make(fit=True)
    buffer = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()


def qr_data_uri(data: str, *, box_size: int = 8, mask_pattern: int | None = None) -> str:
    png = qr_png(data, box_size=box_size, mask_pattern=mask_pattern)
    return "data:image/png;base64," + base64.b64encode(png).decode()


SHEET_CACHE_SECONDS = 7 * 24 * 3600


def qr_data_uris_cached(urls: list[str], *, box_size: int = 5) -> list[str]:
    """Data URIs for many codes (a club's sheet), from the cache where drawn before.

    Choosing the best mask is most of a code's cost (about 10 ms, against 2.5 ms with a
    fixed mask); any mask is valid and read by every decoder, so the sheet fixes one.
    A card's URL never changes (a reissue makes a new secret), so caching by URL is safe.
    """
    keys = {url: f"clubs:qr:{box_size}:{hashlib.sha256(url.encode()).hexdigest()}"
            for url in urls}
    found = cache.get_many(list(keys.values()))
    missing = {keys[url]: qr_data_uri(url, box_size=box_size, mask_pattern=0)
               for url in urls if keys[url] not in found}
    if missing:
        cache.set_many(missing, SHEET_CACHE_SECONDS)
        found.update(missing)
    return [found[keys[url]] for url in urls]
