"""Forms only shape and check input; the rules live in clubs.services."""

import copy

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clubs.models import BoardRole, GuardianConsent, Membership, Pupil, SupportNote
from clubs.selectors import ROSTER_CURRENT


class CrispyMixin:
    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label, css_class="w-100 w-sm-auto"))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RosterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search name or member code"), required=False, max_length=100)
    grade = forms.TypedChoiceField(label=_("Grade"), required=False, coerce=int, empty_value=None)
    class_name = forms.ChoiceField(label=_("Class"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), (ROSTER_CURRENT, _("Active or awaiting consent"))]
        + list(Membership.Status.choices),
    )

    def __init__(self, *args, grades=(), classes=(), **kwargs):
        # Unfiltered, the roster shows active members and those awaiting consent (a
        # leader completes them): say so in the status box.
        kwargs.setdefault("initial", {"status": ROSTER_CURRENT})
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [("", _("All grades"))] + [(g, g) for g in grades]
        self.fields["class_name"].choices = [("", _("All classes"))] + [(c, c) for c in classes]


class MemberForm(CrispyMixin, forms.ModelForm):
    """A pupil's details. Bound to a pupil for its initial values and the model's checks,
    but it never changes that object: clubs.services.member_edit compares the posted
    values with the stored ones and writes the difference."""

    class Meta:
        model = Pupil
        fields = ["full_name", "gender", "birth_year", "grade", "class_name", "guardian_name",
                  "guardian_relationship", "guardian_phone"]
        widgets = {"birth_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
                   "guardian_phone": forms.TextInput(attrs={"type": "tel"})}

    def _post_clean(self):
        # ModelForm validation copies the cleaned values onto its instance. Give it a copy:
        # the caller's pupil (the one the service diffs against) keeps the stored values.
        self.instance = copy.copy(self.instance)
        super()._post_clean()


class MemberAddForm(MemberForm):
    submit_label = _("Add member")
    member_code = forms.CharField(
        label=_("Member code"), required=False, max_length=20,
        help_text=_("Leave empty to create one."),
    )
    joined_on = forms.DateField(label=_("Joined"), widget=DateInput(), initial=timezone.localdate)

    class Meta(MemberForm.Meta):
        pass

    def _post_clean(self):
        # The pupil is created by clubs.services.member_add, not by this ModelForm: skip
        # model validation (it would need a school and a member code).
        pass


class ArchiveForm(CrispyMixin, forms.Form):
    submit_label = _("Archive member")
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(Membership.Status.INACTIVE, Membership.Status.INACTIVE.label),
                 (Membership.Status.ALUMNI, Membership.Status.ALUMNI.label)],
    )
    left_on = forms.DateField(label=_("Left on"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), max_length=200)


class MoveForm(CrispyMixin, forms.Form):
    submit_label = _("Move member")
    to_club: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Move to club"),
                                                             queryset=None)
    reason = forms.CharField(label=_("Reason"), max_length=200,
                             initial=_("Moved to another club"))

    def __init__(self, *args, clubs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_club"].queryset = clubs


class ConsentForm(CrispyMixin, forms.ModelForm):
    submit_label = _("Record consent")

    class Meta:
        model = GuardianConsent
        fields = ["guardian_name", "relationship", "given_on", "method", "notice_version",
                  "child_assent", "child_assent_on", "photo_consent"]
        widgets = {"given_on": DateInput(), "child_assent_on": DateInput()}

    def _post_clean(self):
        # Recorded by clubs.services.consent_record, which checks the rules.
        pass


class BoardRoleForm(CrispyMixin, forms.Form):
    submit_label = _("Give board seat")
    role = forms.ChoiceField(label=_("Role"), choices=BoardRole.Role.choices)
    starts_on = forms.DateField(label=_("From"), widget=DateInput(), initial=timezone.localdate)


class SupportNoteForm(CrispyMixin, forms.ModelForm):
    submit_label = _("Add note")

    class Meta:
        model = SupportNote
        fields = ["kind", "text"]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class ImportConfirmForm(forms.Form):
    duplicates_ok = forms.BooleanField(
        label=_("I checked the likely duplicates: import them anyway"), required=False
    )
