"""Forms only parse and present: every rule is checked in sessions.services."""

import datetime as dt
from zoneinfo import ZoneInfo

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from dateutil import rrule
from django import forms
from django.conf import settings
from django.db.models import Case, Value, When
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from accounts.models import User
from clubs.models import Club, School
from sessions.models import ClubSession, MockTrial, MockTrialCast, SessionSeries
from sessions.plan_warnings import plan_warnings
from sessions.services import SessionPlan

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)
MAX_SKIP_RANGE_DAYS = 62


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


SKIP_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")  # as the interface shows; ISO still read


def _skip_date(text: str) -> dt.date:
    for fmt in SKIP_DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def format_skip_dates(isoformat_dates) -> str:
    """Stored skipped dates (ISO) as the form shows them: dd/mm/yyyy, one a line."""
    return "\n".join(dt.date.fromisoformat(d).strftime("%d/%m/%Y") for d in isoformat_dates)


def parse_skip_dates(text: str) -> list[dt.date]:
    """One date or range per line: ``27/01/2025`` or ``25/01/2025 .. 02/02/2025`` (ISO
    dates, as older forms sent them, are read too)."""
    dates: list[dt.date] = []
    for line in (text or "").replace(",", "\n").splitlines():
        line = line.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.replace("..", " ").split()] if ".." in line else [line]
        try:
            first, last = _skip_date(parts[0]), _skip_date(parts[-1])
        except ValueError:
            raise forms.ValidationError(
                _("“%(line)s” is not a date (use dd/mm/yyyy or dd/mm/yyyy .. "
                  "dd/mm/yyyy)."), params={"line": line}, code="impossible_date",
            ) from None
        if last < first or (last - first).days > MAX_SKIP_RANGE_DAYS:
            raise forms.ValidationError(
                _("The range “%(line)s” must go forward and last at most %(n)s "
                  "days."), params={"line": line, "n": MAX_SKIP_RANGE_DAYS},
                code="impossible_date",
            )
        dates.extend(d.date() for d in rrule.rrule(rrule.DAILY, dtstart=first, until=last))
    return sorted(set(dates))


class MaterialChoiceField(forms.ModelMultipleChoiceField):
    """Material pages only (MaterialPage and its kinds, not news or index pages), those in
    the form's language first, each labelled with its language so the four translations of
    one material can be told apart; the template adds a search box."""

    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.locale.language_code})"


def material_pages(language: str):
    from cms.models import MaterialPage

    return (
        Page.objects.live().type(MaterialPage).select_related("locale")
        .annotate(other_language=Case(When(locale__language_code=language, then=Value(0)),
                                      default=Value(1)))
        .order_by("other_language", "title", "pk")
    )


class SessionForm(forms.Form):
    REPEAT_CHOICES = [("", _("Does not repeat")), *SessionSeries.Frequency.choices]

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ClubSession.Kind.choices)
    club = forms.ModelChoiceField(label=_("Organising club"), queryset=Club.objects.none(),
                                  required=False)
    topic = forms.CharField(label=_("Life-skill topic"), max_length=50, required=False)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends"), widget=TimeInput())
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    audience = forms.ChoiceField(label=_("Audience"), choices=ClubSession.Audience.choices)
    guest_clubs = forms.ModelMultipleChoiceField(
        label=_("Guest clubs (several clubs)"), queryset=Club.objects.all(), required=False
    )
    school = forms.ModelChoiceField(label=_("School (whole school)"),
                                    queryset=School.objects.all(), required=False)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=100000,
                                  required=False)
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators"), required=False,
        queryset=User.objects.filter(
            is_active=True,
            role__in=User.LEADER_ROLES,
        ).order_by("display_name", "username"),
    )
    materials = MaterialChoiceField(
        label=_("Materials"), required=False, queryset=Page.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"data-searchable": _("Find a material")}),
    )
    description = forms.CharField(label=_("Description (shown in calendars)"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    private_notes = forms.CharField(label=_("Private facilitator notes"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    repeat = forms.ChoiceField(label=_("Repeats"), choices=REPEAT_CHOICES, required=False)
    until = forms.DateField(label=_("Until (last date)"), required=False, widget=DateInput())
    count = forms.IntegerField(label=_("Or number of times"), min_value=1, max_value=200,
                               required=False)
    skip_dates = forms.CharField(
        label=_("Skip dates (Tết, exam weeks)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "25/01/2025 .. 02/02/2025"}),
        help_text=_("One date or range per line: 27/01/2025 or 25/01/2025 .. 02/02/2025."),
    )
    confirm_conflicts = forms.BooleanField(
        label=_("I know about the clashes listed above: save anyway"), required=False
    )

    def __init__(self, *args, clubs=None, allow_centre=False, with_repeat=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["materials"].queryset = material_pages(get_language() or "vi")
        self.fields["club"].queryset = clubs if clubs is not None else Club.objects.none()
        self.fields["club"].required = not allow_centre
        if allow_centre:
            self.fields["club"].empty_label = _("The centre (no club)")
        if not with_repeat:
            for name in ("repeat", "until", "count", "skip_dates"):
                del self.fields[name]
        self.helper = FormHelper()
        self.helper.form_tag = False
        # Phone first: what and when on top, start and end side by side.
        sections = [
            Fieldset("", "title", "kind", "club", "topic"),
            Fieldset(_("When and where"), "date",
                     Row(Column("start_time", css_class="col-6"),
                         Column("end_time", css_class="col-6")), "venue"),
        ]
        if with_repeat:
            sections.append(Fieldset(_("Repeats"), "repeat",
                                     Row(Column("until", css_class="col-7"),
                                         Column("count", css_class="col-5")), "skip_dates"))
        sections += [
            Fieldset(_("Who"), "audience", "guest_clubs", "school", "capacity",
                     "facilitators"),
            Fieldset(_("Materials and notes"), "materials", "description", "private_notes"),
        ]  # confirm_conflicts: the template shows it only beside the clashes it confirms
        self.helper.layout = Layout(*sections)

    def clean_skip_dates(self):
        return parse_skip_dates(self.cleaned_data.get("skip_dates", ""))

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("start_time") and data.get("end_time"):
            data["starts_at"] = dt.datetime.combine(data["date"], data["start_time"],
                                                    tzinfo=LOCAL_TZ)
            data["ends_at"] = dt.datetime.combine(data["date"], data["end_time"],
                                                  tzinfo=LOCAL_TZ)
        if not data.get("confirm_conflicts"):  # e.g. a facilitator lacks a qualification
            for warning in plan_warnings(topic=data.get("topic", ""), day=data.get("date"),
                                         facilitators=data.get("facilitators") or []):
                self.add_error(None, warning)
        return data

    def plan(self) -> SessionPlan:
        d = self.cleaned_data
        return SessionPlan(
            title=d["title"], kind=d["kind"], club=d.get("club"), topic=d.get("topic", ""),
            audience=d["audience"], venue=d.get("venue", ""), capacity=d.get("capacity"),
            description=d.get("description", ""), private_notes=d.get("private_notes", ""),
            school=d.get("school"), guest_clubs=list(d.get("guest_clubs") or []),
            facilitators=list(d.get("facilitators") or []),
            materials=list(d.get("materials") or []),
        )

    @staticmethod
    def initial_for(session: ClubSession) -> dict:
        start, end = (session.starts_at.astimezone(LOCAL_TZ),
                      session.ends_at.astimezone(LOCAL_TZ))
        initial = {name: getattr(session, name) for name in SessionPlan.SCALARS}
        initial.update(
            date=start.date(), start_time=start.time(), end_time=end.time(),
            guest_clubs=list(session.guest_clubs.all()),
            facilitators=list(session.facilitators.all()),
            materials=list(session.materials.all()),
        )
        if session.series_id:
            series = session.series
            initial.update(
                # series_id is set, so series is not None
                repeat=series.frequency, until=series.until,  # type: ignore[union-attr]
                skip_dates=format_skip_dates(series.skip_dates),  # type: ignore[union-attr]
            )
        return initial


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason (members will see it)"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class MockTrialForm(forms.ModelForm):
    class Meta:
        model = MockTrial
        fields = ["case_title", "legal_topic", "summary", "case_page"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_page"].queryset = Page.objects.live().filter(depth__gt=2)
        self.helper = FormHelper()
        self.helper.form_tag = False


class CastForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MockTrialCast.Role.choices)
    part = forms.CharField(label=_("Part (e.g. Witness 2)"), max_length=100, required=False)
    # An id, not a ModelChoiceField: a pupil outside the clubs must reach the service, which
    # refuses with a clear message, rather than a bare "not one of the choices".
    pupil = forms.IntegerField(label=_("Pupil"), widget=forms.Select)
    is_understudy = forms.BooleanField(label=_("Understudy"), required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pupil"].widget.choices = [("", "---------")] + [
            (p.pk, f"{p.full_name} ({p.class_name})") for p in members
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False


class AudienceForm(forms.Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.all())
    class_name = forms.CharField(label=_("Class"), max_length=20)
    expected = forms.IntegerField(label=_("Expected pupils"), min_value=1, max_value=5000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class RehearsalForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Rehearsal session"),
                                     queryset=ClubSession.objects.none())

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sessions is not None:
            self.fields["session"].queryset = sessions
        self.helper = FormHelper()
        self.helper.form_tag = False
