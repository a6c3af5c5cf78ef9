from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClubSessionsConfig(AppConfig):
    name = "sessions"
    # django.contrib.sessions already owns the label "sessions".
    label = "club_sessions"
    verbose_name = _("Sessions and mock trials")

    def ready(self):
        from clubs.selectors import pupil_export_section_register
        from sessions.selectors import pupil_sessions_export

        pupil_export_section_register(pupil_sessions_export)
