"""Reads of administrative units. Other apps (clubs, training, reports) use these and
the ``current()`` queryset method rather than filtering dates themselves."""

import datetime as dt

from django.db.models import Q, QuerySet

from places.models import Commune, Province

Unit = Province | Commune


def provinces_current(on: dt.date | None = None) -> QuerySet[Province]:
    """The provinces and centrally-run cities in force (34 since 1 July 2025)."""
    return Province.objects.current(on).order_by("short_name")


def province_by_code(code: str, on: dt.date | None = None) -> Province | None:
    return Province.objects.current(on).filter(code=code).first()


def communes_for_province(province: Province | int,
                          on: dt.date | None = None) -> QuerySet[Commune]:
    """Wards, communes and special zones of ``province`` in force on ``on``."""
    return Commune.objects.current(on).filter(province=province).order_by("name")


def unit_current(unit: Unit | None, on: dt.date | None = None) -> Unit | None:
    """The unit that stands for ``unit`` today: itself, or the end of its successor
    chain (a ward merged in 2025 answers with the ward it became part of)."""
    seen = set()
    while unit is not None and not unit.is_current(on) and unit.successor_id \
            and unit.pk not in seen:
        seen.add(unit.pk)
        unit = unit.successor
    return unit


def unit_with_predecessors_ids(unit: Unit) -> set[int]:
    """``unit``'s id and those of every unit that was merged into it, at any depth, so a
    filter on today's ward still finds records that named a former one."""
    model = type(unit)
    ids, frontier = {unit.pk}, {unit.pk}
    while frontier:
        frontier = set(model.objects.filter(successor_id__in=frontier)
                       .exclude(pk__in=ids).values_list("pk", flat=True))
        ids |= frontier
    return ids


def province_filter_q(province: Province, prefix: str) -> Q:
    """A Q on ``<prefix>province`` matching ``province`` and every former province merged
    into it (a Hậu Giang record shows under today's Cần Thơ)."""
    return Q(**{f"{prefix}province_id__in": unit_with_predecessors_ids(province)})


def commune_filter_q(commune: Commune, prefix: str) -> Q:
    return Q(**{f"{prefix}commune_id__in": unit_with_predecessors_ids(commune)})


def place_q(prefix: str, *, province: Province | None = None,
            commune: Commune | None = None) -> Q:
    """A Q narrowing ``<prefix>province`` / ``<prefix>commune`` to the given units and
    those merged into them; an empty Q (no narrowing) when neither is given."""
    q = Q()
    if province is not None:
        q &= province_filter_q(province, prefix)
    if commune is not None:
        q &= commune_filter_q(commune, prefix)
    return q
