"""One machine, trying it out: SQLite in var/, local-memory cache, console e-mail."""

from config.env import env_str

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = True
# A development key is generated per checkout and kept in var/, never committed.
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if SECRET_KEY is None:
    from django.core.management.utils import get_random_secret_key

    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _key_file = VAR_DIR / "secret_key.txt"
    if not _key_file.exists():
        _key_file.write_text(get_random_secret_key())
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text().strip()

# Serve static files straight from the finders: no collectstatic while developing.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
