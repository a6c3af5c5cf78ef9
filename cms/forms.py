"""Forms: the visitors' material search, and the document upload check for editors."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from cms import uploads
from cms.selectors import SEARCH_MAX_LENGTH
from cms.taxonomy import GRADE_MAX, GRADE_MIN, Format, Topic


class MaterialSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search materials"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        error_messages={
            "max_length": _("Please use a shorter search (at most %(limit_value)d characters).")
        },
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    grade = forms.TypedChoiceField(label=_("Grade"), required=False, coerce=int, empty_value=None)
    format = forms.ChoiceField(label=_("Format"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("All topics")), *Topic.choices]
        self.fields["format"].choices = [("", _("All formats")), *Format.choices]
        self.fields["grade"].choices = [("", _("All grades"))] + [
            (grade, gettext("Grade %(grade)d") % {"grade": grade})
            for grade in range(GRADE_MIN, GRADE_MAX + 1)
        ]

    def cleaned_filters(self) -> dict:
        """The valid filters only: an invalid field is shown with its message and ignored,
        so an odd query still gives a normal page."""
        if not self.is_bound:
            return {"query": "", "topic": "", "grade": None, "format": ""}
        self.is_valid()
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "topic": data.get("topic") or "",
            "grade": data.get("grade"),
            "format": data.get("format") or "",
        }


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form, plus a check of the file's content against its extension
    (WAGTAILDOCS_DOCUMENT_FORM_BASE). Wagtail itself checks only the extension."""

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("file") if "file" in self.changed_data else None
        if upload and hasattr(upload, "read"):
            problem = uploads.document_problem(upload)
            if problem:
                self.add_error("file", problem)
        return cleaned_data
