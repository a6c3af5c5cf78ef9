"""Page types of the public site and the life-skills materials library.

Club data reaches pages only through other apps' selectors, called in get_context.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms import search_text, selectors, services
from cms.blocks import BaseStreamBlock, RoleBlock
from cms.taxonomy import GRADE_MAX, GRADE_MIN, Format, Topic


class CentreProfileForm(WagtailAdminModelForm):
    """Only today's provinces are offered (the list also keeps the former ones)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from places.selectors import provinces_current

        self.fields["province"].queryset = provinces_current()


@register_setting(icon="home")
class CentreContactSettings(BaseSiteSetting):
    """The centre's profile (Settings > Centre profile): its names, province, address,
    logo and hotlines. Every page, e-mail, printed card, calendar and report reads it
    through ``cms.profile.centre_profile``; nothing about a particular centre is in code."""

    name = models.CharField(
        _("name in Vietnamese"), max_length=200, blank=True,
        help_text=_("The official name, e.g. “Trung tâm Công tác xã hội thành phố …”."),
    )
    name_en = models.CharField(
        _("name in English"), max_length=200, blank=True,
        help_text=_("Shown in English, and in French or Arabic when their name is blank."),
    )
    name_fr = models.CharField(
        _("name in French"), max_length=200, blank=True,
        help_text=_("Blank: the English name."),
    )
    name_ar = models.CharField(
        _("name in Arabic"), max_length=200, blank=True,
        help_text=_("Blank: the English name."),
    )
    short_name = models.CharField(
        _("short name"), max_length=60, blank=True,
        help_text=_("For the header, calendar names and e-mail subjects."),
    )
    province = models.ForeignKey(
        "places.Province", verbose_name=_("province"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    hotline = models.CharField(
        _("centre hotline"), max_length=30, blank=True,
        help_text=_("The centre's own counselling line, e.g. a free 1800 number."),
    )
    hotline_hours = models.CharField(_("centre hotline hours"), max_length=100, blank=True)
    national_hotline = models.CharField(
        _("national child-protection line"), max_length=30, blank=True, default="111",
    )
    national_hotline_hours = models.CharField(
        _("national line hours"), max_length=100, blank=True, default="24/7",
    )

    base_form_class = CentreProfileForm
    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("name_en"), FieldPanel("name_fr"),
                         FieldPanel("name_ar"), FieldPanel("short_name"), FieldPanel("logo")],
                        heading=_("Name and logo")),
        MultiFieldPanel([FieldPanel("province"), FieldPanel("address"), FieldPanel("email")],
                        heading=_("Where")),
        MultiFieldPanel([FieldRowPanel([FieldPanel("hotline"), FieldPanel("hotline_hours")]),
                         FieldRowPanel([FieldPanel("national_hotline"),
                                        FieldPanel("national_hotline_hours")])],
                        heading=_("Hotlines")),
    ]

    class Meta:
        verbose_name = _("centre profile")


class BasePage(Page):
    """Every public page: language links to its own translations, meta description."""

    class Meta:
        abstract = True

    @property
    def css_class(self) -> str:
        return f"page-{self._meta.model_name}"

    @property
    def meta_description(self) -> str:
        return self.search_description or getattr(self, "intro", "") or ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["language_links"] = selectors.page_language_links(page=self, request=request)
        return context

    def full_clean(self, *args, **kwargs):
        self.slug = self._readable_slug()
        super().full_clean(*args, **kwargs)

    def _readable_slug(self) -> str:
        """Until a page is first published, a slug in any script becomes short ASCII:
        a translation keeps its source page's slug (simple_translation copies it, but the
        editor re-derives it from an Arabic title), anything else is the Vietnamese title
        without marks ("ma-tuy-hoc-duong"), not a 150-character percent-encoded one.
        A published page's slug never changes here: that would break its address."""
        slug = self.slug or ""
        if self.first_published_at is not None or (slug and slug.isascii()):
            return slug
        source = None
        if self.pk or self.translation_key:
            source = (
                Page.objects.filter(translation_key=self.translation_key)
                .exclude(pk=self.pk)
                .exclude(locale_id=self.locale_id)
                .order_by("first_published_at", "pk")
                .values_list("slug", flat=True)
                .first()
            )
        if source and source.isascii():
            return source
        readable = search_text.readable_slug(slug.replace("-", " ") or self.title)
        if not readable:
            return slug
        return self._get_autogenerated_slug(readable) if self.path else readable

    def search_folded_text(self) -> str:
        """Every searchable field of the page, folded (no marks, đ as d), indexed beside
        the text itself so that "ma tuy" and "ma túy" find the same pages
        (cms/search_text.py). Index it with `index.SearchField("search_folded_text")`."""
        texts = []
        for search_field in self.get_search_fields():
            if (
                isinstance(search_field, index.SearchField)
                and search_field.field_name != "search_folded_text"
            ):
                texts.append(_plain_text(search_field.get_value(self)))
        return search_text.fold(" ".join(texts))


def _plain_text(value) -> str:
    if isinstance(value, list | tuple):
        return " ".join(_plain_text(item) for item in value)
    return "" if value is None else str(value)


class HomePage(BasePage):
    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.MaterialIndexPage", "cms.NewsIndexPage", "cms.PublicEventsPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming_events"] = selectors.upcoming_public_events(limit=4)
        context["featured_materials"] = selectors.featured_materials(
            locale_id=self.locale_id, limit=6
        )
        context["latest_news"] = selectors.latest_news(locale_id=self.locale_id, limit=3)
        context["section_pages"] = selectors.section_pages(home=self)
        return context


class MaterialIndexPage(BasePage):
    """The library: lists, searches and filters the materials below it."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.MaterialPage", "cms.MockTrialCasePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("materials library")

    def get_context(self, request, *args, **kwargs):
        from cms.forms import MaterialSearchForm

        context = super().get_context(request, *args, **kwargs)
        form = MaterialSearchForm(request.GET or None)
        filters = form.cleaned_filters()
        search = selectors.materials_search(index=self, **filters)
        context["search_form"] = form
        context["filtered"] = any(filters.values())
        context["materials"] = selectors.paginate(
            search.results, request.GET.get("page"), per_page=12
        )
        context["query_words"] = search.words
        context["close_matches"] = search.close_matches
        if request.GET.get("page", "1") == "1":  # the first page of a search, not the next
            context["promoted"] = search.promoted
            if search.words:
                services.search_query_record(query=" ".join(search.words))
        other_params = request.GET.copy()
        other_params.pop("page", None)
        context["pagination_prefix"] = f"{other_params.urlencode()}&" if other_params else ""
        return context


class MaterialPage(BasePage):
    intro = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences shown in lists, search results and link previews."),
    )
    topic = models.CharField(_("life-skill topic"), max_length=30, choices=Topic.choices)
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.SESSION_PLAN
    )
    grade_min = models.PositiveSmallIntegerField(
        _("from grade"),
        default=6,
        validators=[MinValueValidator(GRADE_MIN), MaxValueValidator(GRADE_MAX)],
    )
    grade_max = models.PositiveSmallIntegerField(
        _("to grade"),
        default=12,
        validators=[MinValueValidator(GRADE_MIN), MaxValueValidator(GRADE_MAX)],
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=45,
        validators=[MinValueValidator(5), MaxValueValidator(600)],
    )
    featured = models.BooleanField(_("show on the home page"), default=False)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("topic"), FieldPanel("format")]),
                FieldRowPanel(
                    [
                        FieldPanel("grade_min"),
                        FieldPanel("grade_max"),
                        FieldPanel("duration_minutes"),
                    ]
                ),
                FieldPanel("featured"),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("search_folded_text"),
        index.FilterField("topic"),
        index.FilterField("format"),
        index.FilterField("grade_min"),
        index.FilterField("grade_max"),
        index.FilterField("locale_id"),
    ]
    parent_page_types = ["cms.MaterialIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints = [
            models.CheckConstraint(
                condition=Q(grade_min__lte=F("grade_max")), name="materialpage_grades_ordered"
            ),
        ]

    def clean(self):
        super().clean()
        if self.grade_min and self.grade_max and self.grade_min > self.grade_max:
            raise ValidationError(
                {"grade_max": _("The last grade must not be lower than the first grade.")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.sessions_context(request))
        return context

    def sessions_context(self, request) -> dict:
        """To signed-in leaders and centre staff: the sessions (of clubs they may see) that
        used this material in any of its languages, latest first. Anonymous readers and
        pupils get nothing here, and signed-in people are never served from the page
        cache, so this never leaks into a cached page."""
        user = request.user
        if not user.is_authenticated or not user.has_leader_role:
            return {"material_sessions": []}
        from sessions.selectors import sessions_for_material

        page_ids = self.get_translations(inclusive=True).values_list("pk", flat=True)
        sessions = sessions_for_material(page_ids=page_ids, user=user).order_by("-starts_at")
        return {"material_sessions": list(sessions[:20])}


class MockTrialCasePage(MaterialPage):
    """A case file for a mock trial: the sessions app's mock trials link here."""

    case_summary = models.TextField(
        _("the case"), help_text=_("What happened, as the court will hear it.")
    )
    legal_basis = models.TextField(
        _("laws involved"), blank=True, help_text=_("Articles of law the case turns on.")
    )
    roles = StreamField([("role", RoleBlock())], blank=True, verbose_name=_("roles"))

    content_panels = (
        MaterialPage.content_panels[:2]
        + [
            FieldPanel("case_summary"),
            FieldPanel("legal_basis"),
            FieldPanel("roles"),
        ]
        + MaterialPage.content_panels[2:]
    )
    search_fields = MaterialPage.search_fields + [
        index.SearchField("case_summary"),
        index.SearchField("legal_basis"),
    ]
    parent_page_types = ["cms.MaterialIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("mock trial case")
        verbose_name_plural = _("mock trial cases")

    def clean(self):
        # A case file is always listed under the mock-trial format, whatever was picked.
        self.format = Format.MOCK_TRIAL
        super().clean()


class NewsIndexPage(BasePage):
    intro = models.TextField(_("introduction"), max_length=500, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = selectors.news_in(index=self)
        context["news"] = selectors.paginate(news, request.GET.get("page"), per_page=10)
        return context


class NewsPage(BasePage):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("summary"), max_length=300)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("search_folded_text"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news story")
        verbose_name_plural = _("news stories")


class PublicEventsPage(BasePage):
    """Upcoming sessions that clubs opened to the public. Shows what, when and where;
    never who attends."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("public events page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = selectors.upcoming_public_events(limit=50)
        return context
