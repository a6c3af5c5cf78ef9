"""Wagtail's admin exports (reports such as site history, redirects, form submissions)
write CSV cells as they are: Wagtail leaves formula injection to the spreadsheet program
(its security docs, "CSV export security considerations"). Editors type page titles and
redirect paths, and centre staff open these files in Excel, so every CSV cell Wagtail
exports goes through clubs.text.spreadsheet_text, as the project's own exports do. (Its
XLSX export already stores formula-like text as text.)"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from clubs.text import spreadsheet_text

_wagtail_preprocess = SpreadsheetExportMixin.preprocess_field_value


def _preprocess_inert(self, field, value, export_format):
    value = _wagtail_preprocess(self, field, value, export_format)
    if export_format == self.FORMAT_CSV:
        return spreadsheet_text(value)
    return value


def install() -> None:
    """Called once from CmsConfig.ready()."""
    SpreadsheetExportMixin.preprocess_field_value = _preprocess_inert
