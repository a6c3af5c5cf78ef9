"""Choosing a place: a province and one of its wards/communes, for filters and forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from places.models import Commune
from places.selectors import place_q, provinces_current


class PlaceFilterForm(forms.Form):
    """A GET filter by province and ward/commune. ``communes`` limits the ward choices
    (e.g. to those that have schools); a ward outside the chosen province is an error,
    and an invalid filter filters nothing."""

    province: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Province"), queryset=None, required=False, empty_label=_("All provinces"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    commune: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Ward or commune"), queryset=None, required=False,
        empty_label=_("All wards and communes"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces_current()
        queryset = communes if communes is not None else Commune.objects.all()
        self.fields["commune"].queryset = queryset.select_related("province").order_by(
            "province__short_name", "name")
        self.fields["commune"].label_from_instance = (
            lambda c: f"{c.name} ({c.province.short_name})")

    def clean(self):
        data = super().clean()
        province, commune = data.get("province"), data.get("commune")
        if province and commune and commune.province_id != province.pk:
            self.add_error("commune", _("This ward or commune is in another province."))
        return data

    def filter_q(self, prefix: str):
        """A Q for ``<prefix>province`` / ``<prefix>commune``, counting units merged into
        the chosen ones; None when nothing (valid) is chosen."""
        if not self.is_valid() or not any(self.cleaned_data.values()):
            return None
        return place_q(prefix, **self.place())

    def place(self) -> dict:
        """``province`` and ``commune`` chosen (None when not, or when invalid)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {"province": data.get("province"), "commune": data.get("commune")}
