from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Support given to members")

    def ready(self):
        from reports.sections import report_section_register
        from support.selectors import support_report_section

        report_section_register(support_report_section)
