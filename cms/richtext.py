"""Checks on rich text in Wagtail's database format (links are stored as
<a linktype="page" id="3"> / <a linktype="document" id="7"> / <a href="https://...">)."""

from html.parser import HTMLParser
from urllib.parse import urlparse

from wagtail.documents import get_document_model
from wagtail.models import Page

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))


def broken_links(source: str) -> list[str]:
    """Describe each link in `source` that would not work for a reader (empty if none).

    Two queries at most, whatever the number of links."""
    collector = _LinkCollector()
    collector.feed(source or "")
    problems: list[str] = []
    page_ids: dict[str, str] = {}
    document_ids: dict[str, str] = {}
    for attrs in collector.links:
        linktype = attrs.get("linktype")
        if linktype == "page":
            page_ids[attrs.get("id") or ""] = f"page #{attrs.get('id')}"
        elif linktype == "document":
            document_ids[attrs.get("id") or ""] = f"document #{attrs.get('id')}"
        elif linktype is None:
            href = (attrs.get("href") or "").strip()
            scheme = urlparse(href).scheme.lower()
            if (
                not href
                or (scheme and scheme not in SAFE_SCHEMES)
                or (not scheme and not href.startswith(("/", "#")))
            ):
                problems.append(href or "(empty link)")
    problems += _missing(Page.objects, page_ids)
    problems += _missing(get_document_model().objects, document_ids)
    return problems


def _missing(manager, wanted: dict[str, str]) -> list[str]:
    if not wanted:
        return []
    numeric = {key: label for key, label in wanted.items() if key.isdigit()}
    found = {str(pk) for pk in manager.filter(pk__in=numeric).values_list("pk", flat=True)}
    return [label for key, label in wanted.items() if key not in found]
