#!/usr/bin/env python
"""Compile every .po catalogue of the project into .mo with polib.

Django's own compilemessages needs GNU gettext's msgfmt, which a fresh machine may lack;
polib is a pinned Python dependency, so set-up needs nothing from the system.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "node_modules", "var", ".git"}


def catalogues():
    for po_path in ROOT.rglob("*.po"):
        if not SKIP.intersection(po_path.relative_to(ROOT).parts):
            yield po_path


def main() -> int:
    count = 0
    for po_path in catalogues():
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        count += 1
    print(f"Compiled {count} translation catalogue(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
