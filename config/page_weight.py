"""What a first visit to a page costs on the wire: its HTML and every static file it names
(stylesheets, scripts, icons, and the fonts and images those stylesheets name), each
compressed as the production server sends it (gzip over plain HTTP; brotli over HTTPS,
from WhiteNoise's precompressed files; fonts and images as they are). Repeat visits fetch
only the HTML: production serves static files under hashed names with a year-long cache
(CompressedManifestStaticFilesStorage). Used by scripts/page_weight.py and
tests/config/test_page_weight.py."""

import gzip
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

ASSET = re.compile(
    r'<(?:link[^>]+href|script[^>]+src|img[^>]+src)="(?P<url>/[^"]+)"', re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?(?P<url>[^'\")]+)['\"]?\s*\)")
ALREADY_COMPRESSED = (".woff2", ".woff", ".png", ".jpg", ".jpeg", ".webp", ".ico")


def _gzip(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def _brotli(data: bytes) -> int:
    try:
        import brotli
    except ImportError:  # brotli is optional: without it, gzip's figure
        return _gzip(data)
    return len(brotli.compress(data))


@dataclass
class Weight:
    url: str
    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (gzip, br)

    @property
    def gzip(self) -> int:
        return sum(g for g, _b in self.files.values())

    @property
    def brotli(self) -> int:
        return sum(b for _g, b in self.files.values())


def _static(path: str) -> bytes | None:
    if not path.startswith(settings.STATIC_URL):
        return None
    found = finders.find(path[len(settings.STATIC_URL):])
    if not found:
        return None
    with open(found, "rb") as handle:
        return handle.read()


def _add(weight: Weight, path: str, data: bytes) -> None:
    if path.endswith(ALREADY_COMPRESSED):
        weight.files[path] = (len(data), len(data))
    else:
        weight.files[path] = (_gzip(data), _brotli(data))


def measure(client, url: str) -> Weight:
    """The first visit to `url` with this (signed-in) Django test client."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content
    weight = Weight(url)
    _add(weight, url, html)
    pending = [m["url"] for m in ASSET.finditer(html.decode())]
    while pending:
        path = urlsplit(pending.pop()).path
        if path in weight.files:
            continue
        data = _static(path)
        if data is None:
            continue
        _add(weight, path, data)
        if path.endswith(".css"):
            pending += [urljoin(path, m["url"]) for m in CSS_URL.finditer(data.decode())
                        if not m["url"].startswith("data:")]
    return weight
