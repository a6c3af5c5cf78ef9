import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms.taxonomy import Topic
from places.models import Commune
from sessions.models import TrainingModule, TrainingProgramme
from training.models import (
    Audience,
    OrganisationType,
    ProgrammeRule,
    Qualification,
    TrainingAttendance,
    TrainingClass,
)

User = get_user_model()


class CommuneField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}, {obj.province.short_name}"


class PupilField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.member_code})"


class DateInput(forms.DateInput):
    input_type = "date"


class ApplicantForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    audience = forms.ChoiceField(
        label=_("You are"), choices=[("", "—"), *Audience.choices], required=False)
    organisation_type = forms.ChoiceField(
        label=_("Type of organisation"), choices=[("", "—"), *OrganisationType.choices],
        required=False)
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


class NominationForm(ApplicantForm):
    """Staff nominate someone; a club board member is picked as that pupil."""

    pupil = PupilField(
        label=_("Club board member (pupil)"), queryset=None, required=False,
        error_messages={"invalid_choice": _("Choose a board member from the list.")},
    )

    def __init__(self, *args, **kwargs):
        from clubs.selectors import board_pupils

        super().__init__(*args, **kwargs)
        self.fields["pupil"].queryset = board_pupils()


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


# --- Staff set-up: programmes and classes -------------------------------------------------

class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = TrainingProgramme
        fields = ["title", "description", "pass_ratio"]
        labels = {"pass_ratio": _("Share of modules needed (0.5 = half, 1 = all)")}

    def clean_pass_ratio(self):
        ratio = self.cleaned_data["pass_ratio"]
        if not 0 < ratio <= 1:
            raise forms.ValidationError(_("Give a share above 0 and at most 1."))
        return ratio


class RuleForm(forms.ModelForm):
    audiences = forms.MultipleChoiceField(
        label=_("Target audiences"), choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple, required=False,
    )
    code = forms.RegexField(
        label=_("Code in certificate serials"), regex=r"^[A-Z]{2,10}$", max_length=10,
        error_messages={"invalid": _("Use 2 to 10 upper-case letters, e.g. CTXH.")},
    )

    class Meta:
        model = ProgrammeRule
        fields = ["code", "audiences", "pass_mark", "grants", "validity_months", "prerequisites"]
        widgets = {"prerequisites": forms.CheckboxSelectMultiple}

    def clean_pass_mark(self):
        mark = self.cleaned_data["pass_mark"]
        if mark is not None and mark > 100:
            raise forms.ValidationError(_("A pass mark is out of 100."))
        return mark


class ModuleForm(forms.ModelForm):
    class Meta:
        model = TrainingModule
        fields = ["position", "title", "hours", "learning_outcomes", "materials"]
        widgets = {"learning_outcomes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["materials"].queryset = Page.objects.live().filter(depth__gt=2).order_by(
            "title")
        self.fields["materials"].required = False


ModuleFormSet = forms.inlineformset_factory(
    TrainingProgramme, TrainingModule, form=ModuleForm, extra=2, can_delete=False,
)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ClassForm(forms.ModelForm):
    class Meta:
        model = TrainingClass
        fields = ["programme", "title", "slug", "venue", "partner_organisation", "trainers",
                  "capacity", "applications_open_at", "applications_close_at", "signatory"]
        widgets = {
            "applications_open_at": DateTimeInput(), "applications_close_at": DateTimeInput(),
            "trainers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = User.objects.filter(is_active=True).order_by(
            "first_name", "username")
        self.fields["programme"].queryset = TrainingProgramme.objects.filter(
            rule__isnull=False)

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity < 1:
            raise forms.ValidationError(_("A class needs at least one place."))
        return capacity

    def clean(self):
        data = super().clean()
        opens, closes = data.get("applications_open_at"), data.get("applications_close_at")
        if opens and closes and closes <= opens:
            self.add_error("applications_close_at",
                           _("Applications must close after they open."))
        return data


class ClassSessionForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Module"), queryset=TrainingModule.objects.none())
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    confirm_conflicts = forms.BooleanField(label=_("Save despite the clashes"), required=False)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = programme.modules.order_by("position")

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("A session must end after it starts."))
        return data


class TopicRequirementForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    qualification = forms.ModelChoiceField(
        label=_("Required qualification"), queryset=Qualification.objects.all(),
        required=False, empty_label=_("None required"),
    )
