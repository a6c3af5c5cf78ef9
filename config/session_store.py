"""Django's cached_db session store, reading only session keys it could have made.

The session cookie is whatever the browser sends: Django's own check (8 characters or
more) lets a NUL byte through to the session table, and PostgreSQL refuses it with an
error, a 500 on every page for that visitor, the check-in pages included. A key Django
never makes (32 characters of VALID_KEY_CHARS) is treated as no session at all."""

import re

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbSessionStore

SESSION_KEY_RE = re.compile(f"[{re.escape(VALID_KEY_CHARS)}]{{8,40}}")


class SessionStore(CachedDbSessionStore):
    def _validate_session_key(self, key):
        return isinstance(key, str) and SESSION_KEY_RE.fullmatch(key) is not None
