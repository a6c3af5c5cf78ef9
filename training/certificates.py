"""Drawing and signing certificates: the Ed25519 signature in the QR (so a verifier can
check a certificate offline), the QR itself and the PDF (WeasyPrint, fonts installed by
the set-up, nothing fetched). Format: docs/training.md."""

import base64
import binascii
import hashlib
import io
from pathlib import Path

import qrcode
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from training.models import Certificate

PAYLOAD_VERSION = "LLC1"
LOGO = Path(settings.BASE_DIR) / "static" / "favicon.svg"


def signing_key() -> Ed25519PrivateKey:
    """CERTIFICATE_SIGNING_KEY (base64 of 32 bytes), else derived from the secret key
    (development only: see docs/training.md)."""
    configured = getattr(settings, "CERTIFICATE_SIGNING_KEY", None)
    if configured:
        seed = base64.b64decode(configured)
    else:
        seed = hashlib.sha256(f"lalanh.certificates:{settings.SECRET_KEY}".encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key() -> Ed25519PublicKey:
    return signing_key().public_key()


def public_key_pem() -> bytes:
    return public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def public_key_raw_b64() -> str:
    raw = public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def certificate_payload(certificate: Certificate) -> str:
    fields = [
        PAYLOAD_VERSION,
        certificate.serial,
        certificate.code,
        certificate.holder_name,
        certificate.holder_date_of_birth.isoformat(),
        certificate.programme_title,
        str(certificate.hours),
        certificate.first_day.isoformat(),
        certificate.last_day.isoformat(),
        certificate.valid_until.isoformat() if certificate.valid_until else "-",
        certificate.issued_on.isoformat(),
    ]
    return "|".join(field.replace("|", "/") for field in fields)


def certificate_qr_url(certificate: Certificate, *, base_url: str) -> str:
    payload = certificate_payload(certificate).encode()
    signature = signing_key().sign(payload)
    path = reverse("verify:certificate", args=[certificate.code])
    return f"{base_url.rstrip('/')}{path}?d={_b64url(payload)}&s={_b64url(signature)}"


def signed_payload_read(data: str, signature: str) -> list[str] | None:
    """The fields of a payload whose signature holds, else None (tampered, made up or
    not base64)."""
    if not data or not signature or len(data) > 2000 or len(signature) > 200:
        return None
    try:
        payload = _unb64url(data)
        public_key().verify(_unb64url(signature), payload)
        fields = payload.decode("utf-8").split("|")
    except (InvalidSignature, ValueError, binascii.Error, UnicodeDecodeError):
        return None
    return fields if fields[0] == PAYLOAD_VERSION else None


def _qr_data_uri(text: str) -> str:
    image = qrcode.make(text, error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=6,
                        border=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def certificate_centre() -> tuple[str, str]:
    """The centre's name and logo (a data URI) printed on certificates: the centre's
    profile (cms.profile, a Wagtail site setting); the product's leaf while it has no
    logo. The logo is read from storage, so WeasyPrint fetches nothing."""
    from cms.models import CentreContactSettings
    from cms.profile import centre_profile

    with translation.override("vi"):
        name = centre_profile().display_name
    setting = (CentreContactSettings.objects.select_related("logo")
               .filter(site__is_default_site=True, logo__isnull=False).first())
    if setting is not None:
        rendition = setting.logo.get_rendition("height-200|format-png")
        with rendition.file.open("rb") as image:
            data = image.read()
        return name, "data:image/png;base64," + base64.b64encode(data).decode()
    return name, "data:image/svg+xml;base64," + base64.b64encode(LOGO.read_bytes()).decode()


def certificate_pdf(certificate: Certificate, *, base_url: str,
                    centre: tuple[str, str] | None = None) -> bytes:
    """The A4 landscape certificate, in Vietnamese unless another language is active
    for the reader. `centre` (certificate_centre()) read once by a batch."""
    from weasyprint import HTML

    centre_name, logo = centre or certificate_centre()
    with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
        html = render_to_string(
            "training/certificate_pdf.html",
            {
                "certificate": certificate,
                "qr": _qr_data_uri(certificate_qr_url(certificate, base_url=base_url)),
                "logo": logo,
                "centre_name": centre_name,
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
