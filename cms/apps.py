from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Public site and materials")

    def ready(self):
        from cms import spreadsheet_exports
        from cms.settings_permissions import install_site_setting_policies

        spreadsheet_exports.install()
        install_site_setting_policies()
