"""Loading administrative-unit lists (CSV) into Province and Commune.

``units_load`` reads one file, checks every row and writes all of it in one transaction,
or nothing: a missing parent, a duplicate code or name, an unknown kind, a bad date, a
successor that cannot be found or a file that is not UTF-8 raises ``UnitFileError`` with
a stable code and every problem found. Rows are matched to existing units (by code, or
by province and name when the stored unit has no code yet), so loading the same file
twice changes nothing and the official list fills in codes the shipped one lacks.
Units missing from a file are left alone: a file may cover one province only.

The functions take the model classes as arguments so the data migration can run them
with historical models. File formats: docs/places.md.
"""

import csv
import datetime
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.errors import DomainError, Message
from config.types import StrOrPromise

DATA_DIR = Path(__file__).resolve().parent / "data"
MAX_BYTES = 5 * 1024 * 1024


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", (text or "").strip().lower()).replace("đ", "d")
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Mn").split())


# Column keys and the headings they may have: ours, and those of the statistics office's
# export (danhmuchanhchinh.gso.gov.vn / .nso.gov.vn), compared without case or accents.
HEADINGS = {
    "code": ["code", "ma", "ma px", "ma xa", "ma phuong xa", "ma dvhc", "ma don vi"],
    "name": ["name", "ten", "phuong xa", "ten phuong xa", "ten dvhc", "ten don vi",
             "tinh / thanh pho", "tinh/thanh pho", "tinh thanh pho"],
    "kind": ["kind", "cap", "loai"],
    "province_code": ["province_code", "province code", "ma tp", "ma tinh"],
    "short_name": ["short_name", "short name", "ten ngan"],
    "valid_from": ["valid_from", "valid from", "hieu luc tu"],
    "valid_until": ["valid_until", "valid until", "het hieu luc"],
    "successor_code": ["successor_code", "successor", "sap nhap vao", "ke thua"],
}
KINDS = {
    "province": {"province": "province", "tinh": "province", "city": "city",
                 "thanh pho": "city", "thanh pho trung uong": "city",
                 "thanh pho truc thuoc trung uong": "city"},
    "commune": {"ward": "ward", "phuong": "ward", "commune": "commune", "xa": "commune",
                "special_zone": "special_zone", "special zone": "special_zone",
                "dac khu": "special_zone", "township": "township", "thi tran": "township"},
}
NAME_PREFIXES = {
    "province": [("thanh pho ", "city"), ("tinh ", "province")],
    "commune": [("phuong ", "ward"), ("xa ", "commune"), ("dac khu ", "special_zone"),
                ("thi tran ", "township")],
}


class UnitFileError(DomainError):
    """A unit file that cannot be loaded. ``errors`` lists (row number or None, message)."""

    code = "unit_file_error"

    def __init__(
        self, code: str, message: Message, errors: Iterable[tuple[int | None, Message]] = ()
    ) -> None:
        super().__init__(message, code=code)
        self.errors = list(errors) or [(None, message)]


@dataclass
class UnitRow:
    line: int
    name: str
    kind: str
    code: str = ""
    province_code: str = ""
    short_name: str = ""
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    successor_code: str = ""
    has_dates: bool = False


@dataclass
class UnitLoadResult:
    level: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    units: list = field(default_factory=list)


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise UnitFileError("too_large", _("The file is larger than 5 MB."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnitFileError(
            "encoding",
            _("The file is not UTF-8 text. Save it as “CSV UTF-8” and load it again."),
        ) from None


def _date(value: str, line: int, errors: list) -> datetime.date | None:
    value = (value or "").strip()
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()  # noqa: DTZ007 (a date)
        except ValueError:
            continue
    errors.append((line, _("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": value}))
    return None


def units_file_read(data: bytes) -> tuple[str, list[UnitRow]]:
    """Parse and check a unit file on its own (no database). Returns the level
    ("province" or "commune") and its rows; raises UnitFileError."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise UnitFileError("empty", _("The file is empty."))
    folded = [_fold(h) for h in header]
    columns = {}
    for key, names in HEADINGS.items():
        # Aliases in order of preference: in the office's commune export "Tên" is the
        # unit's name and "Tỉnh / Thành Phố" its province's.
        index = next((folded.index(n) for n in names if n in folded), None)
        if index is not None:
            columns[key] = index
    if "name" not in columns:
        raise UnitFileError("columns", _("The file has no “name” (Tên) column."))
    level = "commune" if "province_code" in columns else "province"
    has_dates = "valid_from" in columns or "valid_until" in columns
    rows: list[UnitRow] = []
    errors: list[tuple[int, StrOrPromise]] = []
    for line, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue

        def cell(key: str, record: list[str] = record) -> str:
            index = columns.get(key)
            return record[index].strip() if index is not None and index < len(record) else ""

        name = cell("name")
        if not name:
            errors.append((line, _("The name is missing.")))
            continue
        kind_text = _fold(cell("kind"))
        kind = KINDS[level].get(kind_text)
        if not kind_text:
            kind = next((k for prefix, k in NAME_PREFIXES[level]
                         if _fold(name).startswith(prefix)), None)
        if kind is None:
            errors.append((line, _("“%(kind)s” is not a kind of unit this file can hold.")
                           % {"kind": cell("kind") or name}))
            continue
        row = UnitRow(
            line=line, name=name, kind=kind, code=cell("code"),
            province_code=cell("province_code"), short_name=cell("short_name"),
            valid_from=_date(cell("valid_from"), line, errors),
            valid_until=_date(cell("valid_until"), line, errors),
            successor_code=cell("successor_code"), has_dates=has_dates,
        )
        if level == "commune" and not row.province_code:
            errors.append((line, _("The province code is missing.")))
        if row.valid_from and row.valid_until and row.valid_until < row.valid_from:
            errors.append((line, _("The unit ends before it starts.")))
        if row.successor_code and not row.valid_until:
            errors.append((line, _("A unit with a successor needs its last day.")))
        rows.append(row)
    _check_duplicates(rows, level, errors)
    if errors:
        raise UnitFileError("rows", _("The file has errors; nothing was loaded."),
                            sorted(errors, key=lambda e: e[0] or 0))
    if not rows:
        raise UnitFileError("empty", _("The file is empty."))
    return level, rows


def _overlap(a: UnitRow, b: UnitRow) -> bool:
    low, high = datetime.date.min, datetime.date.max
    return (a.valid_from or low) <= (b.valid_until or high) and (
        b.valid_from or low) <= (a.valid_until or high)


def _check_duplicates(rows: list[UnitRow], level: str, errors: list) -> None:
    by_code: dict[str, list[UnitRow]] = {}
    by_name: dict[tuple[str, str], list[UnitRow]] = {}
    for row in rows:
        keys: list[tuple[dict, object]] = [(by_code, row.code)] if row.code else []
        keys.append((by_name, (row.province_code, _fold(row.name))))
        for index, key in keys:
            for other in index.get(key, []):
                if _overlap(row, other):
                    message = (_("The code %(code)s is already on line %(line)s.")
                               if index is by_code else
                               _("“%(name)s” is already on line %(line)s."))
                    errors.append((row.line, message % {
                        "code": row.code, "name": row.name, "line": other.line}))
                    break
            index.setdefault(key, []).append(row)


def _as_of(row: UnitRow) -> datetime.date:
    return row.valid_until or max(row.valid_from or datetime.date.min, timezone.localdate())


def _in_force(queryset: QuerySet, on: datetime.date) -> QuerySet:
    from django.db.models import Q

    return queryset.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on),
                           Q(valid_until__isnull=True) | Q(valid_until__gte=on))


def _find_existing(model: Any, row: UnitRow, extra: dict) -> Any:
    """The stored unit this row describes: same code and an overlapping period, or the
    same name (in the same province) and period where the stored one has no code."""
    candidates = []
    if row.code:
        candidates = list(model.objects.filter(code=row.code, **extra))
    if not candidates:
        candidates = [u for u in model.objects.filter(**extra)
                      if _fold(u.name) == _fold(row.name)]
    if not row.has_dates:
        candidates = [u for u in candidates if u.valid_until is None]
    else:
        probe = UnitRow(line=0, name="", kind="")
        matched = []
        for unit in candidates:
            probe.valid_from, probe.valid_until = unit.valid_from, unit.valid_until
            if _overlap(row, probe):
                matched.append(unit)
        candidates = matched
    return candidates[0] if candidates else None


def _short_name(name: str) -> str:
    folded = _fold(name)
    for prefix, _kind in NAME_PREFIXES["province"]:
        if folded.startswith(prefix):
            return name[len(prefix):].strip()
    return name


def units_load(data: bytes, *, province_model: Any = None,
               commune_model: Any = None) -> UnitLoadResult:
    """Load one unit file (provinces, or communes with a province code column).

    All or nothing: raises UnitFileError (codes ``encoding``, ``too_large``, ``empty``,
    ``columns``, ``rows``, ``parent_missing``, ``successor_missing``) and then writes
    nothing. Idempotent. No locking beyond the transaction: loads are rare staff acts.
    """
    if province_model is None:
        from places.models import Commune, Province

        province_model, commune_model = Province, Commune
    level, rows = units_file_read(data)
    model = province_model if level == "province" else commune_model
    result = UnitLoadResult(level=level)
    with transaction.atomic():
        parents = {}
        if level == "commune":
            errors = []
            for row in rows:
                parent = _in_force(province_model.objects.filter(code=row.province_code),
                                   _as_of(row)).first()
                if parent is None:
                    errors.append((row.line, _(
                        "No province with code %(code)s is in force on %(date)s: load the "
                        "provinces first.") % {"code": row.province_code,
                                               "date": _as_of(row).isoformat()}))
                parents[row.line] = parent
            if errors:
                raise UnitFileError("parent_missing",
                                    _("The file has errors; nothing was loaded."), errors)
        for row in rows:
            result.units.append(_upsert(model, row, parents.get(row.line), result))
        _link_successors(model, rows, result.units, level)
    return result


def _upsert(model: Any, row: UnitRow, parent: Any,
            result: UnitLoadResult) -> Any:
    extra = {"province": parent} if parent is not None else {}
    values: dict[str, object] = {"name": row.name, "kind": row.kind}
    if row.code:
        values["code"] = row.code
    if row.has_dates:
        values.update(valid_from=row.valid_from, valid_until=row.valid_until)
    if model._meta.model_name == "province":
        values["short_name"] = row.short_name or _short_name(row.name)
    unit = _find_existing(model, row, extra)
    if unit is None:
        result.created += 1
        return model.objects.create(**extra, **values)
    changed = [k for k, v in values.items() if getattr(unit, k) != v]
    if changed:
        for key in changed:
            setattr(unit, key, values[key])
        unit.save(update_fields=changed)
        result.updated += 1
    else:
        result.unchanged += 1
    return unit


def _link_successors(model: Any, rows: list[UnitRow], units: list,
                     level: str) -> None:
    errors = []
    for row, unit in zip(rows, units, strict=True):
        if not row.successor_code:
            continue
        # units_file_read refuses a successor without a last day.
        day_after: datetime.date = row.valid_until + datetime.timedelta(days=1)  # type: ignore[operator,assignment]
        in_force = _in_force(model.objects.exclude(pk=unit.pk), day_after)
        successor = in_force.filter(code=row.successor_code).first()
        if successor is None and level == "commune":
            successor = next((u for u in in_force if _fold(u.name) == _fold(row.successor_code)),
                             None)
        if successor is None:
            errors.append((row.line, _("No unit “%(successor)s” is in force on %(date)s.")
                           % {"successor": row.successor_code, "date": day_after.isoformat()}))
        elif unit.successor_id != successor.pk:
            unit.successor = successor
            unit.save(update_fields=["successor"])
    if errors:
        raise UnitFileError("successor_missing",
                            _("The file has errors; nothing was loaded."), errors)


def shipped_files() -> list[Path]:
    """The lists shipped with the project: provinces first, then each province's
    communes (``communes_<province code>_<name>.csv``)."""
    return [DATA_DIR / "provinces.csv", *sorted(DATA_DIR.glob("communes_*.csv"))]


def units_load_shipped(*, province_model: Any = None,
                       commune_model: Any = None) -> list[UnitLoadResult]:
    with transaction.atomic():
        return [units_load(path.read_bytes(), province_model=province_model,
                           commune_model=commune_model) for path in shipped_files()]
