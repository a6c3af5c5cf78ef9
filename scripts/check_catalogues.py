#!/usr/bin/env python
"""List what the French and Arabic catalogues lack against the Vietnamese one.

The Vietnamese catalogue (locale/vi/LC_MESSAGES/django.po) is the reference: a test fails
while any string of the code lacks its Vietnamese translation. Every msgid in it must also
be translated in locale/fr and locale/ar (tests/config/test_translations.py). Until they
are, French and Arabic readers see the English msgid (config/i18n.py), never Vietnamese.

    .venv/bin/python scripts/check_catalogues.py             # list, exit 1 if any is missing
    .venv/bin/python scripts/check_catalogues.py --append    # also append the missing msgids
                                                             # with an empty msgstr, to fill in

After filling them in: `.venv/bin/python scripts/compile_translations.py`.
"""

import re
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "vi"
OTHERS = ("fr", "ar")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalogue_path(language: str) -> Path:
    return ROOT / "locale" / language / "LC_MESSAGES" / "django.po"


def _translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [text for _index, text in sorted(entry.msgstr_plural.items())]
    return [entry.msgstr]


def problems(language: str) -> dict[str, list[str]]:
    """msgids of the reference catalogue that `language` lacks, leaves empty, marks
    fuzzy, or translates with other %(placeholders)s than the msgid."""
    reference = polib.pofile(str(catalogue_path(REFERENCE)))
    other = polib.pofile(str(catalogue_path(language)))
    found = {(entry.msgctxt, entry.msgid): entry for entry in other if not entry.obsolete}
    missing, fuzzy, placeholders = [], [], []
    for entry in reference:
        if entry.obsolete:
            continue
        translated = found.get((entry.msgctxt, entry.msgid))
        texts = _translations(translated) if translated else []
        if not texts or not all(texts):
            missing.append(entry.msgid)
        elif translated.fuzzy:
            fuzzy.append(entry.msgid)
        else:
            wanted = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
            if any(set(PLACEHOLDER.findall(text)) - wanted for text in texts) or (
                not entry.msgid_plural and set(PLACEHOLDER.findall(texts[0])) != wanted
            ):
                placeholders.append(entry.msgid)
    return {"missing": missing, "fuzzy": fuzzy, "placeholders": placeholders}


def append_missing(language: str, msgids: list[str]) -> None:
    """Append the reference entries `language` lacks, untranslated, at the end of its file
    (append only: the catalogues merge with git's union driver)."""
    reference = {entry.msgid: entry for entry in polib.pofile(str(catalogue_path(REFERENCE)))}
    path = catalogue_path(language)
    other = polib.pofile(str(path))
    present = {entry.msgid for entry in other}
    with path.open("a", encoding="utf-8") as out:
        for msgid in msgids:
            if msgid in present:
                continue  # there but empty: fill it where it is
            source = reference[msgid]
            entry = polib.POEntry(msgid=msgid, msgctxt=source.msgctxt, flags=source.flags)
            if source.msgid_plural:
                entry.msgid_plural = source.msgid_plural
                entry.msgstr_plural = dict.fromkeys(range(_nplurals(other)), "")
            out.write("\n" + entry.__unicode__(wrapwidth=0))


def _nplurals(po: polib.POFile) -> int:
    match = re.search(r"nplurals=(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def main(argv: list[str]) -> int:
    failing = False
    for language in OTHERS:
        found = problems(language)
        for kind, msgids in found.items():
            for msgid in msgids:
                failing = True
                print(f"{language}\t{kind}\t{msgid!r}")
        if "--append" in argv and found["missing"]:
            append_missing(language, found["missing"])
    if not failing:
        print(f"{', '.join(OTHERS)}: every string of the {REFERENCE} catalogue is translated.")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
