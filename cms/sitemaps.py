from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap lists one site root only; ours lists every language's pages."""

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
