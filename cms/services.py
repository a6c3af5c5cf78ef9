"""Writes of the public site."""

from wagtail.contrib.search_promotions.models import Query


def search_query_record(*, query: str) -> None:
    """Count one search for `query` (already reduced to canonical words) in Wagtail's
    query log: editors see the popular searches under Reports/Promoted search results and
    promote pages for them. Logged once per search, not once per page of results."""
    Query.get(query).add_hit()
