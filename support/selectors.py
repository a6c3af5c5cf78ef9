"""Reads of support records: a member's list (staff only, the view checks) and the
yearly report's section (members supported, value by kind and by donor)."""

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from clubs.models import Pupil
from support.models import SupportRecord

if TYPE_CHECKING:  # reports imports this app's section at ready(): no import at run time
    from reports.sections import ReportSection
    from reports.selectors import ReportScope, SchoolYear


def support_for_pupil(*, pupil: Pupil) -> list[SupportRecord]:
    return list(SupportRecord.objects.filter(pupil=pupil).select_related("recorded_by", "club"))


def _in_report(*, start: dt.date, end: dt.date, club_ids: Iterable[int] | None,
               grade: int | None = None, gender: str | None = None) -> QuerySet[SupportRecord]:
    qs = SupportRecord.objects.filter(given_on__gte=start, given_on__lte=end)
    if club_ids is not None:
        qs = qs.filter(club_id__in=club_ids)
    if grade:
        qs = qs.filter(pupil__grade=grade)
    if gender:
        qs = qs.filter(pupil__gender=gender)
    return qs


def support_report_section(*, year: "SchoolYear", scope: "ReportScope",
                           club_ids: Iterable[int] | None, now: dt.datetime,
                           include_sensitive: bool) -> "ReportSection | None":
    """The report's "support given" part (3 queries), for centre social workers only."""
    from reports.sections import ReportSection
    from reports.selectors import Headline, Table

    if not include_sensitive:
        return None

    def group(qs: QuerySet[SupportRecord], key: str) -> list[tuple]:
        return list(qs.order_by().values_list(key).annotate(
            members=Count("pupil", distinct=True), records=Count("pk"),
            total_value=Sum("value"),
        ).order_by("-total_value"))

    this = _in_report(start=year.start, end=year.end, club_ids=club_ids, **scope.pupils)
    by_kind = group(this, "kind")
    by_donor = group(this, "donor")
    now_q = Q(given_on__gte=year.start)
    totals = _in_report(start=year.previous.start, end=year.end, club_ids=club_ids,
                        **scope.pupils).aggregate(
        members_now=Count("pupil", distinct=True, filter=now_q),
        value_now=Sum("value", filter=now_q),
        members_before=Count("pupil", distinct=True, filter=~now_q),
        value_before=Sum("value", filter=~now_q))
    labels = dict(SupportRecord.Kind.choices)
    columns = [_("Members supported"), _("Records"), _("Value (đồng)")]
    return ReportSection(
        key="support", title=_("Support given to members"),
        headline=[
            Headline("supported", _("members supported"), totals["members_now"],
                     totals["members_before"]),
            Headline("support-value", _("value of support (đồng)"), totals["value_now"] or 0,
                     totals["value_before"] or 0),
        ],
        tables=[
            Table("support-kind", _("Support given, by kind"), [_("Kind"), *columns],
                  [[str(labels.get(k, k)), m, r, v] for k, m, r, v in by_kind], people=(1,),
                  sheet=_("Support by kind")),
            Table("support-donor", _("Support given, by donor or source"),
                  [_("Donor or source"), *columns],
                  [[d, m, r, v] for d, m, r, v in by_donor], people=(1,),
                  sheet=_("Support by donor")),
        ],
    )
