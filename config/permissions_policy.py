"""The Permissions-Policy header: every powerful browser feature is off, for our pages and
anything they frame, except what a page of ours uses.

- camera: only the leader's scanner page (attendance:scanner) films cards, so only its
  response allows camera=(self); every other page, including the pupil's check-in pages
  (a pupil scans with the phone's own camera app), has camera=().
- fullscreen: the projector page goes full screen; the video players we embed (the
  origins CSP lets a page frame) may too, and may use the encrypted media and
  picture-in-picture their iframes ask for.
"""

from django.conf import settings

CAMERA_VIEWS = {"attendance:scanner"}
OFF = (
    "accelerometer",
    "autoplay",
    "bluetooth",
    "browsing-topics",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "window-management",
    "xr-spatial-tracking",
)


def _allow(*origins: str) -> str:
    return "(" + " ".join(origins) + ")"


def _players() -> list[str]:
    frame_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].get("frame-src", [])
    return [f'"{origin}"' for origin in frame_src if origin.startswith("https://")]


def permissions_policy(camera: bool) -> str:
    players = _players()
    features = {name: _allow() for name in OFF}
    features["camera"] = _allow("self") if camera else _allow()
    features["fullscreen"] = _allow("self", *players)
    features["encrypted-media"] = _allow(*players)
    features["picture-in-picture"] = _allow(*players)
    return ", ".join(f"{name}={allow}" for name, allow in sorted(features.items()))


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policies = {camera: permissions_policy(camera) for camera in (False, True)}

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 304:
            # A policy only governs a document; a "not modified" answer (the live roster's
            # idle polls) is not one, and 600 bytes on each would be most of its weight.
            return response
        match = getattr(request, "resolver_match", None)
        camera = bool(match and match.view_name in CAMERA_VIEWS)
        response.headers.setdefault("Permissions-Policy", self.policies[camera])
        return response
