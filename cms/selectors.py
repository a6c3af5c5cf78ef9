"""Reads for the public site. Each runs a fixed number of queries, whatever the data."""

import re

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q, Subquery
from django.utils.translation import get_language_info
from wagtail.models import Page

from sessions.selectors import public_upcoming_sessions

SEARCH_MAX_LENGTH = 200
NON_WORD = re.compile(r"[^\w]+|_")


def page_language_links(*, page: Page, request) -> list[dict]:
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
    same_page, homes = {}, {}
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


def _materials():
    from cms.models import MaterialPage

    return MaterialPage.objects.live().public()


def featured_materials(*, locale_id: int, limit: int):
    return list(
        _materials()
        .filter(locale_id=locale_id, featured=True)
        .order_by("-first_published_at")[:limit]
    )


def latest_news(*, locale_id: int, limit: int):
    from cms.models import NewsPage

    return list(
        NewsPage.objects.live()
        .public()
        .filter(locale_id=locale_id)
        .order_by("-date", "-pk")[:limit]
    )


def news_in(*, index: Page):
    from cms.models import NewsPage

    return NewsPage.objects.live().public().child_of(index).order_by("-date", "-pk")


def section_pages(*, home: Page) -> list[Page]:
    return list(home.get_children().live().public().order_by("path"))


def materials_search(
    *,
    index: Page,
    query: str = "",
    topic: str = "",
    grade: int | None = None,
    format: str = "",  # noqa: A002 - the taxonomy's own word
):
    """Live materials under `index`, filtered by topic, grade and format, and ranked by
    Wagtail search when `query` is given (PostgreSQL full-text search on PostgreSQL,
    the database backend's fallback on SQLite). `query` is cut to SEARCH_MAX_LENGTH."""
    materials = _materials().filter(locale_id=index.locale_id).child_of(index)
    if topic:
        materials = materials.filter(topic=topic)
    if format:
        materials = materials.filter(format=format)
    if grade:
        materials = materials.filter(grade_min__lte=grade, grade_max__gte=grade)
    query = search_terms(query)
    if query:
        return materials.search(query, operator="and")
    return materials.order_by("title")


def search_terms(query: str) -> str:
    """Words only, lower-cased, at most SEARCH_MAX_LENGTH characters.

    SQLite's FTS5 reads quotes, brackets, `*`, `:` and upper-case AND/OR/NOT/NEAR as
    syntax and fails on a stray one (found by Hypothesis); punctuation carries no meaning
    for full-text search on PostgreSQL either, so both backends get the same plain words."""
    words = NON_WORD.sub(" ", query or "").lower().split()
    return " ".join(words)[:SEARCH_MAX_LENGTH].strip()


def paginate(items, number, *, per_page: int) -> PaginatorPage:
    """A page of results; a missing, odd or out-of-range page number gives the nearest page."""
    return Paginator(items, per_page).get_page(number)


def materials_for_sessions(*, page_ids) -> list:
    """Live materials by id, for the sessions app to show a session's materials."""
    from cms.models import MaterialPage

    return list(
        MaterialPage.objects.live().public().filter(pk__in=list(page_ids)).order_by("title")
    )


def material_ids_for_topic(topic: str):
    """A lazy pk subquery of the materials on ``topic`` (every language)."""
    from cms.models import MaterialPage

    return MaterialPage.objects.filter(topic=topic).values("pk")


def material_topics() -> dict[int, str]:
    """Every material's topic by page id, one query (the report's "topics covered")."""
    from cms.models import MaterialPage

    return dict(MaterialPage.objects.values_list("pk", "topic"))
