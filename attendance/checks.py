"""System checks: a malformed check-in rate stops `manage.py check` and the management
commands a deploy runs (migrate), instead of failing the first scan."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from attendance.ratelimit import parse_rate

RATE_SETTINGS = ("ATTENDANCE_RATE_PER_IP", "ATTENDANCE_RATE_PER_USER", "ATTENDANCE_RATE_PER_PHONE")


@register()
def check_rates(app_configs, **kwargs):
    errors = []
    for name in RATE_SETTINGS:
        try:
            parse_rate(getattr(settings, name))
        except ImproperlyConfigured as error:
            errors.append(Error(str(error), hint=f"Set {name} like 120/m.", id="attendance.E001"))
    return errors
