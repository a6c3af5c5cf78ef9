"""The centre's profile as every page, e-mail, card, calendar and report reads it.

One centre per install: the profile is the setting of the default Wagtail site. It is
read once and kept in the cache (Redis in production) as plain values, so a page costs
no query for it; saving the setting (or renaming its province) drops the cached copy.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

CACHE_KEY = "cms:centre-profile:v2"  # bump when CentreProfile changes shape (cached pickles)
PRODUCT_NAME = "Lá Lành"  # the software's own name, shown while the profile is empty


@dataclass(frozen=True)
class CentreProfile:
    name: str = ""
    name_en: str = ""
    name_fr: str = ""
    name_ar: str = ""
    short_name: str = ""
    province_name: str = ""
    address: str = ""
    email: str = ""
    logo_url: str = ""
    hotline: str = ""
    hotline_hours: str = ""
    national_hotline: str = ""
    national_hotline_hours: str = ""

    @property
    def display_name(self) -> str:
        """The name in the active language; a language without its own name reads the
        English one, and only then the Vietnamese."""
        language = (get_language() or "vi").split("-")[0]
        if language == "vi":
            return self.name or self.name_en
        own = {"fr": self.name_fr, "ar": self.name_ar}.get(language, "")
        return own or self.name_en or self.name

    @property
    def title(self) -> str:
        """What the header, page titles, calendar names and e-mail subjects call it."""
        return self.short_name or self.display_name or _(PRODUCT_NAME)


def _read() -> CentreProfile:
    from cms.models import CentreContactSettings

    setting = (CentreContactSettings.objects.select_related("province", "logo")
               .filter(site__is_default_site=True).first())
    if setting is None:
        return CentreProfile(national_hotline="111", national_hotline_hours="24/7")
    logo_url = ""
    if setting.logo is not None:
        logo_url = setting.logo.get_rendition("height-96").url
    return CentreProfile(
        name=setting.name, name_en=setting.name_en, name_fr=setting.name_fr,
        name_ar=setting.name_ar, short_name=setting.short_name,
        province_name=setting.province.name if setting.province else "",
        address=setting.address, email=setting.email, logo_url=logo_url,
        hotline=setting.hotline, hotline_hours=setting.hotline_hours,
        national_hotline=setting.national_hotline,
        national_hotline_hours=setting.national_hotline_hours,
    )


def centre_profile(*, held: dict | None = None) -> CentreProfile:
    """The centre's profile, from the cache (or from `held`: entries a caller already
    read from it, under their cache keys) and from the database when it is not there."""
    profile = cache.get(CACHE_KEY) if held is None else held.get(CACHE_KEY)
    if profile is None:
        profile = _read()
        cache.set(CACHE_KEY, profile, 300)
    return profile


def centre_profile_forget(**kwargs) -> None:
    """Signal receiver: the next read builds the profile again."""
    cache.delete(CACHE_KEY)


def centre_context(request):
    """Template context processor: ``centre`` on every page."""
    return {"centre": centre_profile()}


def centre_province():
    """The centre's province (a places.Province), or None while the profile has none."""
    from cms.models import CentreContactSettings

    setting = (CentreContactSettings.objects.select_related("province")
               .filter(site__is_default_site=True).first())
    return setting.province if setting else None
