"""Read-only admin for support: corrections go through the live roster (the services), so
every rule still applies and every correction leaves an AttendanceChange. Nothing here
adds, changes or deletes attendances, refusals, guests or their history."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from attendance.models import (
    Attendance,
    AttendanceChange,
    GuestAttendance,
    RefusedScan,
    ScannerDevice,
)
from attendance.services import scanner_device_revoke
from config.admin import ReadOnlyAdmin


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ["session", "pupil", "status", "method", "checked_in_at", "recorded_by"]
    list_filter = ["status", "method"]
    list_select_related = ["session", "pupil", "recorded_by"]


@admin.register(RefusedScan)
class RefusedScanAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "session", "code", "method", "pupil", "actor"]
    list_filter = ["code", "method"]
    list_select_related = ["session", "pupil", "actor"]


@admin.register(GuestAttendance)
class GuestAttendanceAdmin(ReadOnlyAdmin):
    list_display = ["recorded_at", "session", "headcount", "name", "recorded_by"]
    list_select_related = ["session", "recorded_by"]


@admin.register(AttendanceChange)
class AttendanceChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "session", "action", "pupil", "old_status", "new_status", "actor"]
    list_filter = ["action"]
    list_select_related = ["session", "pupil", "actor"]


@admin.register(ScannerDevice)
class ScannerDeviceAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "created_at", "last_used_at", "revoked_at"]
    # Revoking goes through the service (it also drops the API's cached answer).
    readonly_fields = ["token_hash", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    @admin.action(description=_("Revoke the selected devices"))
    def revoke(self, request, queryset):
        for device in queryset:
            scanner_device_revoke(device=device)
