from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = _("Attendance")

    def ready(self):
        from attendance import checks  # noqa: F401 - registers the system checks
        from attendance.selectors import pupil_attendance_export
        from clubs.selectors import pupil_export_section_register

        pupil_export_section_register(pupil_attendance_export)
