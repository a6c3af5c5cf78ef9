"""Accessible markup on every demo page: one h1, no skipped heading level, landmarks,
labelled form fields, text alternatives on images and frames."""

from datetime import date
from html.parser import HTMLParser
from random import Random

import pytest
from wagtail.models import Page

from cms import demo as cms_demo
from demo import accounts as demo_accounts
from demo.context import DemoContext

pytestmark = pytest.mark.django_db


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings: list[int] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))


def _problems(html: str) -> list[str]:
    outline = _Outline()
    outline.feed(html)
    problems = []
    if outline.headings.count(1) != 1:
        problems.append(f"{outline.headings.count(1)} h1")
    for before, after in zip(outline.headings, outline.headings[1:], strict=False):
        if after > before + 1:
            problems.append(f"h{before} followed by h{after}")
    tags = [tag for tag, _ in outline.tags]
    for landmark in ("main", "nav", "footer"):
        if landmark not in tags:
            problems.append(f"no <{landmark}>")
    ids_with_label = {a.get("for") for t, a in outline.tags if t == "label"}
    for tag, attrs in outline.tags:
        if tag == "img" and not attrs.get("alt"):
            problems.append("img without alt")
        if tag == "iframe" and not attrs.get("title"):
            problems.append("iframe without title")
        labelled = attrs.get("id") in ids_with_label or attrs.get("aria-label")
        if tag in ("input", "select") and attrs.get("type") not in ("hidden", "submit"):
            problems += [] if labelled else [f"unlabelled {tag} {attrs.get('name')}"]
    return problems


def test_every_demo_page_has_accessible_markup(client):
    ctx = DemoContext(rng=Random(2024), today=date(2024, 9, 1), write=lambda line: None)
    demo_accounts.build(ctx)
    cms_demo.build(ctx)
    pages = Page.objects.live().filter(depth__gte=2).specific()
    checked = 0
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert _problems(response.text) == [], page.url
        checked += 1
    assert checked > 40
    search = client.get("/thu-vien/", {"q": "ma tuý", "topic": "drug_prevention"})
    assert _problems(search.text) == []
