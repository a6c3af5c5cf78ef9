"""The demo's prose comes from demo/data/*.json (issue 15, point 7): every material and the
mock trial in the files is built into a page, in Vietnamese and English, with its title,
intro and every block of its body, in order; likewise every news story (with its date),
the fixed pages in every language and the worksheets."""

import json
from datetime import date
from pathlib import Path
from random import Random

import pytest
from wagtail.documents import get_document_model

from cms import demo as cms_demo
from cms.models import (
    HomePage,
    MaterialIndexPage,
    MaterialPage,
    MockTrialCasePage,
    NewsIndexPage,
    NewsPage,
    PublicEventsPage,
)
from demo import accounts as demo_accounts
from demo.context import DemoContext

DATA = Path(__file__).resolve().parents[2] / "demo" / "data"
BLOCK_TYPES = {"h": "heading", "p": "paragraph", "steps": "activity_steps",
               "q": "discussion_questions", "tip": "tip", "doc": "document"}


def _first_text(block: list) -> str | None:
    return block[1] if len(block) > 1 else None


def _build() -> None:
    ctx = DemoContext(rng=Random(2024), today=date(2024, 9, 1), write=lambda line: None)
    demo_accounts.build(ctx)
    cms_demo.build(ctx)


def _load(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.mark.django_db
def test_every_material_in_the_data_files_is_built_as_written():
    _build()
    materials = json.loads((DATA / "materials.json").read_text(encoding="utf-8"))
    trial = json.loads((DATA / "mock_trial.json").read_text(encoding="utf-8"))
    assert len(materials) >= 12
    for material, model in [(m, MaterialPage) for m in materials] + [(trial, MockTrialCasePage)]:
        for language in ("vi", "en"):
            text = material[language]
            page = model.objects.get(slug=material["slug"], locale__language_code=language)
            assert (page.title, page.intro) == (text["title"], text["intro"])
            built = list(page.body.raw_data)
            assert [b["type"] for b in built][: len(text["body"])] == [
                BLOCK_TYPES[block[0]] for block in text["body"]
            ]
            rendered = json.dumps(built, ensure_ascii=False)
            for block in text["body"]:
                first = _first_text(block)
                if first is not None:
                    assert json.dumps(first, ensure_ascii=False)[1:-1] in rendered


@pytest.mark.django_db
def test_every_news_story_fixed_page_and_worksheet_in_the_data_files_is_built_as_written(
        client):
    _build()
    stories = _load("news.json")
    assert stories
    for story in stories:
        for language in ("vi", "en", "fr"):
            if language not in story:
                continue
            text = story[language]
            page = NewsPage.objects.get(
                translation_key=NewsPage.objects.get(
                    slug=story["slug"], locale__language_code="vi").translation_key,
                locale__language_code=language,
            )
            assert (page.title, page.intro) == (text["title"], text["intro"])
            assert page.date == date.fromisoformat(story["date"])
            rendered = json.dumps(list(page.body.raw_data), ensure_ascii=False)
            for block in text["body"]:
                assert json.dumps(block[1], ensure_ascii=False)[1:-1] in rendered
    site = _load("site.json")
    models = {"home": HomePage, "library": MaterialIndexPage, "news": NewsIndexPage,
              "events": PublicEventsPage}
    for key, model in models.items():
        for language in ("vi", "en", "fr", "ar"):
            page = model.objects.get(locale__language_code=language)
            text = site[key][language]
            assert (page.title, page.intro) == (text["title"], text["intro"])
        if "slug" in site[key]:
            assert model.objects.get(locale__language_code="vi").slug == site[key]["slug"]
    assert site["news"]["vi"]["title"] in client.get("/tin-tuc/").text
    Document = get_document_model()
    for sheet in _load("worksheet.json").values():
        document = Document.objects.get(title=sheet["title"])
        assert document.file.name.endswith(sheet["file"].rsplit(".", 1)[-1])
