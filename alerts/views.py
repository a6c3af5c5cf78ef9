from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alerts.selectors import club_thresholds, warnings_for_clubs
from alerts.services import WarningSettingsError, warning_settings_save
from clubs.access import ClubRole, club_for_user_or_404
from config.errors import refusal_to_form

NUMBER = {"class": "form-control", "inputmode": "numeric"}


class WarningSettingsForm(forms.Form):
    missed_in_row = forms.IntegerField(label=gettext_lazy("Sessions missed in a row"),
                                       widget=forms.NumberInput(attrs=NUMBER))
    min_rate = forms.IntegerField(label=gettext_lazy("Lowest attendance (%)"),
                                  widget=forms.NumberInput(attrs=NUMBER))


@login_required
def club_warnings(request, slug: str):
    """A club's early warnings and its thresholds (leaders of the club and staff)."""
    club, _role = club_for_user_or_404(request.user, slug=slug, at_least=ClubRole.LEADER)
    missed, rate = club_thresholds(club_ids=[club.pk])[club.pk]
    form = WarningSettingsForm(request.POST or None,
                               initial={"missed_in_row": missed, "min_rate": rate})
    if request.method == "POST" and form.is_valid():
        try:
            warning_settings_save(club=club, **form.cleaned_data)
        except WarningSettingsError as error:
            refusal_to_form(form, error, field=error.code)
        else:
            messages.success(request, _("Early-warning settings saved."))
            return redirect("alerts:club_warnings", slug=club.slug)
    return render(request, "alerts/club_warnings.html", {
        "club": club, "form": form, "warnings": warnings_for_clubs(club_ids=[club.pk]),
    }, status=400 if form.errors else 200)
