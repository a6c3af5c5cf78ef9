from django import forms
from django.utils.translation import gettext_lazy as _


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
