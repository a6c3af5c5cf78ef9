from django import forms
from django.utils.translation import gettext_lazy as _

from support.models import SupportRecord


class SupportRecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SupportRecord.Kind.choices)
    given_on = forms.DateField(label=_("Given on"),
                               widget=forms.DateInput(attrs={"type": "date"}))
    donor = forms.CharField(label=_("Donor or source"), max_length=200)
    value = forms.IntegerField(label=_("Value (đồng)"),
                               widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    description = forms.CharField(label=_("What was given"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = "form-select" if name == "kind" else "form-control"
            field.widget.attrs.setdefault("class", css)

    # A service refusal shows under the field it is about.
    FIELD_OF_CODE = {"value": "value", "future": "given_on", "too_old": "given_on",
                     "donor": "donor", "kind": "kind"}
