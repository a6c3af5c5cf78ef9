"""The reader's language: English, never Vietnamese, for a string a language's catalogue
lacks; and the reader's own language on the unprefixed machine URLs.

Django's translation objects fall back to LANGUAGE_CODE's catalogue. Ours is "vi" (the
unprefixed URLs and Wagtail's default locale are Vietnamese), so a French or Arabic page
showed Vietnamese for every string not yet in locale/fr or locale/ar, and a language with
no catalogue at all was entirely Vietnamese. The code's msgids are English, so with no
fallback a missing string reads in English. Django's own catalogues are merged into each
language's translation object, not reached through the fallback, so they are unaffected.
"""

from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import trans_real


def _no_fallback_to_the_default_language(self, localedirs=None):
    return


def use_english_fallback() -> None:
    """Called once from AccountsConfig.ready(), before any page is translated."""
    # Django's private translation internals (no public hook): ignored by the stubs.
    trans_real.DjangoTranslation._add_fallback = _no_fallback_to_the_default_language  # type: ignore[attr-defined]
    trans_real._translations.clear()  # type: ignore[attr-defined]
    trans_real._default = None  # type: ignore[attr-defined]


# Unprefixed URLs that machines and phones keep (calendar apps, the scanner app, QR
# codes): they answer in the reader's language, not the default one.
LANGUAGE_NEUTRAL_PATHS = ("/feeds/", "/api/", "/checkin/", "/verify/")


class ReaderLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except on LANGUAGE_NEUTRAL_PATHS.

    With i18n_patterns(prefix_default_language=False) Django gives every path without a
    language prefix LANGUAGE_CODE (Vietnamese), which is right for the people's pages
    ("/thu-vien/" is the Vietnamese library) but wrong for /feeds/, /api/, /checkin/ and
    /verify/: they have no language of their own, and answer with `Vary: Accept-Language`. There the
    reader's language cookie (set by the language switcher), then Accept-Language, then
    Vietnamese decide."""

    def process_request(self, request):
        if not request.path_info.startswith(LANGUAGE_NEUTRAL_PATHS):
            return super().process_request(request)
        language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if request.path_info.startswith(LANGUAGE_NEUTRAL_PATHS):
            # The language cookie decides before Accept-Language here: a shared cache
            # (the public feed is Cache-Control: public) must not hand one reader's
            # language to another.
            patch_vary_headers(response, ("Cookie",))
        return response

