"""The report as files: XLSX (one sheet per table), CSV (the tables one after another)
and a printable PDF with the charts.

An export meant to leave the centre (``shared=True``) hides small numbers so no pupil
can be singled out: in every column counting pupils, a count under 5 shows as "<5"; when
that leaves a single hidden cell in a column, the smallest other count is hidden too
(secondary suppression), so the column's total cannot give it back."""

import io

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from clubs.text import InertCsvWriter, spreadsheet_text
from reports.charts import chart_for

SMALL = 5
HIDDEN = "<5"
HIDDEN_SECONDARY = "x"


def suppress_column(values: list) -> list:
    """Primary (under 5) and secondary suppression of one column of counts."""
    out = list(values)
    counts = [(i, v) for i, v in enumerate(values) if isinstance(v, int)]
    hidden = {i for i, v in counts if v < SMALL}
    for i in hidden:
        out[i] = HIDDEN
    if len(hidden) == 1:
        shown = [(v, i) for i, v in counts if i not in hidden]
        if shown:
            out[min(shown)[1]] = HIDDEN_SECONDARY
    return out


def table_rows(table, *, shared: bool) -> list[list]:
    """The rows of a table as exported (with the total row, suppressed when shared)."""
    rows = [list(row) for row in table.rows]
    if shared:
        for col in table.people:
            for row, value in zip(rows, suppress_column([r[col] for r in rows]), strict=True):
                row[col] = value
    if table.total:
        rows.append(list(table.total))
    return rows


def _headline_rows(report) -> list[list]:
    return [[h.label, h.value, h.previous, h.change] for h in report.headline] + [
        [h.label, h.value, h.previous, h.change] for s in report.sections for h in s.headline
    ]


def _headline_columns(report) -> list:
    return [_("Figure"), report.year.label, report.year.previous.label, _("Change")]


def _filename(report, shared: bool, ext: str) -> str:
    suffix = "-shared" if shared else ""
    return f"lalanh-report-{report.year.label}{suffix}.{ext}"


def _attachment(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def report_xlsx(report, *, shared: bool) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    sheets = [("headline", _("Headline"), _headline_columns(report), _headline_rows(report))]
    sheets += [(t.key, t.sheet or t.title, t.columns, table_rows(t, shared=shared))
               for t in report.all_tables]
    used: set = set()
    titles = {t.key: t.title for t in report.all_tables}
    for key, sheet_name, columns, rows in sheets:
        title = titles.get(key, sheet_name)
        sheet = book.create_sheet(_sheet_name(str(sheet_name), key, used))
        sheet.append([spreadsheet_text(str(title))])
        sheet["A1"].font = Font(bold=True)
        sheet.append([spreadsheet_text(str(c)) for c in columns])
        for row in rows:
            # openpyxl stores a string starting with "=" as a formula: neutralise names.
            sheet.append([spreadsheet_text(str(v)) if not isinstance(v, int | float) else v
                          for v in row])
        sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return _attachment(
        out.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _filename(report, shared, "xlsx"),
    )


def _sheet_name(title: str, key: str, used: set) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique.
    name = "".join(c for c in title if c not in "[]:*?/\\")[:31] or key[:31]
    if name in used:
        name = key[:31]
    used.add(name)
    return name


def report_csv(report, *, shared: bool, table_key: str = "clubs") -> HttpResponse:
    """One table as CSV (a CSV holds one table): the clubs by default, any other by its
    key, or "headline"; the XLSX has them all."""
    if table_key == "headline":
        columns, rows = _headline_columns(report), _headline_rows(report)
    else:
        table = next((t for t in report.all_tables if t.key == table_key),
                     report.table("clubs"))
        table_key, columns, rows = table.key, table.columns, table_rows(table, shared=shared)
    response = _attachment(b"", "text/csv; charset=utf-8",
                           _filename(report, shared, f"{table_key}.csv"))
    response.write("\ufeff")  # so spreadsheet programs read the Vietnamese as UTF-8
    writer = InertCsvWriter(response)  # names typed by staff never run as formulas
    writer.writerow([str(c) for c in columns])
    for row in rows:
        writer.writerow(row)
    return response


def report_pdf(report, *, shared: bool, request) -> HttpResponse:
    from weasyprint import HTML

    html = render_to_string("reports/yearly_pdf.html", {
        "report": report, "shared": shared,
        "tables": [(t, chart_for(t), table_rows(t, shared=shared)) for t in report.all_tables],
    }, request=request)
    # Everything (styles, charts) is inline: nothing is fetched while printing.
    pdf = HTML(string=html).write_pdf()
    return _attachment(pdf, "application/pdf", _filename(report, shared, "pdf"))
