"""Every string the interface shows has a Vietnamese, a French and an Arabic translation;
a string a catalogue lacks reads in English, never in Vietnamese."""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent.parent
LANGUAGES = ("vi", "fr", "ar")


def _check_catalogues():
    spec = importlib.util.spec_from_file_location(
        "check_catalogues", ROOT / "scripts/check_catalogues.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    po = polib.pofile(str(ROOT / f"locale/{language}/LC_MESSAGES/django.po"))
    missing = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not missing, f"{language} untranslated: {missing}"
    assert not fuzzy, f"{language} fuzzy: {fuzzy}"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_french_and_arabic_translate_every_vietnamese_entry(language):
    """Strings appended to the Vietnamese catalogue must reach French and Arabic too.
    `scripts/check_catalogues.py --append` adds the missing ones, empty, to fill in."""
    found = _check_catalogues().problems(language)
    assert not any(found.values()), f"{language}: {found}"


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
    languages = [arg for code in LANGUAGES for arg in ("-l", code)]
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-location",
         *languages, "--ignore=static/vendor"],
        cwd=copy, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for code in LANGUAGES:
        fresh = polib.pofile(str(copy / f"locale/{code}/LC_MESSAGES/django.po"))
        new = [e.msgid for e in fresh.untranslated_entries()]
        assert not new, f"strings without a {code} translation: {new}"
        # makemessages gives a new string the translation of a similar old one, marked
        # fuzzy ("active since" would read "Tạm nghỉ", inactive): that is not translated.
        guessed = [e.msgid for e in fresh.fuzzy_entries()]
        assert not guessed, f"strings with only a guessed (fuzzy) {code} translation: {guessed}"


@pytest.mark.parametrize("language", ["de", "es", "zh-hans"])
def test_a_language_without_a_catalogue_reads_english_not_vietnamese(language):
    with translation.override(language):
        assert translation.gettext("Search materials") == "Search materials"
        assert translation.gettext("Need to talk? Free hotline:") == (
            "Need to talk? Free hotline:"
        )
        assert translation.ngettext("%(n)s session", "%(n)s sessions", 3) == "%(n)s sessions"


def test_english_fallback_keeps_the_other_catalogues():
    """The fallback change leaves Vietnamese the default and Django's own strings in place."""
    with translation.override("vi"):
        assert translation.gettext("Search materials") == "Tìm tài liệu"
    with translation.override("fr"):
        assert translation.gettext("Search materials") == "Rechercher des ressources"
        assert translation.gettext("This field is required.") == "Champ requis."
    with translation.override("ar"):
        assert translation.gettext("Search materials") == "البحث في المواد"
        assert translation.ngettext("%(n)s session", "%(n)s sessions", 2) == "جلستان (%(n)s)"
        assert translation.ngettext("%(n)s session", "%(n)s sessions", 11) == "%(n)s جلسة"
