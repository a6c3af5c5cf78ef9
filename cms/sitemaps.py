from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap lists one site root only; ours lists every language's pages, and
    each page names its live translations (hreflang alternates, pages sharing a
    translation_key), the Vietnamese one as x-default."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).values_list(
            "path", flat=True
        )
        in_any_tree = Q()
        for path in roots:
            in_any_tree |= Q(path__startswith=path)
        return (
            Page.objects.live()
            .public()
            .filter(in_any_tree)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        """Wagtail's, plus the alternates of each page."""
        pages = list(self.paginator.page(page).object_list)
        alternates = self._alternates({item.translation_key for item in pages})
        urls, last_mods = [], set()
        for item in pages:
            translations = alternates.get(item.translation_key, [])
            for url_info in item.get_sitemap_urls(self.request):
                if len(translations) > 1:
                    url_info = {**url_info, "alternates": translations}
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _alternates(self, translation_keys) -> dict:
        """{translation_key: [{"lang_code", "location"}, ...]} for the live, public pages
        among them, in every language (one query; URLs from Wagtail's cached site roots)."""
        translations = (
            Page.objects.live()
            .public()
            .filter(translation_key__in=translation_keys)
            .select_related("locale")
            .order_by("locale__language_code")
        )
        alternates = defaultdict(list)
        for page in translations:
            location = page.get_full_url(self.request)
            if location is None:  # not under any site
                continue
            code = page.locale.language_code
            alternates[page.translation_key].append({"lang_code": code, "location": location})
        for group in alternates.values():
            default = [link for link in group if link["lang_code"] == settings.LANGUAGE_CODE]
            if len(group) > 1 and default:
                group.append({"lang_code": "x-default", "location": default[0]["location"]})
        return alternates
