"""The public verification page a certificate's QR opens, and the public key for
offline checks. Language-neutral URLs (printed on paper); rate-limited per address."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django_ratelimit.decorators import ratelimit

from training import selectors
from training.certificates import public_key_pem, public_key_raw_b64, signed_payload_read


def _rate(group, request):
    return settings.TRAINING_VERIFY_RATE


@ratelimit(key="ip", rate=_rate, block=False)
def certificate(request, code: str):
    """Shows only what the paper shows, and valid / expired / revoked (with the date).
    A made-up code answers "unknown" and nothing else. When the QR's signed payload is
    present, whether its signature holds is shown too."""
    if getattr(request, "limited", False):
        return render(request, "429.html", status=429)
    found = selectors.certificate_by_code(code)
    signature = None
    if "d" in request.GET or "s" in request.GET:
        fields = signed_payload_read(request.GET.get("d", ""), request.GET.get("s", ""))
        signature = "valid" if fields is not None and fields[2] == code else "invalid"
    state = selectors.certificate_state(found) if found is not None else "unknown"
    return render(
        request,
        "training/verify.html",
        {"certificate": found, "state": state, "signature": signature},
        status=200 if found is not None else 404,
    )


def public_key(request):
    return HttpResponse(public_key_pem(), content_type="application/x-pem-file")


def public_key_json(request):
    return JsonResponse({"algorithm": "Ed25519", "format": "raw, base64",
                         "key": public_key_raw_b64(), "payload_version": "LLC1"})
