import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from places.models import Commune
from training.models import TrainingAttendance


class CommuneField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}, {obj.province.short_name}"


class DateInput(forms.DateInput):
    input_type = "date"


class ApplicantForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    commune = CommuneField(
        label=_("Ward or commune where you work"), queryset=Commune.objects.none(),
        error_messages={"invalid_choice": _("Choose a ward or commune from the list.")},
    )
    phone = forms.CharField(
        label=_("Phone"), max_length=20, required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Commune.objects.current().select_related("province")

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born.year < 1900 or born > dt.date.today():
            raise forms.ValidationError(_("This date of birth is not possible."))
        return born

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = "".join(c for c in phone if c.isdigit())
        if phone and not 9 <= len(digits) <= 12:
            raise forms.ValidationError(_("Enter a phone number of 9 to 12 digits."))
        return phone

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and not self.errors:
            raise forms.ValidationError(_("Give a phone number or an e-mail address."))
        return data


class ApplicationForm(ApplicantForm):
    consent = forms.BooleanField(
        label=_("I agree that the centre uses these details to organise the class, issue my "
                "certificate and report figures, as the privacy notice says."),
        required=True,
        error_messages={"required": _("Please agree to the use of your data to apply.")},
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


TICK_CHOICES = [("", "—"), *TrainingAttendance.Status.choices]
