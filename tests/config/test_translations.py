"""Every string the interface shows has a Vietnamese translation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOGUE = ROOT / "locale/vi/LC_MESSAGES/django.po"


def test_vietnamese_catalogue_has_no_untranslated_or_fuzzy_entry():
    po = polib.pofile(str(CATALOGUE))
    missing = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not missing, f"untranslated: {missing}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


def test_vietnamese_catalogue_covers_every_string_in_the_code(tmp_path):
    """Extract the strings afresh (as scripts/make_messages.sh does) in a copy of the
    source tree: nothing may be new, so nobody forgot to translate what they added.
    (makemessages always writes into ./locale, so it must not run in the checkout.)"""
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "node_modules", "var", "test-artifacts", "__pycache__", "*.mo",
            "tests",
        ),
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-location",
         "-l", "vi", "--ignore=static/vendor"],
        cwd=copy, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    fresh = polib.pofile(str(copy / "locale/vi/LC_MESSAGES/django.po"))
    new = [e.msgid for e in fresh.untranslated_entries()]
    assert not new, f"strings without a Vietnamese translation: {new}"
    # makemessages gives a new string the translation of a similar old one, marked
    # fuzzy ("active since" would read "Tạm nghỉ", inactive): that is not translated.
    guessed = [e.msgid for e in fresh.fuzzy_entries()]
    assert not guessed, f"strings with only a guessed (fuzzy) translation: {guessed}"
