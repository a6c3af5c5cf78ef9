"""The demo site's prose, written for this project. It is data, not code: UTF-8 JSON in
demo/data/ that an editor can change without touching Python.

- materials.json (the library) and mock_trial.json (the mock-trial case): each material
  has slug, topic, format, grades [min, max], minutes, featured, worksheet and a "vi" and
  "en" text with title, intro and body; the mock trial's texts add case_summary,
  legal_basis and roles [[role, brief], ...].
- news.json: slug, date (YYYY-MM-DD) and a text per language with title, intro and body,
  drawn from the centre's published articles; no pupil is named (SECURITY_PRIVACY.md,
  rule 9).
- site.json: the fixed pages (home, library, news, events): slug and, per language,
  title and intro.
- worksheet.json: the demo worksheet per language: title, file name (.docx or .pdf) and
  its lines.

A body is a list of compact blocks that cms.demo turns into StreamField data:
["h", heading] ["p", html] ["steps", title, [[step, minutes, instructions], ...]]
["q", title, [questions]] ["tip", text] ["doc"] = the worksheet download.
"""

import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "demo" / "data"


def _load(name: str) -> Any:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


MATERIALS: list[dict] = _load("materials.json")
MOCK_TRIAL: dict = _load("mock_trial.json")
NEWS: list[dict] = _load("news.json")
SITE: dict = _load("site.json")
WORKSHEETS: dict = _load("worksheet.json")
