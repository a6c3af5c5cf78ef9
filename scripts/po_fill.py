#!/usr/bin/env python
"""Fill Vietnamese msgstr entries from a JSON file of {msgid: msgstr}, then compile.

    .venv/bin/python scripts/po_fill.py translations.json

Only empty or fuzzy entries are filled; existing translations are kept.
"""

import json
import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/vi/LC_MESSAGES/django.po"


def main(path: str) -> int:
    wanted = json.loads(Path(path).read_text(encoding="utf-8"))
    po = polib.pofile(str(CATALOGUE))
    filled = 0
    for entry in po:
        if entry.msgid in wanted and (not entry.msgstr or entry.fuzzy):
            entry.msgstr = wanted[entry.msgid]
            if entry.fuzzy:
                entry.flags.remove("fuzzy")
            filled += 1
    po.save()
    po.save_as_mofile(str(CATALOGUE.with_suffix(".mo")))
    left = [e.msgid for e in po.untranslated_entries()] + [e.msgid for e in po.fuzzy_entries()]
    print(f"Filled {filled}; still untranslated or fuzzy: {len(left)}")
    for msgid in left:
        print("  ", repr(msgid))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
