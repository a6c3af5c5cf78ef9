from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import render
from django.utils.translation import gettext as _

from clubs.access import (
    AnyUser,
    ClubRole,
    club_for_user_or_404,
    clubs_led_by,
    is_centre_staff,
    sees_sensitive_records,
)
from clubs.selectors import report_filter_choices, report_gender_choices, school_communes
from places.forms import PlaceFilterForm
from reports import exports
from reports.charts import chart_for
from reports.forms import ReportFilterForm, TopicForm
from reports.learning import members_without_topic
from reports.selectors import ReportScope, yearly_report


def _reader_clubs(user: AnyUser) -> QuerySet | None:
    """None for centre staff (every club); a leader's own clubs; 403 for anyone else."""
    if is_centre_staff(user):
        return None
    clubs = clubs_led_by(user)
    if not clubs.exists():
        raise PermissionDenied
    return clubs


@login_required
def yearly(request):
    clubs = _reader_clubs(request.user)
    place_filter = PlaceFilterForm(request.GET, communes=school_communes())
    form = ReportFilterForm(request.GET, genders=report_gender_choices(),
                            choices=report_filter_choices(clubs=clubs, **place_filter.place()))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.warning(request, error)
    year = form.year_chosen()
    scope = ReportScope(
        clubs=clubs, club_id=form.value("club"), school_id=form.value("school"),
        grade=form.value("grade"), gender=form.value("gender") or "",
        topic=form.value("topic") or "", **place_filter.place(),
    )
    sensitive = sees_sensitive_records(request.user)
    report = yearly_report(year=year, scope=scope, include_sensitive=sensitive)
    export = request.GET.get("format")
    shared = request.GET.get("shared") == "1"
    if export == "xlsx":
        return exports.report_xlsx(report, shared=shared)
    if export == "csv":
        return exports.report_csv(report, shared=shared,
                                  table_key=request.GET.get("table", "clubs"))
    if export == "pdf":
        return exports.report_pdf(report, shared=shared, request=request)
    return render(request, "reports/yearly.html", {
        "report": report,
        "figures": report,
        "form": form,
        "place_filter": place_filter,
        "charts": [(t, chart_for(t)) for t in report.all_tables if t.chart],
        "clubs_table": report.table("clubs"),
        "export_query": _export_query(request, year),
        "is_staff": sensitive,
        "page_title": _("Yearly report"),
    })


def _export_query(request, year) -> str:
    query = request.GET.copy()
    query["year"] = str(year.first_year)
    query.pop("format", None)
    query.pop("shared", None)
    query.pop("table", None)
    return query.urlencode()


@login_required
def topic_gaps(request, slug: str):
    """For a topic, the club's active members who have not covered it yet (leaders of
    the club and staff), to plan a catch-up session."""
    club, _role = club_for_user_or_404(request.user, slug=slug, at_least=ClubRole.LEADER)
    form = TopicForm(request.GET or None)
    members = None
    if form.is_valid():
        members = members_without_topic(club=club, topic=form.cleaned_data["topic"])
    return render(request, "reports/topic_gaps.html", {
        "club": club, "form": form, "members": members,
    }, status=400 if form.errors else 200)
