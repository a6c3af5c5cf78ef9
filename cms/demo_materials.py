"""Demo life-skills materials, written for this project in Vietnamese and English.

The prose is data, not code: demo/data/materials.json (the library) and
demo/data/mock_trial.json (the mock-trial case), UTF-8 JSON that an editor can change
without touching Python. Each material has slug, topic, format, grades [min, max],
minutes, featured, worksheet and a "vi" and "en" text with title, intro and body; the
mock trial's texts add case_summary, legal_basis and roles [[role, brief], ...].

A body is a list of compact blocks that cms.demo turns into StreamField data:
["h", heading] ["p", html] ["steps", title, [[step, minutes, instructions], ...]]
["q", title, [questions]] ["tip", text] ["doc"] = the worksheet download.
"""

import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "demo" / "data"


def _load(name: str):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


MATERIALS: list[dict] = _load("materials.json")
MOCK_TRIAL: dict = _load("mock_trial.json")
