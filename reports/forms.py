"""The report's filters (GET). An invalid filter is reported on the page and filters
nothing; an impossible year falls back to the current one with a message."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.taxonomy import GRADE_MAX, GRADE_MIN, Topic
from reports.selectors import FIRST_YEAR, SchoolYear

SELECT = {"class": "form-select form-select-sm"}


def current_year() -> SchoolYear:
    return SchoolYear.containing(timezone.localdate())


class ReportFilterForm(forms.Form):
    year = forms.IntegerField(
        label=_("School year"), required=False,
        widget=forms.Select(attrs=SELECT),
        error_messages={"invalid": _("Choose a school year from the list.")},
    )
    club = forms.TypedChoiceField(label=_("Club"), required=False, coerce=int, empty_value=None,
                                  widget=forms.Select(attrs=SELECT))
    school = forms.TypedChoiceField(label=_("School"), required=False, coerce=int,
                                    empty_value=None, widget=forms.Select(attrs=SELECT))
    grade = forms.TypedChoiceField(
        label=_("Grade"), required=False, coerce=int, empty_value=None,
        choices=[("", _("All grades")),
                 *((g, _("Grade %(grade)s") % {"grade": g})
                   for g in range(GRADE_MIN, GRADE_MAX + 1))],
        widget=forms.Select(attrs=SELECT))
    gender = forms.ChoiceField(label=_("Gender"), required=False,
                               widget=forms.Select(attrs=SELECT))
    topic = forms.ChoiceField(label=_("Topic"), required=False,
                              choices=[("", _("All topics")), *Topic.choices],
                              widget=forms.Select(attrs=SELECT))

    def __init__(self, *args, choices: dict, genders: list, **kwargs):
        super().__init__(*args, **kwargs)
        current = current_year().first_year
        self.years = [SchoolYear(y) for y in range(current, FIRST_YEAR - 1, -1)][:10]
        self.fields["year"].widget.choices = [(y.first_year, y.label) for y in self.years]
        # ChoiceFields: the stubs type self.fields as plain Fields.
        self.fields["club"].choices = [("", _("All clubs")), *choices["clubs"]]  # type: ignore[attr-defined]
        self.fields["school"].choices = [("", _("All schools")), *choices["schools"]]  # type: ignore[attr-defined]
        self.fields["gender"].choices = [("", _("All genders")), *genders]  # type: ignore[attr-defined]

    def clean_year(self):
        value = self.cleaned_data.get("year")
        current = current_year().first_year
        if value is not None and not FIRST_YEAR <= value <= current:
            raise forms.ValidationError(
                _("There are no figures for %(year)s: choose a school year from %(first)s "
                  "to %(last)s."),
                code="year_out_of_range",
                params={"year": value, "first": FIRST_YEAR, "last": current},
            )
        return value

    def value(self, name):
        """The cleaned value of a field, or None when it is missing or invalid."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(name) if name not in self.errors else None

    def year_chosen(self) -> SchoolYear:
        year = self.value("year")
        return SchoolYear(year) if year else current_year()


class TopicForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices,
                              widget=forms.Select(attrs={"class": "form-select"}))
