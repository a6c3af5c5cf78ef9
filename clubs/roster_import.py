"""The roster import, in two steps. ``roster_import_preview`` reads and checks every row
and stores the cleaned rows and every problem on the server (RosterImport); nothing touches
the roster. ``roster_import_confirm`` writes all rows in one transaction after checking
them again against the database, or writes nothing.

Problems are stored as codes and parameters and translated when shown, so the preview
reads in whichever language the leader switches to. The file itself is read by
clubs.roster_read; roster spreadsheets out are clubs.roster_write.
"""

import logging
import re
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from clubs.collation import name_sort_key
from clubs.models import Club, MemberCard, Membership, Pupil, RecordAccess, RosterImport
from clubs.roster_read import (
    HEADINGS,
    MAX_ROWS,
    READ_MESSAGES,
    cell_text,
    heading_columns,
    parse_date,
    read_sheet,
)
from clubs.selectors import consent_ok_pupil_ids
from clubs.services import ClubError, member_codes_new, membership_opening
from clubs.text import fold

logger = logging.getLogger(__name__)

# A pending import holds children's data outside the roster: it lapses after a day.
PENDING_LIFETIME = timedelta(days=1)

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
GENDERS = {"nam": "male", "male": "male", "m": "male", "nữ": "female", "nu": "female",
           "female": "female", "f": "female", "khác": "other", "other": "other"}

# Problem codes -> messages. Errors block the import; warnings ask for a second look.
MESSAGES = {
    **READ_MESSAGES,
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


def _name_key(name: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip().casefold()


MAX_LENGTHS = {"full_name": 150, "class_name": 20, "member_code": 20, "guardian_name": 150,
               "guardian_relationship": 50, "guardian_phone": 20}


def _clean_row(raw: dict, *, today: date, add: Callable[..., None]) -> dict:
    row: dict[str, Any] = {}
    name = re.sub(r"\s+", " ", cell_text(raw.get("full_name")))
    if not name:
        add("full_name", "required")
    row["full_name"] = name
    for key, limit in MAX_LENGTHS.items():
        if key == "full_name":
            value = name
        else:
            value = cell_text(raw.get(key))
            if key == "guardian_phone" and re.fullmatch(r"[1-9]\d{8}", value):
                # Excel stores 0907123456 typed in a number cell as 907123456.
                value = "0" + value
            row[key] = value
        if len(value) > limit:
            add(key, "too_long", max=limit)
    # Year of birth: a year, or a full date of birth of which only the year is kept.
    year_raw = raw.get("birth_year")
    year_text = cell_text(year_raw)
    year = None
    if not year_text:
        add("birth_year", "required")
    elif re.fullmatch(r"\d{4}", year_text):
        year = int(year_text)
    elif (parsed := parse_date(year_raw)) is not None:
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
    grade_text = cell_text(raw.get("grade"))
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
    gender_text = cell_text(raw.get("gender"))
    row["gender"] = ""
    if gender_text:
        gender = GENDERS.get(gender_text.lower())
        if gender is None:
            add("gender", "bad_gender", value=gender_text)
        else:
            row["gender"] = gender
    joined_raw = raw.get("joined_on")
    row["joined_on"] = today.isoformat()
    if cell_text(joined_raw):
        joined = parse_date(joined_raw)
        if joined is None:
            add("joined_on", "bad_date", value=cell_text(joined_raw))
        elif joined > today:
            add("joined_on", "future_date", value=joined.strftime("%d/%m/%Y"))
        else:
            row["joined_on"] = joined.isoformat()
    return row


def _check_against_club(club: Club, rows: list[dict], add_for: Callable[..., None]) -> None:
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


def roster_import_preview(*, club: Club, by: User | None, file_name: str,
                          content: bytes) -> RosterImport:
    """Read and check a roster file; store rows and problems for the preview. Writes no
    pupil or membership. File-level problems (unreadable file, wrong encoding, missing
    columns) raise ClubError with codes bad_extension, too_big, bad_file, bad_encoding,
    empty, too_many_rows, missing_column, missing_grade_or_class."""
    today = timezone.localdate()
    roster_imports_lapse()
    headers, numbered_rows = read_sheet(content, file_name)
    columns = heading_columns(headers)
    for key in ("full_name", "birth_year"):
        if key not in columns:
            raise ClubError(
                "missing_column",
                MESSAGES["missing_column"]
                % {"column": column_label(key), "example": HEADINGS[key][0].capitalize()},
            )
    if "grade" not in columns and "class_name" not in columns:
        raise ClubError("missing_grade_or_class", MESSAGES["missing_grade_or_class"])
    numbered_rows = [(n, r) for n, r in numbered_rows if any(cell_text(v) for v in r)]
    if not numbered_rows:
        raise ClubError("empty", MESSAGES["empty"])
    if len(numbered_rows) > MAX_ROWS:
        raise ClubError("too_many_rows", MESSAGES["too_many_rows"] % {"max": MAX_ROWS})

    problems: list[dict] = []
    rows: list[dict] = []
    # Row numbers as the teacher sees them in the spreadsheet.
    for line, values in numbered_rows:
        raw = {k: values[i] if i < len(values) else None for k, i in columns.items()}

        def add(column: str, code: str, _line: int = line, **params: object) -> None:
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
        name_key = (_name_key(row["full_name"]), row["class_name"].casefold())
        if row["full_name"]:
            if name_key in seen_names:
                problems.append({"row": row["line"], "column": "full_name",
                                 "code": "likely_duplicate_file",
                                 "params": {"other": seen_names[name_key]}})
            else:
                seen_names[name_key] = row["line"]

    def add_for(row: dict, column: str, code: str, **params: object) -> None:
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
    *, roster_import: RosterImport, by: User | None, duplicates_ok: bool,
    valid_only: bool = False,
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


