"""Bulk import of nominees from a spreadsheet (XLSX/CSV), with a preview and an error per
row, reading files as the club roster import does (clubs.roster_read: size and zip-bomb
limits, heading row found, ";" or "," CSV). Nothing is written until staff confirm the
preview; the confirmed rows travel signed, so they cannot be altered in between."""

import datetime as dt
from dataclasses import dataclass, field

from django.core import signing
from django.db import transaction
from django.utils import timezone

from clubs.roster_read import cell_text, fold_heading, parse_date, read_sheet
from clubs.services import ClubError
from places.models import Commune
from training import selectors, services
from training.errors import MESSAGES, TrainingError
from training.models import Enrolment, TrainingClass

HEADINGS = {
    "full_name": ["họ và tên", "họ tên", "full name"],
    "date_of_birth": ["ngày sinh", "date of birth"],
    "organisation": ["cơ quan", "đơn vị", "organisation"],
    "position": ["chức vụ", "position"],
    "commune": ["phường, xã", "phường/xã", "xã/phường", "phường xã", "ward or commune"],
    "phone": ["điện thoại", "số điện thoại", "phone"],
    "email": ["email", "e-mail"],
}
_KEYS = {fold_heading(h): key for key, names in HEADINGS.items() for h in names}
SALT = "training.nominee-import"


@dataclass
class NomineeRow:
    line: int
    values: dict
    errors: list[str] = field(default_factory=list)


def _row_details(values: dict, communes: dict) -> services.ApplicantDetails:
    born = parse_date(values.get("date_of_birth"))
    commune = communes.get(fold_heading(values.get("commune", "")))
    if born is None:
        raise TrainingError("date_of_birth_impossible")
    if commune is None:
        raise TrainingError("commune_unknown", name=values.get("commune", ""))
    details = services.ApplicantDetails(
        full_name=values.get("full_name", ""), date_of_birth=born,
        organisation=values.get("organisation", ""), position=values.get("position", ""),
        phone=values.get("phone", ""), email=values.get("email", ""), commune=commune)
    if not details.full_name:
        raise TrainingError("name_missing")
    return services._check_details(details, today=timezone.localdate())


def nominees_preview(*, training_class: TrainingClass, file_name: str,
                     content: bytes) -> list[NomineeRow]:
    """Every row with its errors: unknown ward, impossible date of birth, no contact, the
    same person twice in the file or already in the class."""
    try:
        headings, rows = read_sheet(content, file_name)
    except ClubError as error:
        raise TrainingError("import_file", reason=str(error.message)) from error
    columns = {}
    for index, heading in enumerate(headings):
        key = _KEYS.get(fold_heading(cell_text(heading)))
        if key and key not in columns:
            columns[key] = index
    if "full_name" not in columns or "date_of_birth" not in columns:
        raise TrainingError("import_columns")
    communes = {fold_heading(c.name): c for c in Commune.objects.current()}
    seen: set[tuple] = set()
    result = []
    for line, cells in rows:
        values = {key: cell_text(cells[i]) if i < len(cells) else "" for key, i in columns.items()}
        if not any(values.values()):
            continue
        row = NomineeRow(line=line, values=values)
        try:
            details = _row_details(values, communes)
        except TrainingError as error:
            row.errors.append(error.message)
        else:
            keys = {(details.date_of_birth, c) for c in (details.phone, details.email) if c}
            if keys & seen:
                row.errors.append(str(MESSAGES["duplicate_in_file"]))
            seen |= keys
            known = selectors.participant_match(date_of_birth=details.date_of_birth,
                                                phone=details.phone, email=details.email)
            if known is not None and Enrolment.objects.filter(
                    training_class=training_class, participant=known).exists():
                row.errors.append(str(MESSAGES["duplicate_in_class"]))
        result.append(row)
    return result


def rows_sign(rows: list[NomineeRow]) -> str:
    return signing.dumps([r.values for r in rows if not r.errors], salt=SALT)


def nominees_import(*, training_class: TrainingClass, signed: str, actor) -> int:
    """Nominate the previewed rows, all or nothing."""
    try:
        rows = signing.loads(signed, salt=SALT, max_age=dt.timedelta(hours=6))
    except signing.BadSignature as error:
        raise TrainingError("import_expired") from error
    communes = {fold_heading(c.name): c for c in Commune.objects.current()}
    with transaction.atomic():
        for values in rows:
            services.enrolment_nominate(training_class=training_class, actor=actor,
                                        details=_row_details(values, communes))
    return len(rows)
