"""Log records as operators read them: time, level, logger and message, as text or as one
JSON object a line (LOG_FORMAT=json), with secrets and phone numbers masked.

The application never puts a card secret, token, phone number or a pupil's name into a
log message (it logs ids and reason codes); `redact` is the safety net for what other
code writes, chiefly URLs: a card link, a projected code or a calendar feed address
carries its secret in the path, and Django logs the path of every 404.
"""

import json
import logging
import re
from datetime import UTC, datetime
from email.utils import parseaddr

from django.core.exceptions import ImproperlyConfigured

from config.env import env_list

MASK = "[redacted]"

_PATTERNS = [
    # Secrets in the path of a URL: card links, projected codes, calendar feeds.
    (re.compile(r"(/checkin/(?:card|p)/)[^/\s?\"']+"), rf"\1{MASK}"),
    (re.compile(r"(/feeds/(?:member|t)/)[^/\s?\"']+"), rf"\1{MASK}"),
    # Participants' cards, private links and survey links; certificate codes.
    (re.compile(r"(/training/(?:card|me|feedback)/)[^/\s?\"']+"), rf"\1{MASK}"),
    (re.compile(r"(/verify/)[^/\s?\"']+"), rf"\1{MASK}"),
    # Scanner tokens, and any Authorization header or token-like parameter.
    (re.compile(r"lls_[A-Za-z0-9_-]+"), f"lls_{MASK}"),
    (re.compile(r"(?i)\b(bearer|token)([\s=:]+)[^\s&,;\"']+"), rf"\1\2{MASK}"),
    # Vietnamese phone numbers: 0 or +84 then 9 digits, spaced or not.
    (re.compile(r"(?<![\w+])(?:\+84|84|0)(?:[\s.-]?\d){8,10}(?!\d)"), "[phone]"),
    # Any long random-looking run (card secrets, session keys, phone keys): letters and
    # digits mixed, 20 or more characters; not a UUID (the ids of imports and tasks).
    (
        re.compile(
            r"(?<![\w-])(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b)(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{20,}"
        ),
        MASK,
    ),
]


def redact(text: str) -> str:
    """`text` with secrets in URLs, tokens and phone numbers masked."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactFilter(logging.Filter):
    """Masks what `redact` masks in every record's message, before any handler sees it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class AdminErrorMailHandler(logging.Handler):
    """Mails an error to ADMINS: the message and the traceback, redacted. Unlike Django's
    AdminEmailHandler, no request dump and no local variables, which could hold a child's
    name or a secret."""

    def emit(self, record: logging.LogRecord) -> None:
        from django.core.mail import mail_admins

        try:
            text = TextFormatter(TEXT_FORMAT).format(record)
            subject = redact(f"{record.levelname}: {record.getMessage()}")
            mail_admins(" ".join(subject.split())[:150], text, fail_silently=True)
        except Exception:  # noqa: BLE001 - a failing mail must not break the request
            self.handleError(record)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class TextFormatter(logging.Formatter):
    """time level logger: message, then the traceback, all redacted (an exception's
    message may quote a URL or a value)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, and the
    traceback when there is one (redacted too)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def logging_config(*, level: str, json_lines: bool, mail_admins: bool) -> dict:
    """The LOGGING setting. Errors are mailed to ADMINS unless Sentry reports them."""
    handlers = {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if json_lines else "text",
            "filters": ["redact"],
        },
    }
    root = ["console"]
    if mail_admins:
        handlers["mail_admins"] = {
            "class": "config.log.AdminErrorMailHandler",
            "level": "ERROR",
            "filters": ["redact", "require_debug_false"],
        }
        root.append("mail_admins")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "redact": {"()": "config.log.RedactFilter"},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        },
        "formatters": {
            "text": {
                "()": "config.log.TextFormatter",
                "fmt": TEXT_FORMAT,
                "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            },
            "json": {"()": "config.log.JsonFormatter"},
        },
        "handlers": handlers,
        "root": {"handlers": root, "level": level},
        "loggers": {
            # Django's own handlers (console only when DEBUG, mail_admins) are replaced by
            # the root's, so nothing is printed or mailed twice.
            "django": {"handlers": [], "level": "INFO", "propagate": True},
            "django.db.backends": {"level": "WARNING"},
        },
    }


def env_admins(name: str) -> list[tuple[str, str]]:
    """Who receives error mails: "Name <address>, address, ..." as Django's ADMINS."""
    admins = []
    for item in env_list(name, []):
        display, address = parseaddr(item)
        if "@" not in address:
            raise ImproperlyConfigured(
                f"The environment variable {name} holds {item!r}, which is not an e-mail "
                "address (use 'Name <address>' or 'address', separated by commas)."
            )
        admins.append((display or address, address))
    return admins
