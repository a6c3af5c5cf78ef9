"""Schools from a spreadsheet (XLSX or CSV): name, level, ward/commune, and optionally
the province (default: the centre's, from its profile).

``school_import_preview`` reads and checks every row against today's units and the
schools already stored, and returns the rows with their problems; nothing is written.
When no row has a problem the preview carries a signed copy of the cleaned rows, and
``school_import_confirm`` checks them again and writes them all in one transaction, or
none. A school already stored under the same name is updated, never duplicated.
"""

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import NoReturn

import tablib
from django.core import signing
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from clubs.models import School
from clubs.services import ClubError
from places.models import Commune, Province

MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
SIGNING_SALT = "clubs.school_import"
PREVIEW_MAX_AGE = 24 * 3600

HEADINGS = {
    "name": ["ten truong", "truong", "school", "school name", "name", "ten"],
    "level": ["cap", "cap hoc", "level", "bac hoc"],
    "commune": ["phuong/xa", "phuong xa", "phuong, xa", "xa/phuong", "xa phuong", "phuong",
                "xa", "ward", "commune", "ward/commune", "ward or commune"],
    "province": ["tinh/thanh pho", "tinh thanh pho", "tinh", "thanh pho", "province"],
}
LEVELS = {
    "thcs": School.Level.LOWER_SECONDARY, "trung hoc co so": School.Level.LOWER_SECONDARY,
    "lower secondary": School.Level.LOWER_SECONDARY,
    "lower_secondary": School.Level.LOWER_SECONDARY,
    "thpt": School.Level.UPPER_SECONDARY, "trung hoc pho thong": School.Level.UPPER_SECONDARY,
    "upper secondary": School.Level.UPPER_SECONDARY,
    "upper_secondary": School.Level.UPPER_SECONDARY,
}
UNIT_PREFIXES = ("phuong ", "xa ", "dac khu ", "thi tran ", "tinh ", "thanh pho ")

MESSAGES = {
    "bad_extension": _("Choose an .xlsx or .csv file."),
    "too_big": _("The file is too large (at most 2 MB and 2,000 rows)."),
    "bad_file": _("The file cannot be read as a spreadsheet."),
    "bad_encoding": _("The CSV file is not UTF-8: save it as “CSV UTF-8” and try again."),
    "empty": _("The file has no rows."),
    "no_name_column": _("No column of school names (“Tên trường”) was found."),
    "stale": _("The preview is out of date or was altered; upload the file again."),
    "changed": _("Units or schools changed since the preview; upload the file again."),
}


def _fold(text) -> str:
    text = unicodedata.normalize("NFD", str(text or "").strip().lower()).replace("đ", "d")
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return " ".join(text.replace("_", " ").split()).rstrip(" :*")


def _bare(text) -> str:
    """A unit name without its kind: “Phường Cái Khế” and “cai khe” compare equal."""
    folded = _fold(text)
    for prefix in UNIT_PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix):]
    return folded


def _refuse(code: str) -> NoReturn:
    raise ClubError(code, MESSAGES[code])


def _rows(content: bytes, file_name: str) -> list[list]:
    ext = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if ext not in ("xlsx", "csv"):
        _refuse("bad_extension")
    if len(content) > MAX_BYTES:
        _refuse("too_big")
    if ext == "xlsx":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED_BYTES:
                    _refuse("too_big")
            return [list(r) for r in tablib.Dataset().load(content, format="xlsx",
                                                           headers=False)]
        except ClubError:
            raise
        except Exception as exc:  # zipfile and openpyxl raise many kinds for a bad file
            raise ClubError("bad_file", MESSAGES["bad_file"]) from exc
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ClubError("bad_encoding", MESSAGES["bad_encoding"]) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        dataset = tablib.Dataset().load(text, format="csv", delimiter=delimiter,
                                        headers=False)
    except Exception as exc:
        raise ClubError("bad_file", MESSAGES["bad_file"]) from exc
    return [list(r) for r in dataset]


@dataclass
class SchoolRow:
    line: int
    name: str
    level_text: str
    commune_text: str
    province_text: str
    level: str = ""
    province: Province | None = None
    commune: Commune | None = None
    existing: School | None = None
    problems: list = field(default_factory=list)

    @property
    def action(self):
        return _("update") if self.existing else _("new")


@dataclass
class SchoolImportPreview:
    rows: list
    payload: str = ""

    @property
    def problems(self) -> list:
        return [(row.line, p) for row in self.rows for p in row.problems]


class _Units:
    """Today's provinces and communes, read once for the whole file."""

    def __init__(self):
        self.provinces = list(Province.objects.current())
        self.communes = {}
        for commune in Commune.objects.current().select_related("province"):
            self.communes.setdefault(_bare(commune.name), []).append(commune)

    def province(self, text: str):
        key = _bare(text)
        return next((p for p in self.provinces
                     if key in (p.code, _bare(p.name), _fold(p.short_name))), None)


def _check(row: SchoolRow, units: _Units, default_province) -> None:
    if not row.name:
        row.problems.append(_("The school's name is missing."))
    row.level = LEVELS.get(_fold(row.level_text), "")
    if not row.level:
        row.problems.append(_("Level “%(level)s” is unknown: write THCS or THPT.")
                            % {"level": row.level_text})
    row.province = units.province(row.province_text) if row.province_text else default_province
    if row.province is None:
        row.problems.append(
            _("Province “%(province)s” is unknown.") % {"province": row.province_text}
            if row.province_text else
            _("No province: add a province column or set the centre's province."))
        return
    if not row.commune_text:
        row.problems.append(_("The ward or commune is missing."))
        return
    candidates = units.communes.get(_bare(row.commune_text), [])
    here = [c for c in candidates if c.province_id == row.province.pk]
    exact = [c for c in here if _fold(c.name) == _fold(row.commune_text)]
    if len(here) == 1 or len(exact) == 1:
        row.commune = exact[0] if len(exact) == 1 else here[0]
    elif here:
        row.problems.append(_("“%(commune)s” is ambiguous: write “Phường …” or “Xã …”.")
                            % {"commune": row.commune_text})
    elif candidates:
        row.problems.append(
            _("“%(commune)s” is in %(other)s, not in %(province)s.")
            % {"commune": row.commune_text, "other": candidates[0].province.name,
               "province": row.province.name})
    else:
        row.problems.append(_("%(province)s has no ward or commune “%(commune)s”.")
                            % {"commune": row.commune_text, "province": row.province.name})


def school_import_preview(*, content: bytes, file_name: str,
                          default_province=None) -> SchoolImportPreview:
    """Read and check a file of schools; writes nothing. Raises ClubError for a file that
    cannot be read at all (codes in MESSAGES); row problems are on the rows."""
    rows = _rows(content, file_name)
    if not rows:
        _refuse("empty")
    columns = {}
    for index, heading in enumerate(rows[0]):
        key = next((k for k, names in HEADINGS.items() if _fold(heading) in names), None)
        if key and key not in columns:
            columns[key] = index
    if "name" not in columns:
        _refuse("no_name_column")
    body = [(n, r) for n, r in enumerate(rows[1:], start=2)
            if any(str(c or "").strip() for c in r)]
    if not body:
        _refuse("empty")
    if len(body) > MAX_ROWS:
        _refuse("too_big")

    def cell(record, key):
        index = columns.get(key)
        return " ".join(str(record[index] or "").split()) if index is not None \
            and index < len(record) else ""

    units = _Units()
    existing = {_fold(s.name): s for s in School.objects.all()}
    seen: dict[str, int] = {}
    checked = []
    for line, record in body:
        row = SchoolRow(line=line, name=cell(record, "name"), level_text=cell(record, "level"),
                        commune_text=cell(record, "commune"),
                        province_text=cell(record, "province"))
        _check(row, units, default_province)
        key = _fold(row.name)
        if row.name and key in seen:
            row.problems.append(_("This school is already on row %(line)s.")
                                % {"line": seen[key]})
        seen.setdefault(key, line)
        row.existing = existing.get(key)
        checked.append(row)
    preview = SchoolImportPreview(rows=checked)
    if not preview.problems:
        preview.payload = signing.dumps(
            # No problem: every row has its province and commune.
            [[r.name, r.level, r.province.pk, r.commune.pk,  # type: ignore[union-attr]
              r.existing.pk if r.existing else None]
             for r in checked], salt=SIGNING_SALT, compress=True)
    return preview


def school_import_confirm(*, payload: str) -> int:
    """Write the schools of a clean preview, all or none. Codes: ``stale`` (a payload
    that is old or altered), ``changed`` (a unit ended or a school appeared since)."""
    try:
        rows = signing.loads(payload, salt=SIGNING_SALT, max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature:
        _refuse("stale")
    communes = Commune.objects.current().in_bulk([r[3] for r in rows])
    with transaction.atomic():
        schools = School.objects.select_for_update().in_bulk(
            [r[4] for r in rows if r[4]])
        names = set(School.objects.values_list("name", flat=True))
        for name, level, province_id, commune_id, school_id in rows:
            commune = communes.get(commune_id)
            school = schools.get(school_id) if school_id else School(name=name)
            if commune is None or commune.province_id != province_id or school is None or (
                    school_id is None and name in names):
                _refuse("changed")
            school.level, school.province_id, school.commune = level, province_id, commune
            school.save()
    return len(rows)
