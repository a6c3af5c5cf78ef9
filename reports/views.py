from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from clubs.text import InertCsvWriter
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
    figures = yearly_figures(year=year)
    if request.GET.get("format") == "csv":
        return _csv(figures)
    current = SchoolYear.containing(timezone.localdate()).first_year
    return render(
        request,
        "reports/yearly.html",
        {
            "figures": figures,
            "years": [SchoolYear(y) for y in range(current, current - 6, -1)],
        },
    )


def _csv(figures) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="lalanh-figures-{figures.year.label}.csv"'
    )
    response.write("\ufeff")  # so spreadsheet programs read the Vietnamese as UTF-8
    writer = InertCsvWriter(response)  # names typed by staff never run as formulas
    writer.writerow([_("Club"), _("School"), _("District"), _("Members"), _("Sessions held"),
                     _("Attendances")])
    for row in figures.per_club:
        writer.writerow([row.club.name, row.club.school.name,
                         row.club.school.get_district_display(), row.members,
                         row.sessions_held, row.attendances])
    return response
