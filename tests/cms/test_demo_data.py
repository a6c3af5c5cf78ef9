"""The demo's materials come from demo/data/*.json (issue 15, point 7): every material
and the mock trial in the files is built into a page, in Vietnamese and English, with its
title, intro and every block of its body, in order."""

import json
from datetime import date
from pathlib import Path
from random import Random

import pytest

from cms import demo as cms_demo
from cms.models import MaterialPage, MockTrialCasePage
from demo import accounts as demo_accounts
from demo.context import DemoContext

DATA = Path(__file__).resolve().parents[2] / "demo" / "data"
BLOCK_TYPES = {"h": "heading", "p": "paragraph", "steps": "activity_steps",
               "q": "discussion_questions", "tip": "tip", "doc": "document"}


def _first_text(block: list) -> str | None:
    return block[1] if len(block) > 1 else None


@pytest.mark.django_db
def test_every_material_in_the_data_files_is_built_as_written():
    ctx = DemoContext(rng=Random(2024), today=date(2024, 9, 1), write=lambda line: None)
    demo_accounts.build(ctx)
    cms_demo.build(ctx)
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
