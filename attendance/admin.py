"""Read-mostly admin for support: corrections go through the live roster (the service),
not through here, so every rule still applies."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from attendance.models import Attendance, GuestAttendance, RefusedScan, ScannerDevice
from attendance.services import scanner_device_revoke


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["session", "pupil", "status", "method", "checked_in_at", "recorded_by"]
    list_filter = ["status", "method"]
    list_select_related = ["session", "pupil", "recorded_by"]
    readonly_fields = [f.name for f in Attendance._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(RefusedScan)
class RefusedScanAdmin(admin.ModelAdmin):
    list_display = ["created_at", "session", "code", "method", "pupil", "actor"]
    list_filter = ["code", "method"]
    list_select_related = ["session", "pupil", "actor"]
    readonly_fields = [f.name for f in RefusedScan._meta.fields]

    def has_add_permission(self, request):
        return False


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


admin.site.register(GuestAttendance)
