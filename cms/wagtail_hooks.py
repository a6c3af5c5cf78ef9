from wagtail import hooks
from wagtail.signals import page_published, page_unpublished

from cms import page_cache

hooks.register("on_serve_page", page_cache.serve_cached)


def _invalidate_page_cache(**kwargs):
    page_cache.content_changed()


# Publishing from the admin, a workflow approval or the publish_scheduled command all send
# these signals; the admin-only after_publish_page hook would miss the last two.
page_published.connect(_invalidate_page_cache, dispatch_uid="cms-page-cache-published")
page_unpublished.connect(_invalidate_page_cache, dispatch_uid="cms-page-cache-unpublished")
