"""Site settings' permissions that work on PostgreSQL.

Wagtail's SitePermissionPolicy lists the sites a user may change a setting for with
`.distinct()` on Site's manager, which orders by CASE/Lower expressions: PostgreSQL
refuses "SELECT DISTINCT, ORDER BY expressions must appear in select list", so a user
without the permission (a volunteer opening /admin/settings/<app>/<setting>/) got a 500
instead of Wagtail's "no permission" redirect. The same sites, chosen by a subquery of
ids without DISTINCT, keep the manager's order and work on every database.

Installed for every registered site setting (CmsConfig.ready), whatever its model.
"""

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry
from wagtail.models import Site
from wagtail.permission_policies.sites import SitePermissionPolicy
from wagtail.permissions import register_permission_policy


class SiteSettingPermissionPolicy(SitePermissionPolicy):
    def sites_user_has_any_permission_for(self, user, actions):
        sites = super().sites_user_has_any_permission_for(user, actions)
        if not sites.query.distinct:
            return sites
        return Site.objects.filter(pk__in=sites.order_by().values("pk"))


def install_site_setting_policies() -> None:
    for model in registry:
        if issubclass(model, BaseSiteSetting):
            register_permission_policy(model, SiteSettingPermissionPolicy(model))
