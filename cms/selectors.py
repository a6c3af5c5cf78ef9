"""Reads for the public site. Each runs a fixed number of queries, whatever the data."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.translation import get_language_info
from wagtail.models import Page
from wagtail.search.query import Fuzzy

from cms import search_text
from sessions.selectors import public_upcoming_sessions

SEARCH_MAX_LENGTH = 200
# A search lists at most this many materials (the library holds a few hundred).
SEARCH_MAX_RESULTS = 300


def page_language_links(*, page: Page, request: HttpRequest | None) -> list[dict]:
    """One link per site language: to this page's live translation when there is one,
    else to that language's home page. One query (plus Wagtail's per-request site cache).
    """
    home_path = page.path[: Page.steplen * 2]
    home_key = Subquery(Page.objects.filter(path=home_path).values("translation_key")[:1])
    candidates = (
        Page.objects.live()
        .filter(Q(translation_key=page.translation_key) | Q(depth=2, translation_key=home_key))
        .select_related("locale")
        .only("id", "path", "depth", "url_path", "translation_key", "locale__language_code")
    )
    same_page: dict[str, Page] = {}
    homes: dict[str, Page] = {}
    for candidate in candidates:
        target = same_page if candidate.translation_key == page.translation_key else homes
        target[candidate.locale.language_code] = candidate
    links = []
    for code, _name in settings.LANGUAGES:
        translation = same_page.get(code)
        fallback = homes.get(code)
        chosen = translation or fallback
        url = chosen.get_url(request) if chosen else f"/{code}/"
        links.append(
            {
                "code": code,
                "name_local": get_language_info(code)["name_local"],
                "url": url,
                "current": translation is not None and translation.pk == page.pk,
                "same_page": translation is not None,
            }
        )
    return links


def upcoming_public_events(*, limit: int) -> list:
    """Public sessions for anonymous visitors (the sessions app guarantees no pupil data)."""
    return list(public_upcoming_sessions(limit=limit))


def _materials() -> Any:  # a Wagtail PageQuerySet
    from cms.models import MaterialPage

    return MaterialPage.objects.live().public()


def featured_materials(*, locale_id: int, limit: int) -> list:
    return list(
        _materials()
        .filter(locale_id=locale_id, featured=True)
        .order_by("-first_published_at")[:limit]
    )


def latest_news(*, locale_id: int, limit: int) -> list:
    from cms.models import NewsPage

    return list(
        NewsPage.objects.live()
        .public()
        .filter(locale_id=locale_id)
        .order_by("-date", "-pk")[:limit]
    )


def news_in(*, index: Page) -> QuerySet:
    from cms.models import NewsPage

    return NewsPage.objects.live().public().child_of(index).order_by("-date", "-pk")


def section_pages(*, home: Page) -> list[Page]:
    return list(home.get_children().live().public().order_by("path"))


@dataclass
class LibrarySearch:
    """What the library shows for a search: editors' promoted results first (page one
    only), then the matches; `words` are the reader's words, for highlighting."""

    results: object
    words: list[str] = field(default_factory=list)
    promoted: list = field(default_factory=list)
    close_matches: bool = False


def materials_search(
    *,
    index: Page,
    query: str = "",
    topic: str = "",
    grade: int | None = None,
    format: str = "",  # noqa: A002 - the taxonomy's own word
) -> LibrarySearch:
    """Live materials under `index`, filtered by topic, grade and format; with a `query`,
    the materials whose text holds every word of it in any spelling (cms/search_text.py):
    matched on the folded words the index keeps beside the text, then those whose title
    or summary has the reader's exact spelling first, in the backend's order otherwise
    (at most SEARCH_MAX_RESULTS). On PostgreSQL a query that matches nothing is retried
    with trigram similarity, so one mistyped letter still finds the material."""
    materials = _materials().filter(locale_id=index.locale_id).child_of(index)
    if topic:
        materials = materials.filter(topic=topic)
    if format:
        materials = materials.filter(format=format)
    if grade:
        materials = materials.filter(grade_min__lte=grade, grade_max__gte=grade)
    canonical_query = search_terms(query)
    folded_query = search_text.fold(canonical_query)
    if not folded_query:
        return LibrarySearch(results=materials.order_by("title"))
    words = canonical_query.split()
    results = list(materials.search(folded_query, operator="and")[:SEARCH_MAX_RESULTS])
    close_matches = False
    if not results and connection.vendor == "postgresql":
        results = list(materials.search(Fuzzy(folded_query))[:SEARCH_MAX_RESULTS])
        close_matches = bool(results)
    results.sort(key=lambda material: not _has_exact_spelling(material, canonical_query))
    promoted = search_promotions(query=canonical_query, locale_id=index.locale_id)
    promoted_pages = {promotion.page_id for promotion in promoted}
    results = [material for material in results if material.pk not in promoted_pages]
    return LibrarySearch(
        results=results, words=words, promoted=promoted, close_matches=close_matches
    )


def _has_exact_spelling(material: Page, canonical_query: str) -> bool:
    text = " ".join(search_text.words(f"{material.title} {material.intro}"))
    return f" {canonical_query} " in f" {text} "


def search_promotions(*, query: str, locale_id: int) -> list:
    """Editors' promoted results (Wagtail's search promotions) for `query`, whatever its
    spelling: "ma tuy" shows what an editor promoted for "ma túy". External links, and
    live pages in the reader's language. One query; promotions are few."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    wanted = search_text.fold(query)
    promotions = SearchPromotion.objects.filter(
        Q(page__isnull=True) | Q(page__live=True, page__locale_id=locale_id)
    ).select_related("query", "page")
    return [p for p in promotions if search_text.fold(p.query.query_string) == wanted]


def search_terms(query: str) -> str:
    """Words only, in canonical spelling (NFC, lower case, one tone placement), at most
    SEARCH_MAX_LENGTH characters.

    SQLite's FTS5 reads quotes, brackets, `*`, `:` and upper-case AND/OR/NOT/NEAR as
    syntax and fails on a stray one (found by Hypothesis); punctuation carries no meaning
    for full-text search on PostgreSQL either, so both backends get the same plain words."""
    words = search_text.words(query or "")
    return " ".join(words)[:SEARCH_MAX_LENGTH].strip()


def paginate(items: Sequence | QuerySet, number: int | str | None, *,
             per_page: int) -> PaginatorPage:
    """A page of results; a missing, odd or out-of-range page number gives the nearest page."""
    return Paginator(items, per_page).get_page(number)


def materials_for_sessions(*, page_ids: Iterable[int]) -> list:
    """Live materials by id, for the sessions app to show a session's materials."""
    from cms.models import MaterialPage

    return list(
        MaterialPage.objects.live().public().filter(pk__in=list(page_ids)).order_by("title")
    )


def news_index_for_language(language_code: str) -> Any:
    """The live news index of one language, or None."""
    from cms.models import NewsIndexPage

    return (
        NewsIndexPage.objects.live()
        .public()
        .filter(locale__language_code=language_code)
        .order_by("path")
        .first()
    )


def site_root_url(request: HttpRequest) -> str:
    """scheme://host[:port] of the Wagtail site answering the request (the default site
    otherwise), the same base Wagtail's page.get_full_url uses for canonical URLs."""
    from wagtail.models import Site

    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


@dataclass
class ShareImage:
    url: str
    width: int
    height: int
    alt: str


SHARE_IMAGE_FILTER = "fill-1200x630|format-jpeg|jpegquality-80"


def share_image(*, page: Page, request: HttpRequest | None = None) -> ShareImage | None:
    """The first picture of the page's body as a 1200×630 JPEG (what link previews
    expect), with an absolute URL on the same base as the page's canonical URL
    (page.get_full_url). None when the page has no picture."""
    from urllib.parse import urljoin

    for block in getattr(page, "body", None) or []:
        if block.block_type == "image" and block.value.get("image"):
            image, alt = block.value["image"], block.value.get("alt_text", "")
            break
    else:
        return None
    rendition = image.get_rendition(SHARE_IMAGE_FILTER)
    page_url = page.get_full_url(request)
    url = urljoin(page_url, rendition.url) if page_url else rendition.url
    return ShareImage(url=url, width=rendition.width, height=rendition.height, alt=alt)


def material_ids_for_topic(topic: str) -> QuerySet:
    """A lazy pk subquery of the materials on ``topic`` (every language)."""
    from cms.models import MaterialPage

    return MaterialPage.objects.filter(topic=topic).values("pk")


def material_topics() -> dict[int, str]:
    """Every material's topic by page id, one query (the report's "topics covered")."""
    from cms.models import MaterialPage

    return dict(MaterialPage.objects.values_list("pk", "topic"))
