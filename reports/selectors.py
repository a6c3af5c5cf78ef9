"""The centre's yearly report: headline figures beside last year's, and the tables behind
each chart, for one school year and a scope (the reader's clubs, a place, a school, a
club, a grade, a gender, a topic).

Every figure is read through the owning app's selectors (clubs, sessions, attendance,
cms, support); nothing here queries another app's models. A fixed number of queries
whatever the size of the centre (pinned in tests/reports/test_queries.py)."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from attendance import selectors as attendance_selectors
from clubs import selectors as club_selectors
from cms import selectors as cms_selectors
from cms.taxonomy import Topic
from config.types import StrOrPromise
from reports.sections import report_sections
from sessions import selectors as session_selectors

# The first school year the centre may report on, and how many years the members chart
# goes back.
FIRST_YEAR = 2000
YEARS_CHART = 6


@dataclass(frozen=True)
class SchoolYear:
    """1 September to 31 August, named by the year it starts in (2024 = 2024-2025)."""

    first_year: int

    @classmethod
    def containing(cls, day: dt.date) -> "SchoolYear":
        return cls(day.year if day.month >= 9 else day.year - 1)

    @property
    def start(self) -> dt.date:
        return dt.date(self.first_year, 9, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.first_year + 1, 8, 31)

    @property
    def label(self) -> str:
        return f"{self.first_year}-{self.first_year + 1}"

    @property
    def previous(self) -> "SchoolYear":
        return SchoolYear(self.first_year - 1)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        return start, dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)

    def months(self) -> list[dt.date]:
        return [dt.date(self.first_year + (m < 9), m, 1) for m in (*range(9, 13), *range(1, 9))]


@dataclass(frozen=True)
class ReportScope:
    """What the report covers. ``clubs`` is what the reader may see (None: centre staff,
    every club and the centre's own sessions); the rest narrow it."""

    clubs: QuerySet | None = None
    club_id: int | None = None
    school_id: int | None = None
    # places units (Province, Commune): Any, since reports imports no app's models.
    province: Any = None
    commune: Any = None
    grade: int | None = None
    gender: str = ""
    topic: str = ""

    @property
    def pupils(self) -> dict:
        return {"grade": self.grade, "gender": self.gender}


# Short names of the XLSX sheets (Excel allows 31 characters).
SHEETS = {
    "sessions": _("Sessions by month"),
    "reached-school": _("Reached by school"),
    "reached-grade": _("Reached by grade"),
    "reached-gender": _("Reached by gender"),
    "topics": _("Topics"),
    "rate": _("Attendance rate"),
    "members-years": _("Members by year"),
    "clubs": _("Clubs"),
}


@dataclass
class Table:
    """A table behind a chart, and a sheet of the exports. The first column labels the
    row; ``people`` are the columns that count pupils (small numbers in them are hidden
    in an export that leaves the centre)."""

    key: str
    title: StrOrPromise
    columns: list
    rows: list
    people: tuple = ()
    total: list | None = None
    chart: str = ""  # "hbar", "stacked" or "" (table only)
    sheet: StrOrPromise = ""  # a short name for the XLSX sheet (31 characters at most)

    def __post_init__(self) -> None:
        self.sheet = self.sheet or SHEETS.get(self.key, "")
    percent: bool = False  # the chart's values are percentages

    @property
    def empty(self) -> bool:
        return not any(any(v for v in row[1:] if isinstance(v, int | float)) for row in self.rows)


@dataclass(frozen=True)
class Headline:
    key: str
    label: StrOrPromise
    value: int | float
    previous: int | float
    percent: bool = False

    @property
    def change(self) -> int | float:
        return round(self.value - self.previous, 1) if self.percent else self.value - self.previous

    @property
    def change_percent(self) -> int | None:
        if self.percent or not self.previous:
            return None
        return round(100 * (self.value - self.previous) / self.previous)


@dataclass
class ClubRow:
    club: object
    members: int
    sessions_held: int
    attendances: int
    expected: int

    @property
    def rate(self) -> float | None:
        return round(100 * self.attendances / self.expected, 1) if self.expected else None


@dataclass
class YearlyReport:
    year: SchoolYear
    scope: ReportScope
    headline: list
    tables: list
    per_club: list
    member_pupils_reached: int
    guests: int
    sections: list = field(default_factory=list)

    def figure(self, key: str) -> int | float:
        return next(h.value for h in self.headline if h.key == key)

    def table(self, key: str) -> Table:
        return next(t for t in self.all_tables if t.key == key)

    @property
    def members(self) -> int | float:
        return self.figure("members")

    @property
    def pupils_reached(self) -> int | float:
        return self.figure("reached")

    @property
    def all_tables(self) -> list:
        return [*self.tables, *(t for s in self.sections for t in s.tables)]


def _rate(attended: int, expected: int) -> float:
    return round(100 * attended / expected, 1) if expected else 0


def _one_year(year: SchoolYear, scope: ReportScope, club_ids: QuerySet | None,
              now: dt.datetime) -> dict:
    """The figures of one year that the headline compares (5 queries)."""
    start, end = year.bounds()
    topic_pages = cms_selectors.material_ids_for_topic(scope.topic) if scope.topic else None
    held = session_selectors.report_held_sessions(
        start=start, end=end, now=now, club_ids=club_ids, topic=scope.topic,
        topic_material_ids=topic_pages)
    months = session_selectors.report_sessions_by_month(held)
    by_club = attendance_selectors.report_attendance_by_club(held, **scope.pupils)
    reached = attendance_selectors.report_reached(held, **scope.pupils)
    # Guests have no grade or gender: a report narrowed to either counts none.
    guests = 0 if (scope.grade or scope.gender) else attendance_selectors.report_guests(held)
    clubs = club_selectors.report_clubs(club_ids=club_ids, start=year.start, end=year.end,
                                        **scope.pupils)
    sessions_per_club: dict = {}
    by_kind: dict = {}
    for _month, kind, club_id, n in months:
        sessions_per_club[club_id] = sessions_per_club.get(club_id, 0) + n
        by_kind[kind] = by_kind.get(kind, 0) + n
    per_club = [
        ClubRow(club=c, members=c.n_members,  # type: ignore[attr-defined]  # annotated
                sessions_held=sessions_per_club.get(c.pk, 0),
                attendances=by_club.get(c.pk, (0, 0))[0], expected=by_club.get(c.pk, (0, 0))[1])
        for c in clubs
    ]
    attended = sum(a for a, _e in by_club.values())
    expected = sum(e for _a, e in by_club.values())
    member_pupils = sum(row[-1] for row in reached)
    return {
        "held": held, "months": months, "reached": reached, "per_club": per_club,
        "by_kind": by_kind, "guests": guests, "member_pupils": member_pupils,
        "attended": attended, "expected": expected,
        "clubs_active": sum(1 for row in per_club if row.members or row.sessions_held),
    }


def _headline(now: dict, before: dict, members: tuple) -> list[Headline]:
    def kind(figures: dict, key: str) -> int:
        return figures["by_kind"].get(key, 0)

    return [
        Headline("clubs", _("clubs running"), now["clubs_active"], before["clubs_active"]),
        Headline("members", _("club members"), *members),
        Headline("thematic", _("thematic life-skills sessions held"), kind(now, "thematic"),
                 kind(before, "thematic")),
        Headline("mock-trials", _("mock trials held"), kind(now, "mock_trial"),
                 kind(before, "mock_trial")),
        Headline("sessions", _("sessions held, all kinds"), sum(now["by_kind"].values()),
                 sum(before["by_kind"].values())),
        Headline("reached", _("pupils reached (members and guests)"),
                 now["member_pupils"] + now["guests"], before["member_pupils"] + before["guests"]),
        Headline("attendances", _("check-ins of members"), now["attended"], before["attended"]),
        Headline("rate", _("attendance rate (%)"), _rate(now["attended"], now["expected"]),
                 _rate(before["attended"], before["expected"]), percent=True),
    ]


def _sessions_table(year: SchoolYear, months: list) -> Table:
    kinds = session_selectors.report_session_kinds()
    counts: dict = {}
    for month, kind, _club, n in months:
        key = (month.date() if isinstance(month, dt.datetime) else month, kind)
        counts[key] = counts.get(key, 0) + n
    used = [(k, label) for k, label in kinds if any(key[1] == k for key in counts)] or kinds[:1]
    rows = [[date_format(m, "m/Y"), *(counts.get((m, k), 0) for k, _l in used)]
            for m in year.months()]
    return Table("sessions", _("Sessions held per month, by kind"),
                 [_("Month"), *(label for _k, label in used)], rows, chart="stacked",
                 total=[_("Total"), *(sum(r[i] for r in rows) for i in range(1, len(used) + 1))])


def _reached_tables(reached: list) -> list[Table]:
    schools: dict = {}
    grades: dict = {}
    genders: dict = {}
    for _school_id, school, grade, gender, n in reached:
        schools[school] = schools.get(school, 0) + n
        grades[grade] = grades.get(grade, 0) + n
        genders[gender] = genders.get(gender, 0) + n
    total = sum(genders.values())
    gender_labels = dict(club_selectors.report_gender_choices())
    return [
        Table("reached-school", _("Member pupils reached, by school"),
              [_("School"), _("Pupils")], sorted(([k, v] for k, v in schools.items()),
                                                 key=lambda r: (-r[1], r[0])),
              people=(1,), total=[_("Total"), total], chart="hbar"),
        Table("reached-grade", _("Member pupils reached, by grade"),
              [_("Grade"), _("Pupils")],
              [[_("Grade %(grade)s") % {"grade": g}, grades[g]] for g in sorted(grades)],
              people=(1,), total=[_("Total"), total], chart="hbar"),
        Table("reached-gender", _("Member pupils reached, by gender"),
              [_("Gender"), _("Pupils")],
              [[gender_labels.get(g) or _("Not given"), n] for g, n in sorted(genders.items())],
              people=(1,), total=[_("Total"), total], chart="hbar"),
    ]


def _topics_table(held: QuerySet) -> Table:
    page_topics = cms_selectors.material_topics()
    sessions: dict = {}
    for session_id, own_topic, page_id in session_selectors.report_session_topics(held):
        topics = sessions.setdefault(session_id, set())
        for topic in (own_topic, page_topics.get(page_id)):
            if topic:
                topics.add(topic)
    counts: dict = {}
    for topics in sessions.values():
        for topic in topics:
            counts[topic] = counts.get(topic, 0) + 1
    labels = dict(Topic.choices)
    rows = sorted(([str(labels.get(t, t)), n] for t, n in counts.items()),
                  key=lambda r: (-r[1], r[0]))
    return Table("topics", _("Topics covered (sessions using the topic's materials)"),
                 [_("Topic"), _("Sessions")], rows, chart="hbar")


def yearly_report(*, year: SchoolYear, scope: ReportScope | None = None,
                  now: dt.datetime | None = None, include_sensitive: bool = False
                  ) -> YearlyReport:
    """The report for ``year`` and ``scope``. A session counts as held when it was not
    cancelled and has ended by ``now`` (default: now), so the running year grows as it
    goes. ``include_sensitive`` (centre social workers only) adds the support given."""
    scope = scope or ReportScope()
    now = now or timezone.now()
    club_ids = club_selectors.report_club_ids(
        clubs=scope.clubs, club_id=scope.club_id, school_id=scope.school_id,
        province=scope.province, commune=scope.commune)
    this = _one_year(year, scope, club_ids, now)
    before = _one_year(year.previous, scope, club_ids, now)
    years = [SchoolYear(y) for y in range(year.first_year - YEARS_CHART + 1, year.first_year + 1)]
    members = club_selectors.report_members_by_year(
        club_ids=club_ids, periods={y.first_year: (y.start, y.end) for y in years},
        **scope.pupils)
    per_club = this["per_club"]
    tables = [
        _sessions_table(year, this["months"]),
        *_reached_tables(this["reached"]),
        _topics_table(this["held"]),
        Table("rate", _("Attendance rate per club (%)"),
              [_("Club"), _("Attendance rate (%)")],
              [[row.club.name, row.rate or 0] for row in per_club if row.expected],
              chart="hbar", percent=True),
        Table("members-years", _("Members over the years"), [_("School year"), _("Members")],
              [[y.label, members[y.first_year]] for y in years], chart="hbar"),
        Table("clubs", _("Clubs"),
              [_("Club"), _("School"), _("Province"), _("Ward or commune"), _("Former district"),
               _("Members"), _("Sessions held"), _("Attendances"), _("Attendance rate (%)")],
              [[row.club.name, row.club.school.name, row.club.school.province.short_name,
                row.club.school.commune.name if row.club.school.commune_id else "",
                row.club.school.former_district, row.members, row.sessions_held,
                row.attendances, row.rate if row.rate is not None else ""]
               for row in per_club],
              people=(5,)),
    ]
    report = YearlyReport(
        year=year, scope=scope,
        headline=_headline(this, before, (members[year.first_year],
                                          members[year.previous.first_year])),
        tables=tables, per_club=per_club, member_pupils_reached=this["member_pupils"],
        guests=this["guests"],
    )
    report.sections = [
        section for fn in report_sections()
        if (section := fn(year=year, scope=scope, club_ids=club_ids, now=now,
                          include_sensitive=include_sensitive)) is not None
    ]
    return report



def yearly_figures(*, year: SchoolYear, now: dt.datetime | None = None, province: Any = None,
                   commune: Any = None) -> YearlyReport:
    """The whole centre's report (the name older callers use)."""
    return yearly_report(year=year, now=now, scope=ReportScope(province=province,
                                                                 commune=commune))
