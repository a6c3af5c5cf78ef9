from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClubSessionsConfig(AppConfig):
    name = "sessions"
    # django.contrib.sessions already owns the label "sessions".
    label = "club_sessions"
    verbose_name = _("Sessions and mock trials")
