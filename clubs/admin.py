"""Centre staff set up schools, clubs and leader assignments here; rosters are managed in
the leader pages (clubs.views), which keep history and write the access log."""

from django.contrib import admin

from clubs.models import Club, LeaderAssignment, RecordAccess, School
from config.admin import ReadOnlyAdmin


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "commune", "province", "former_district")
    list_filter = ("level", ("province", admin.RelatedOnlyFieldListFilter),
                   ("commune", admin.RelatedOnlyFieldListFilter), "former_district")
    search_fields = ("name", "commune__name")
    autocomplete_fields = ("commune",)
    list_select_related = ("province", "commune")


class LeaderAssignmentInline(admin.TabularInline):
    model = LeaderAssignment
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Club)
class ClubAdmin(admin.ModelAdmin):
    list_display = ("name", "school", "status", "founded_on")
    list_filter = ("status", ("school__province", admin.RelatedOnlyFieldListFilter),
                   ("school__commune", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "school__name")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [LeaderAssignmentInline]


@admin.register(RecordAccess)
class RecordAccessAdmin(ReadOnlyAdmin):
    """Read-only: an audit trail nobody may edit or delete."""

    list_display = ("at", "user", "action", "pupil", "detail")
    list_filter = ("action",)
    list_select_related = ("user", "pupil")
