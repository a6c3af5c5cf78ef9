"""Settings for bench/checkin.py only: the real site plus one baseline view (see
bench/checkin_urls.py), both served by the same gunicorn in the same run."""

from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.checkin_urls"
# The benchmark measures check-in, not the limiter refusing it.
ATTENDANCE_RATE_PER_USER = "1000000/m"
ATTENDANCE_RATE_PER_IP = "1000000/m"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
