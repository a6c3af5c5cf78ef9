"""Drawing member-card QR codes.

The QR holds the check-in URL with the card's random secret (192 bits, see
docs/clubs-cards.md): a phone's own camera app opens it, and nothing in it is a database
id or a student number. Images are inlined as PNG data URIs so the printable sheet is one
request and works offline once loaded.
"""

import base64
import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M

CHECKIN_CARD_PATH = "/checkin/card/{secret}/"


def card_checkin_url(*, request, secret: str) -> str:
    """The absolute URL a scanned card opens (the attendance app serves that path)."""
    return request.build_absolute_uri(CHECKIN_CARD_PATH.format(secret=secret))


def qr_png(data: str, *, box_size: int = 8) -> bytes:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=4)
    qr.add_data(data)
    qr.make(fit=True)
    buffer = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()


def qr_data_uri(data: str, *, box_size: int = 8) -> str:
    return "data:image/png;base64," + base64.b64encode(qr_png(data, box_size=box_size)).decode()
