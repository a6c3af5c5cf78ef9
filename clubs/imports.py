"""Roster spreadsheets in and out (XLSX and CSV through tablib, never by hand).

Reading happens in two steps. ``roster_import_preview`` reads and checks every row and
stores the cleaned rows and every problem on the server (RosterImport); nothing touches
the roster. ``roster_import_confirm`` writes all rows in one transaction after checking
them again against the database, or writes nothing.

Problems are stored as codes and parameters and translated when shown, so the preview
reads in whichever language the leader switches to.
"""

import io
import logging
import re
import unicodedata
import zipfile
from datetime import date, datetime, timedelta

import openpyxl
import tablib
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clubs.collation import name_sort_key
from clubs.models import Club, MemberCard, Membership, Pupil, RecordAccess, RosterImport
from clubs.selectors import consent_ok_pupil_ids
from clubs.services import ClubError, member_codes_new, membership_opening
from clubs.text import fold, spreadsheet_text, spreadsheet_text_read

logger = logging.getLogger(__name__)

MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# A 2,000-row roster's sheet unpacks to 1-2 MB of XML; 1.8 million rows to 47 MB from a
# 115 KB file. No part of the file (sheet, shared strings) may unpack beyond this.
MAX_PART_BYTES = 8 * 1024 * 1024
MAX_COLUMNS = 100  # a roster has about a dozen; a sheet may claim 16,384
MAX_SHEET_ROWS = 10 * MAX_ROWS  # rows read at most, empty ones included
# A pending import holds children's data outside the roster: it lapses after a day.
PENDING_LIFETIME = timedelta(days=1)

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
COLUMN_LABELS = {
    "full_name": _("Full name"),
    "gender": _("Gender"),
    "birth_year": _("Year of birth"),
    "grade": _("Grade"),
    "class_name": _("Class"),
    "member_code": _("Member code"),
    "guardian_name": _("Guardian's name"),
    "guardian_relationship": _("Guardian's relationship"),
    "guardian_phone": _("Guardian's phone"),
    "joined_on": _("Joined"),
    "file": _("File"),
}
EXPORT_HEADINGS = ["Mã thành viên", "Họ và tên", "Giới tính", "Năm sinh", "Khối", "Lớp",
                   "Họ tên phụ huynh", "Quan hệ", "Số điện thoại phụ huynh", "Ngày tham gia",
                   "Trạng thái"]
GENDERS = {"nam": "male", "male": "male", "m": "male", "nữ": "female", "nu": "female",
           "female": "female", "f": "female", "khác": "other", "other": "other"}

# Problem codes -> messages. Errors block the import; warnings ask for a second look.
MESSAGES = {
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
    "too_many_rows": _("The file has more than %(max)s rows; split it."),
    "missing_column": _("The column “%(column)s” is missing (e.g. “%(example)s”)."),
    "missing_grade_or_class": _("Add a “Khối” (grade) or a “Lớp” (class) column."),
    "required": _("This cell is empty but required."),
    "bad_year": _("“%(value)s” is not a year of birth."),
    "future_year": _("The year of birth %(value)s is in the future."),
    "implausible_age": _("A pupil born in %(value)s would be %(age)s this year."),
    "bad_grade": _("“%(value)s” is not a grade from 1 to 12."),
    "grade_class_mismatch": _("Grade %(grade)s does not match class %(value)s."),
    "bad_gender": _("“%(value)s” is not a gender (Nam, Nữ, Khác)."),
    "bad_date": _("“%(value)s” is not a date (use dd/mm/yyyy)."),
    "future_date": _("The date %(value)s is in the future."),
    "too_long": _("This cell is longer than %(max)s characters."),
    "code_repeated": _("Member code %(value)s is also on row %(other)s."),
    "code_taken": _("Member code %(value)s already belongs to another pupil."),
    "already_active": _("%(value)s is already an active member of this club."),
    "likely_duplicate_file": _("Same name, class and school as row %(other)s."),
    "likely_duplicate_club": _(
        "Same name, class and school as current member %(value)s: probably already here."
    ),
    "stale": _("The roster changed since the preview; upload the file again."),
    "expired": _("This preview is more than a day old; upload the file again."),
}
WARNING_CODES = {"likely_duplicate_file", "likely_duplicate_club"}


def problem_message(problem: dict) -> str:
    return str(MESSAGES[problem["code"]]) % problem.get("params", {})


def column_label(column: str) -> str:
    return str(COLUMN_LABELS.get(column, column))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text or "")).strip().lower()
    return re.sub(r"[\s_]+", " ", text).rstrip(" :*")


_HEADING_KEYS = {_fold(h): key for key, names in HEADINGS.items() for h in names}


def _name_key(name: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip().casefold()


def _refuse_zip_bomb(content: bytes) -> None:
    """A 2 MB .xlsx may unpack to gigabytes. Look at the sizes the zip declares (Python's
    zipfile never unpacks an entry beyond its declared size) before any XML is parsed:
    no part beyond MAX_PART_BYTES, nothing beyond MAX_UNPACKED_BYTES in all."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            sizes = [info.file_size for info in archive.infolist()]
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ClubError("bad_file", MESSAGES["bad_file"]) from exc
    if sum(sizes) > MAX_UNPACKED_BYTES or max(sizes, default=0) > MAX_PART_BYTES:
        raise ClubError("too_big_unpacked", MESSAGES["too_big_unpacked"] % {"max": MAX_ROWS})


HEADING_SEARCH_ROWS = 10  # teachers often put a title or the school's name above the headings


def _heading_keys(cells) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, heading in enumerate(cells):
        key = _HEADING_KEYS.get(_fold(heading))
        if key and key not in columns:
            columns[key] = index
    return columns


def _heading_row(rows) -> int:
    """Index of the heading row: the first of the top rows naming a full-name column."""
    for index, cells in enumerate(rows[:HEADING_SEARCH_ROWS]):
        if "full_name" in _heading_keys(cells):
            return index
    return 0


def _read(content: bytes, file_name: str) -> tuple[list, list[tuple[int, list]]]:
    """(headings, [(spreadsheet row number, cells), ...]) of the file's first sheet."""
    ext = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if ext not in ("xlsx", "csv"):
        raise ClubError("bad_extension", MESSAGES["bad_extension"])
    if len(content) > MAX_BYTES:
        raise ClubError("too_big", MESSAGES["too_big"])
    if ext == "xlsx":
        if not content.startswith(b"PK"):  # an .xlsx is a zip: refuse what is not one
            raise ClubError("bad_file", MESSAGES["bad_file"])
        _refuse_zip_bomb(content)
        rows = _xlsx_rows(content)
        if not rows:
            raise ClubError("empty", MESSAGES["empty"])
        top = _heading_row(rows)
        # Empty sheet rows are kept, so a row's index gives its number in Excel.
        return list(rows[top]), [(i + 1, list(r)) for i, r in enumerate(rows) if i > top]
    utf16 = content.startswith((b"\xff\xfe", b"\xfe\xff"))
    encoding = "utf-16" if utf16 else "utf-8-sig"
    try:
        text = content.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ClubError("bad_encoding", MESSAGES["bad_encoding"]) from exc
    if "\x00" in text:
        raise ClubError("bad_file", MESSAGES["bad_file"])
    lines = text.splitlines()
    if not lines:
        raise ClubError("empty", MESSAGES["empty"])

    def delimiter_of(line):
        # Vietnamese Excel often saves with ";" (comma is the decimal separator).
        return ";" if line.count(";") > line.count(",") else ","

    # Only to find the heading line; tablib parses the file itself.
    top = _heading_row([line.split(delimiter_of(line)) for line in lines])
    try:
        dataset = tablib.Dataset().load(
            text, format="csv", delimiter=delimiter_of(lines[top]), skip_lines=top
        )
    except Exception as exc:
        raise ClubError("bad_file", MESSAGES["bad_file"]) from exc
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
        raise ClubError("bad_file", MESSAGES["bad_file"]) from exc
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
        raise ClubError("bad_file", MESSAGES["bad_file"]) from exc
    finally:
        book.close()
    if len(rows) > MAX_SHEET_ROWS:
        raise ClubError("too_many_sheet_rows",
                        MESSAGES["too_many_sheet_rows"] % {"max": MAX_SHEET_ROWS})
    while rows and not rows[-1]:
        rows.pop()  # rows formatted but empty below the roster
    return rows


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    # A cell our export made inert ('=..., '+84...) reads back as it was typed.
    return spreadsheet_text_read(unicodedata.normalize("NFC", str(value)).strip()).strip()


def _parse_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _cell(value)
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


MAX_LENGTHS = {"full_name": 150, "class_name": 20, "member_code": 20, "guardian_name": 150,
               "guardian_relationship": 50, "guardian_phone": 20}


def _clean_row(raw: dict, *, today: date, add) -> dict:
    row = {}
    name = re.sub(r"\s+", " ", _cell(raw.get("full_name")))
    if not name:
        add("full_name", "required")
    row["full_name"] = name
    for key, limit in MAX_LENGTHS.items():
        if key == "full_name":
            value = name
        else:
            value = _cell(raw.get(key))
            if key == "guardian_phone" and re.fullmatch(r"[1-9]\d{8}", value):
                # Excel stores 0907123456 typed in a number cell as 907123456.
                value = "0" + value
            row[key] = value
        if len(value) > limit:
            add(key, "too_long", max=limit)
    # Year of birth: a year, or a full date of birth of which only the year is kept.
    year_raw = raw.get("birth_year")
    year_text = _cell(year_raw)
    year = None
    if not year_text:
        add("birth_year", "required")
    elif re.fullmatch(r"\d{4}", year_text):
        year = int(year_text)
    elif (parsed := _parse_date(year_raw)) is not None:
        year = parsed.year
    else:
        add("birth_year", "bad_year", value=year_text)
    if year is not None:
        if year > today.year:
            add("birth_year", "future_year", value=year)
            year = None
        elif not 5 <= today.year - year <= 25:
            add("birth_year", "implausible_age", value=year, age=today.year - year)
            year = None
    row["birth_year"] = year
    # Grade: given, or read from a class like "8A1".
    grade_text = _cell(raw.get("grade"))
    class_grade = re.match(r"(\d{1,2})", row["class_name"])
    grade = None
    if grade_text:
        if grade_text.isdigit() and 1 <= int(grade_text) <= 12:
            grade = int(grade_text)
            if class_grade and int(class_grade.group(1)) != grade:
                add("class_name", "grade_class_mismatch", value=row["class_name"], grade=grade)
        else:
            add("grade", "bad_grade", value=grade_text)
    elif class_grade and 1 <= int(class_grade.group(1)) <= 12:
        grade = int(class_grade.group(1))
    else:
        add("grade", "required")
    row["grade"] = grade
    gender_text = _cell(raw.get("gender"))
    row["gender"] = ""
    if gender_text:
        gender = GENDERS.get(gender_text.lower())
        if gender is None:
            add("gender", "bad_gender", value=gender_text)
        else:
            row["gender"] = gender
    joined_raw = raw.get("joined_on")
    row["joined_on"] = today.isoformat()
    if _cell(joined_raw):
        joined = _parse_date(joined_raw)
        if joined is None:
            add("joined_on", "bad_date", value=_cell(joined_raw))
        elif joined > today:
            add("joined_on", "future_date", value=joined.strftime("%d/%m/%Y"))
        else:
            row["joined_on"] = joined.isoformat()
    return row


def _check_against_club(club: Club, rows: list[dict], add_for) -> None:
    """Problems that depend on the database: codes in use, members already here."""
    codes = {r["member_code"] for r in rows if r["member_code"]}
    owners = dict(Pupil.objects.filter(member_code__in=codes).values_list("member_code", "pk"))
    active_here = dict(
        # Open memberships: active, or awaiting consent.
        Membership.objects.filter(club=club, status__in=Membership.OPEN_STATUSES).values_list(
            "pupil_id", "pupil__member_code"
        )
    )
    by_name_class = {}
    for full_name, class_name, code in Pupil.objects.filter(
        memberships__club=club, memberships__status__in=Membership.OPEN_STATUSES
    ).values_list("full_name", "class_name", "member_code"):
        by_name_class[(_name_key(full_name), class_name.casefold())] = code
    for row in rows:
        code = row["member_code"]
        if code and code in owners:
            if owners[code] in active_here:
                add_for(row, "member_code", "already_active", value=code)
            else:
                add_for(row, "member_code", "code_taken", value=code)
        key = (_name_key(row["full_name"]), row["class_name"].casefold())
        if key in by_name_class and not (code and code in owners):
            add_for(row, "full_name", "likely_duplicate_club", value=by_name_class[key])


def roster_import_preview(*, club: Club, by, file_name: str, content: bytes) -> RosterImport:
    """Read and check a roster file; store rows and problems for the preview. Writes no
    pupil or membership. File-level problems (unreadable file, wrong encoding, missing
    columns) raise ClubError with codes bad_extension, too_big, bad_file, bad_encoding,
    empty, too_many_rows, missing_column, missing_grade_or_class."""
    today = timezone.localdate()
    roster_imports_lapse()
    headers, numbered_rows = _read(content, file_name)
    columns = _heading_keys(headers)
    for key in ("full_name", "birth_year"):
        if key not in columns:
            raise ClubError(
                "missing_column",
                MESSAGES["missing_column"]
                % {"column": column_label(key), "example": HEADINGS[key][0].capitalize()},
            )
    if "grade" not in columns and "class_name" not in columns:
        raise ClubError("missing_grade_or_class", MESSAGES["missing_grade_or_class"])
    numbered_rows = [(n, r) for n, r in numbered_rows if any(_cell(v) for v in r)]
    if not numbered_rows:
        raise ClubError("empty", MESSAGES["empty"])
    if len(numbered_rows) > MAX_ROWS:
        raise ClubError("too_many_rows", MESSAGES["too_many_rows"] % {"max": MAX_ROWS})

    problems: list[dict] = []
    rows: list[dict] = []
    # Row numbers as the teacher sees them in the spreadsheet.
    for line, values in numbered_rows:
        raw = {k: values[i] if i < len(values) else None for k, i in columns.items()}

        def add(column, code, _line=line, **params):
            problems.append({"row": _line, "column": column, "code": code, "params": params})

        row = _clean_row(raw, today=today, add=add)
        row["line"] = line
        rows.append(row)

    seen_codes: dict[str, int] = {}
    seen_names: dict[tuple, int] = {}
    for row in rows:
        code = row["member_code"]
        if code:
            if code in seen_codes:
                problems.append({"row": row["line"], "column": "member_code",
                                 "code": "code_repeated",
                                 "params": {"value": code, "other": seen_codes[code]}})
            else:
                seen_codes[code] = row["line"]
        key = (_name_key(row["full_name"]), row["class_name"].casefold())
        if row["full_name"]:
            if key in seen_names:
                problems.append({"row": row["line"], "column": "full_name",
                                 "code": "likely_duplicate_file",
                                 "params": {"other": seen_names[key]}})
            else:
                seen_names[key] = row["line"]

    def add_for(row, column, code, **params):
        problems.append({"row": row["line"], "column": column, "code": code, "params": params})

    _check_against_club(club, rows, add_for)
    problems.sort(key=lambda p: (p["row"], p["column"]))
    roster_import = RosterImport.objects.create(
        club=club, created_by=by, file_name=file_name[:200], rows=rows, problems=problems
    )
    # Counts only: the file's name and rows may name children.
    logger.info(
        "roster import %s read for club %s by user %s: %d rows, %d problems",
        roster_import.pk, club.pk, getattr(by, "pk", None), len(rows), len(problems),
    )
    return roster_import


def import_errors(roster_import: RosterImport) -> list[dict]:
    return [p for p in roster_import.problems if p["code"] not in WARNING_CODES]


def import_warnings(roster_import: RosterImport) -> list[dict]:
    return [p for p in roster_import.problems if p["code"] in WARNING_CODES]


def refused_lines(roster_import: RosterImport) -> set[int]:
    """The file's rows that have an error (not only a likely-duplicate warning)."""
    return {p["row"] for p in import_errors(roster_import)}


def roster_import_confirm(
    *, roster_import: RosterImport, by, duplicates_ok: bool, valid_only: bool = False
) -> int:
    """Write every previewed row (pupil, active membership, card) or none; with
    valid_only (the leader's explicit choice, never the default), the rows without an
    error, when there is at least one (code nothing_valid otherwise).

    Locks the import row, so a double-clicked confirm imports once. Checks the rows
    again against the database, since the roster may have changed since the preview.
    Codes: not_pending, expired, has_errors, duplicates_unconfirmed, stale.
    """
    with transaction.atomic():
        locked = RosterImport.objects.select_for_update().select_related("club").get(
            pk=roster_import.pk
        )
        if locked.status != RosterImport.Status.PENDING:
            raise ClubError("not_pending", _("This import was already confirmed or discarded."))
        if locked.created_at < timezone.now() - PENDING_LIFETIME:
            raise ClubError("expired", MESSAGES["expired"])
        refused = refused_lines(locked)
        if refused and not valid_only:
            raise ClubError("has_errors", _("Correct the errors in the file and upload it again."))
        rows = [r for r in locked.rows if r["line"] not in refused]
        if not rows:
            raise ClubError("nothing_valid", _("No row of this file can be imported."))
        if any(p["row"] not in refused for p in import_warnings(locked)) and not duplicates_ok:
            raise ClubError(
                "duplicates_unconfirmed", _("Tick the box to confirm the likely duplicates.")
            )
        fresh: list[dict] = []
        _check_against_club(
            locked.club, rows,
            lambda row, column, code, **params: fresh.append({"code": code}),
        )
        if any(p["code"] not in WARNING_CODES for p in fresh):
            raise ClubError("stale", MESSAGES["stale"])
        today = timezone.localdate()
        new_codes = iter(member_codes_new(
            count=sum(1 for r in rows if not r["member_code"]), year=today.year
        ))
        pupils = Pupil.objects.bulk_create([
            Pupil(
                full_name=r["full_name"], search_name=fold(r["full_name"]),
                sort_key=name_sort_key(r["full_name"]),
                gender=r["gender"], birth_year=r["birth_year"],
                school_id=locked.club.school_id, grade=r["grade"], class_name=r["class_name"],
                guardian_name=r["guardian_name"],
                guardian_relationship=r["guardian_relationship"],
                guardian_phone=r["guardian_phone"],
                member_code=r["member_code"] or next(new_codes),
            )
            for r in rows
        ])
        if any(p.pk is None for p in pupils):  # databases that do not return ids
            by_code = dict(
                Pupil.objects.filter(member_code__in=[p.member_code for p in pupils])
                .values_list("member_code", "pk")
            )
            for p in pupils:
                p.pk = by_code[p.member_code]
        # Pupils under 16 (new, so without consent) wait for it: pending, not active.
        may_take_part = consent_ok_pupil_ids(pupil_ids=[p.pk for p in pupils], on_date=today)
        Membership.objects.bulk_create([
            Membership(pupil_id=p.pk, club_id=locked.club_id, joined_on=joined,
                       **membership_opening(may_take_part=p.pk in may_take_part,
                                            joined_on=joined))
            for p, r in zip(pupils, rows, strict=True)
            for joined in [date.fromisoformat(r["joined_on"])]
        ])
        MemberCard.objects.bulk_create([MemberCard(pupil_id=p.pk) for p in pupils])
        RecordAccess.objects.bulk_create([
            RecordAccess(pupil_id=p.pk, user=by, action=RecordAccess.Action.EDIT,
                         detail="imported")
            for p in pupils
        ])
        locked.status = RosterImport.Status.DONE
        locked.imported_count = len(pupils)
        locked.finished_at = timezone.now()
        locked.rows = []  # the roster holds them now; no second copy of children's data
        locked.save(update_fields=["status", "imported_count", "finished_at", "rows"])
    logger.info(
        "roster import %s confirmed for club %s by user %s: %d pupils added",
        locked.pk, locked.club_id, getattr(by, "pk", None), locked.imported_count,
    )
    return locked.imported_count


def roster_imports_lapse() -> int:
    """Drop the rows of pending imports older than a day (nobody confirmed them)."""
    return RosterImport.objects.filter(
        status=RosterImport.Status.PENDING, created_at__lt=timezone.now() - PENDING_LIFETIME
    ).update(status=RosterImport.Status.DISCARDED, rows=[], finished_at=timezone.now())


def roster_import_discard(*, roster_import: RosterImport) -> None:
    RosterImport.objects.filter(pk=roster_import.pk, status=RosterImport.Status.PENDING).update(
        status=RosterImport.Status.DISCARDED, rows=[], finished_at=timezone.now()
    )


def roster_export(*, rows, file_format: str) -> bytes:
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
