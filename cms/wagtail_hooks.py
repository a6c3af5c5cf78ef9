from django.db.models.signals import post_delete, post_save
from wagtail import hooks
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms import page_cache
from cms.models import CentreContactSettings
from cms.profile import centre_profile_forget
from places.models import Province

hooks.register("on_serve_page", page_cache.mark_page_responses)

# Publishing from the admin, a workflow approval or the publish_scheduled command all send
# these signals; the admin-only after_publish_page hook would miss the last two.
for signal, uid in (
    (page_published, "published"),
    (page_unpublished, "unpublished"),
    (page_slug_changed, "slug"),
    (post_page_move, "moved"),
):
    signal.connect(page_cache.content_changed, dispatch_uid=f"cms-page-cache-{uid}")


def _contact_changed(sender, instance, created, **kwargs):
    centre_profile_forget()
    # Wagtail creates the row with its defaults on first read, mid-render: nothing changed.
    if not created:
        page_cache.content_changed()


def _province_changed(sender, instance, **kwargs):
    centre_profile_forget()
    page_cache.content_changed()


post_save.connect(
    _contact_changed, sender=CentreContactSettings, dispatch_uid="cms-page-cache-contact"
)
# The profile shows its province's name.
post_save.connect(_province_changed, sender=Province, dispatch_uid="cms-profile-province")


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        page_cache.content_changed()


post_delete.connect(_page_deleted, dispatch_uid="cms-page-cache-deleted")
