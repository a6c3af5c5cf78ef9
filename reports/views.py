import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from clubs.selectors import school_communes
from places.forms import PlaceFilterForm
from reports.selectors import SchoolYear, yearly_figures


def _year_from(request) -> SchoolYear:
    current = SchoolYear.containing(timezone.localdate())
    try:
        first_year = int(request.GET.get("year", current.first_year))
    except ValueError:
        return current
    if not 2000 <= first_year <= current.first_year + 1:
        return current
    return SchoolYear(first_year)


@login_required
def yearly(request):
    if not request.user.is_centre_staff:
        raise PermissionDenied
    year = _year_from(request)
    place_filter = PlaceFilterForm(request.GET, communes=school_communes())
    figures = yearly_figures(year=year, **place_filter.place())
    if request.GET.get("format") == "csv":
        return _csv(figures)
    current = SchoolYear.containing(timezone.localdate()).first_year
    return render(
        request,
        "reports/yearly.html",
        {
            "figures": figures,
            "years": [SchoolYear(y) for y in range(current, current - 6, -1)],
            "place_filter": place_filter,
            "csv_query": _csv_query(request, figures.year),
        },
    )


def _csv_query(request, year: SchoolYear) -> str:
    query = request.GET.copy()
    query["year"] = str(year.first_year)
    query["format"] = "csv"
    return query.urlencode()


def _csv(figures) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="lalanh-figures-{figures.year.label}.csv"'
    )
    response.write("\ufeff")  # so spreadsheet programs read the Vietnamese as UTF-8
    writer = csv.writer(response)
    writer.writerow([_("Club"), _("School"), _("Province"), _("Ward or commune"),
                     _("Former district"), _("Members"), _("Sessions held"), _("Attendances")])
    for row in figures.per_club:
        school = row.club.school
        writer.writerow([row.club.name, school.name, school.province.short_name,
                         school.commune.name if school.commune_id else "",
                         school.former_district, row.members, row.sessions_held,
                         row.attendances])
    return response
