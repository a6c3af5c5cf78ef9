"""English, never Vietnamese, for a string a language's catalogue lacks.

Django's translation objects fall back to LANGUAGE_CODE's catalogue. Ours is "vi" (the
unprefixed URLs and Wagtail's default locale are Vietnamese), so a French or Arabic page
showed Vietnamese for every string not yet in locale/fr or locale/ar, and a language with
no catalogue at all was entirely Vietnamese. The code's msgids are English, so with no
fallback a missing string reads in English. Django's own catalogues are merged into each
language's translation object, not reached through the fallback, so they are unaffected.
"""

from django.utils.translation import trans_real


def _no_fallback_to_the_default_language(self, localedirs=None):
    return


def use_english_fallback() -> None:
    """Called once from AccountsConfig.ready(), before any page is translated."""
    trans_real.DjangoTranslation._add_fallback = _no_fallback_to_the_default_language
    trans_real._translations.clear()
    trans_real._default = None
