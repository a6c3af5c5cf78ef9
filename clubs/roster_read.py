"""Reading a roster-like spreadsheet (XLSX or CSV): size and zip-bomb limits, the heading
row found under a title, ";" or "," CSV, cells and dates as teachers type them.

Used by the club roster import (clubs.roster_import) and the training nominee import. A
file that cannot be read raises ClubError with a stable code (READ_MESSAGES).
"""

import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from datetime import date, datetime

import openpyxl
import tablib
from django.utils.translation import gettext_lazy as _

from clubs.services import ClubError
from clubs.text import spreadsheet_text_read

MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# A 2,000-row roster's sheet unpacks to 1-2 MB of XML; 1.8 million rows to 47 MB from a
# 115 KB file. No part of the file (sheet, shared strings) may unpack beyond this.
MAX_PART_BYTES = 8 * 1024 * 1024
MAX_COLUMNS = 100  # a roster has about a dozen; a sheet may claim 16,384
MAX_SHEET_ROWS = 10 * MAX_ROWS  # rows read at most, empty ones included
HEADING_SEARCH_ROWS = 10  # teachers often put a title or the school's name above the headings

# Column keys and the headings teachers use for them, in Vietnamese and English.
HEADINGS = {
    "full_name": ["họ và tên", "họ tên", "họ và tên học sinh", "tên học sinh", "full name",
                  "name", "pupil", "student name"],
    "gender": ["giới tính", "gender", "sex"],
    "birth_year": ["năm sinh", "year of birth", "birth year", "ngày sinh", "date of birth"],
    "grade": ["khối", "khối lớp", "grade", "year group"],
    "class_name": ["lớp", "class"],
    "member_code": ["mã thành viên", "mã số", "mã hội viên", "member code", "code"],
    "guardian_name": ["họ tên phụ huynh", "phụ huynh", "tên phụ huynh", "người giám hộ",
                      "guardian", "guardian name", "guardian's name", "parent"],
    "guardian_relationship": ["quan hệ", "quan hệ với học sinh", "relationship",
                              "guardian relationship", "guardian's relationship"],
    "guardian_phone": ["số điện thoại phụ huynh", "sđt phụ huynh", "điện thoại phụ huynh",
                       "sđt", "số điện thoại", "điện thoại", "guardian phone",
                       "guardian's phone", "phone"],
    "joined_on": ["ngày tham gia", "ngày vào clb", "joined", "date joined", "joined on"],
}

# File-level problems: the file cannot be read at all.
READ_MESSAGES = {
    "bad_file": _("The file could not be read as a spreadsheet. Save it as .xlsx or .csv."),
    "bad_extension": _("Only .xlsx and .csv files can be imported."),
    "too_big": _("The file is too large (at most 2 MB)."),
    "too_big_unpacked": _(
        "This spreadsheet holds far more than %(max)s rows once unpacked. Copy only the "
        "roster into a new file and upload that."
    ),
    "bad_encoding": _(
        "The CSV file is not in UTF-8. In Excel choose “CSV UTF-8”, or upload the .xlsx file."
    ),
    "empty": _("The file has no rows under its headings."),
    "too_many_sheet_rows": _(
        "The sheet goes on past row %(max)s, empty rows included. Delete the rows below "
        "the roster, or copy the roster into a new file."
    ),
}


def fold_heading(text: object) -> str:
    text = unicodedata.normalize("NFC", str(text or "")).strip().lower()
    return re.sub(r"[\s_]+", " ", text).rstrip(" :*")


HEADING_COLUMNS = {fold_heading(h): key for key, names in HEADINGS.items() for h in names}


def _refuse_zip_bomb(content: bytes) -> None:
    """A 2 MB .xlsx may unpack to gigabytes. Look at the sizes the zip declares (Python's
    zipfile never unpacks an entry beyond its declared size) before any XML is parsed:
    no part beyond MAX_PART_BYTES, nothing beyond MAX_UNPACKED_BYTES in all."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            sizes = [info.file_size for info in archive.infolist()]
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ClubError("bad_file", READ_MESSAGES["bad_file"]) from exc
    if sum(sizes) > MAX_UNPACKED_BYTES or max(sizes, default=0) > MAX_PART_BYTES:
        raise ClubError("too_big_unpacked", READ_MESSAGES["too_big_unpacked"] % {"max": MAX_ROWS})


def heading_columns(cells: Sequence[object]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, heading in enumerate(cells):
        key = HEADING_COLUMNS.get(fold_heading(heading))
        if key and key not in columns:
            columns[key] = index
    return columns


def _heading_row(rows: Sequence[Sequence[object]]) -> int:
    """Index of the heading row: the first of the top rows naming a full-name column."""
    for index, cells in enumerate(rows[:HEADING_SEARCH_ROWS]):
        if "full_name" in heading_columns(cells):
            return index
    return 0


def read_sheet(content: bytes, file_name: str) -> tuple[list, list[tuple[int, list]]]:
    """(headings, [(spreadsheet row number, cells), ...]) of the file's first sheet."""
    ext = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if ext not in ("xlsx", "csv"):
        raise ClubError("bad_extension", READ_MESSAGES["bad_extension"])
    if len(content) > MAX_BYTES:
        raise ClubError("too_big", READ_MESSAGES["too_big"])
    if ext == "xlsx":
        if not content.startswith(b"PK"):  # an .xlsx is a zip: refuse what is not one
            raise ClubError("bad_file", READ_MESSAGES["bad_file"])
        _refuse_zip_bomb(content)
        rows = _xlsx_rows(content)
        if not rows:
            raise ClubError("empty", READ_MESSAGES["empty"])
        top = _heading_row(rows)
        # Empty sheet rows are kept, so a row's index gives its number in Excel.
        return list(rows[top]), [(i + 1, list(r)) for i, r in enumerate(rows) if i > top]
    utf16 = content.startswith((b"\xff\xfe", b"\xfe\xff"))
    encoding = "utf-16" if utf16 else "utf-8-sig"
    try:
        text = content.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ClubError("bad_encoding", READ_MESSAGES["bad_encoding"]) from exc
    if "\x00" in text:
        raise ClubError("bad_file", READ_MESSAGES["bad_file"])
    lines = text.splitlines()
    if not lines:
        raise ClubError("empty", READ_MESSAGES["empty"])

    def delimiter_of(line: str) -> str:
        # Vietnamese Excel often saves with ";" (comma is the decimal separator).
        return ";" if line.count(";") > line.count(",") else ","

    # Only to find the heading line; tablib parses the file itself.
    top = _heading_row([line.split(delimiter_of(line)) for line in lines])
    try:
        dataset = tablib.Dataset().load(
            text, format="csv", delimiter=delimiter_of(lines[top]), skip_lines=top
        )
    except Exception as exc:
        raise ClubError("bad_file", READ_MESSAGES["bad_file"]) from exc
    # tablib drops blank lines: number the rows by the non-blank lines that remain (a
    # quoted cell spanning lines breaks this, so then count from the heading instead).
    numbers = [i + 1 for i, line in enumerate(lines) if i > top and line.strip()]
    if len(numbers) != len(dataset):
        numbers = [top + 2 + i for i in range(len(dataset))]
    return list(dataset.headers or []), list(zip(numbers, (list(r) for r in dataset),
                                                 strict=True))


def _xlsx_rows(content: bytes) -> list[tuple]:
    """The first sheet's rows (values, at most MAX_COLUMNS each; an empty row as ()),
    read as a stream (openpyxl's read-only mode) and no further than needed: reading
    stops once there are more non-empty rows than a heading search plus MAX_ROWS, which
    roster_import_preview then refuses as too_many_rows. A sheet running past
    MAX_SHEET_ROWS rows, empty ones included, is refused (too_many_sheet_rows). A
    1.8-million-row sheet is never read whole."""
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ClubError("bad_file", READ_MESSAGES["bad_file"]) from exc
    rows: list[tuple] = []
    filled = 0
    try:
        sheet = book.active
        # The <dimension> a file declares may be wrong (or a lie): read what is there.
        sheet.reset_dimensions()
        for values in sheet.iter_rows(max_row=MAX_SHEET_ROWS + 1, max_col=MAX_COLUMNS,
                                      values_only=True):
            if any(v is not None and str(v).strip() for v in values):
                filled += 1
                rows.append(values)
            else:
                rows.append(())  # kept for the numbering, without its empty cells
            if filled > HEADING_SEARCH_ROWS + MAX_ROWS or len(rows) > MAX_SHEET_ROWS:
                break
    except Exception as exc:
        raise ClubError("bad_file", READ_MESSAGES["bad_file"]) from exc
    finally:
        book.close()
    if len(rows) > MAX_SHEET_ROWS:
        raise ClubError("too_many_sheet_rows",
                        READ_MESSAGES["too_many_sheet_rows"] % {"max": MAX_SHEET_ROWS})
    while rows and not rows[-1]:
        rows.pop()  # rows formatted but empty below the roster
    return rows


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    # A cell our export made inert ('=..., '+84...) reads back as it was typed.
    return spreadsheet_text_read(unicodedata.normalize("NFC", str(value)).strip()).strip()


def parse_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


