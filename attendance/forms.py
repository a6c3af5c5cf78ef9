from django import forms
from django.utils.translation import gettext_lazy as _

from attendance.models import Attendance


class GuestForm(forms.Form):
    headcount = forms.IntegerField(
        label=_("Number of people"), min_value=1, max_value=5000, initial=1
    )
    name = forms.CharField(label=_("Name (one person)"), max_length=150, required=False)
    school_name = forms.CharField(label=_("School"), max_length=200, required=False)
    class_name = forms.CharField(label=_("Class"), max_length=20, required=False)

    def clean(self):
        data = super().clean()
        if data.get("name") and data.get("headcount") not in (None, 1):
            raise forms.ValidationError(
                _("A guest with a name is one person: leave the name empty for a headcount.")
            )
        return data


class ScannerDeviceForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the phone"),
        max_length=80,
        help_text=_("For example: “Door 2, Ms Duyên's phone”."),
    )


class TickForm(forms.Form):
    """A roster tick as the page sends it; `nonce` and `ticked_at` come with a tick that
    waited in the phone's offline queue."""

    pupil = forms.IntegerField(error_messages={"required": _("Choose a pupil."),
                                               "invalid": _("Choose a pupil.")})
    status = forms.ChoiceField(
        choices=Attendance.Status.choices,
        error_messages={"required": _("Choose present, late, excused or absent."),
                        "invalid_choice": _("Choose present, late, excused or absent.")},
    )
    nonce = forms.RegexField(regex=r"^[A-Za-z0-9_-]{8,64}$", required=False)
    ticked_at = forms.DateTimeField(required=False)

    def first_error(self) -> str:
        return next(iter(self.errors.values()))[0]  # type: ignore[return-value]  # a message
