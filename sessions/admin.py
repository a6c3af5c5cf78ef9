"""Django admin, read-only: centre staff may look behind the leader pages, but every change
goes through sessions.services (which checks the rules and raises the feeds' SEQUENCE).
Calendar tokens are not listed: they are secrets."""

from django.contrib import admin

from config.admin import ReadOnly
from sessions.models import (
    ClubSession,
    MockTrial,
    MockTrialAudience,
    MockTrialCast,
    SessionSeries,
    TrainingModule,
    TrainingProgramme,
)


@admin.register(ClubSession)
class ClubSessionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("title", "kind", "club", "starts_at", "audience", "status")
    list_filter = ("kind", "audience", "status")
    search_fields = ("title", "venue")
    date_hierarchy = "starts_at"
    list_select_related = ("club",)
    raw_id_fields = ("club", "school", "series", "created_by", "programme_module")
    filter_horizontal = ("facilitators", "guest_clubs")
    readonly_fields = ("sequence", "occurrence_start", "detached")


@admin.register(SessionSeries)
class SessionSeriesAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("title", "club", "frequency", "dtstart", "until", "count")
    raw_id_fields = ("club", "split_from", "created_by")


class CastInline(ReadOnly, admin.TabularInline):
    model = MockTrialCast
    raw_id_fields = ("pupil",)
    extra = 0


class AudienceInline(ReadOnly, admin.TabularInline):
    model = MockTrialAudience
    extra = 0


@admin.register(MockTrial)
class MockTrialAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("case_title", "legal_topic", "hearing")
    raw_id_fields = ("hearing", "case_page")
    filter_horizontal = ("rehearsals",)
    inlines = [CastInline, AudienceInline]


class ModuleInline(ReadOnly, admin.TabularInline):
    model = TrainingModule
    extra = 0


@admin.register(TrainingProgramme)
class TrainingProgrammeAdmin(ReadOnly, admin.ModelAdmin):
    inlines = [ModuleInline]
