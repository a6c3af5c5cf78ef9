"""Roster spreadsheets out: the roster export (XLSX or CSV through tablib) and a previewed
import's refused rows to correct and upload again. Every text cell goes through
clubs.text.spreadsheet_text, so no name or phone runs as a formula."""

from collections.abc import Iterable, Sequence

import tablib
from django.utils.translation import gettext_lazy as _

from clubs.models import Membership, RosterImport
from clubs.roster_import import column_label, import_errors, problem_message
from clubs.roster_read import HEADINGS
from clubs.text import spreadsheet_text

EXPORT_HEADINGS = ["Mã thành viên", "Họ và tên", "Giới tính", "Năm sinh", "Khối", "Lớp",
                   "Họ tên phụ huynh", "Quan hệ", "Số điện thoại phụ huynh", "Ngày tham gia",
                   "Trạng thái"]


def roster_export(*, rows: Iterable[Sequence], file_format: str) -> bytes:
    """The roster as XLSX or CSV bytes (CSV in UTF-8 with BOM, so Excel reads diacritics).
    Every text cell starting with = + - @ tab or CR gets a leading apostrophe
    (clubs.text.spreadsheet_text), so no name or phone runs as a formula."""
    dataset = tablib.Dataset(headers=EXPORT_HEADINGS)
    genders = {"male": "Nam", "female": "Nữ", "other": "Khác", "": ""}
    for (code, name, gender, year, grade, class_name, g_name, g_rel, g_phone, joined,
         status) in rows:
        dataset.append([spreadsheet_text(v) for v in (
            code, name, genders.get(gender, gender), year, grade, class_name, g_name, g_rel,
            g_phone, joined.strftime("%d/%m/%Y"), str(Membership.Status(status).label),
        )])
    if file_format == "xlsx":
        return dataset.export("xlsx")
    return ("\ufeff" + dataset.export("csv")).encode("utf-8")


def refused_rows_xlsx(roster_import: RosterImport) -> bytes:
    """The rows of a previewed import that have errors, as an XLSX to correct and upload
    again: the import's own headings (a cell with an error holds the value the file had)
    and a last column with the row's errors."""
    problems: dict[int, list[dict]] = {}
    for p in import_errors(roster_import):
        problems.setdefault(p["row"], []).append(p)
    keys = list(HEADINGS)
    dataset = tablib.Dataset(
        headers=[HEADINGS[k][0].capitalize() for k in keys] + [str(_("Errors"))]
    )
    for row in roster_import.rows:
        found = problems.get(row["line"])
        if not found:
            continue
        typed = {p["column"]: p.get("params", {}).get("value") for p in found}
        values = [typed.get(k) or row.get(k) or "" for k in keys]
        errors = "; ".join(
            f"{column_label(p['column'])}: {problem_message(p)}" for p in found
        )
        dataset.append([spreadsheet_text(str(v)) for v in values] + [errors])
    return dataset.export("xlsx")
