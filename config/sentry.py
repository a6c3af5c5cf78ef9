"""Error reports to Sentry (SENTRY_DSN), with no personal data.

Most people in this system are children: a report carries the error, the stack (without
local variables) and the URL with its secrets masked, never who was signed in, a cookie,
a header that may hold a token, a form's content, a pupil's name or a phone number.
"""

from collections.abc import Mapping

from config.log import redact

# Request headers that may be sent as they are; every other one is dropped.
_SAFE_HEADERS = {"accept", "accept-language", "content-type", "content-length", "user-agent"}


def _redacted(value):
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, Mapping):
        return {key: _redacted(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_redacted(item) for item in value]
    return value


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """before_send: keep what finds the bug, drop or mask what could identify a person."""
    event.pop("user", None)
    event.pop("extra", None)
    event.pop("server_name", None)
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("cookies", "data", "env", "query_string"):
            request.pop(key, None)
        headers = request.get("headers") or {}
        request["headers"] = {
            name: value for name, value in headers.items() if name.lower() in _SAFE_HEADERS
        }
        if "url" in request:
            request["url"] = redact(request["url"])
    for exception in (event.get("exception") or {}).get("values") or []:
        if isinstance(exception.get("value"), str):
            exception["value"] = redact(exception["value"])
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    for crumb in (event.get("breadcrumbs") or {}).get("values") or []:
        # SQL parameters and logged arguments can hold anything: keep only the text.
        crumb.pop("data", None)
        if isinstance(crumb.get("message"), str):
            crumb["message"] = redact(crumb["message"])
    if "logentry" in event:
        entry = event["logentry"]
        entry.pop("params", None)
        if isinstance(entry.get("message"), str):
            entry["message"] = redact(entry["message"])
        if isinstance(entry.get("formatted"), str):
            entry["formatted"] = redact(entry["formatted"])
    if isinstance(event.get("message"), str):
        event["message"] = redact(event["message"])
    event["tags"] = _redacted(event.get("tags") or {})
    return event


def sentry_options(*, dsn: str, environment: str, release: str | None) -> dict:
    """The keyword arguments for sentry_sdk.init (kept apart so a test can check them)."""
    from sentry_sdk.integrations.django import DjangoIntegration

    return {
        "dsn": dsn,
        "environment": environment,
        "release": release,
        "integrations": [DjangoIntegration()],
        "send_default_pii": False,
        "include_local_variables": False,
        "max_request_body_size": "never",
        "before_send": scrub_event,
        "before_send_transaction": lambda event, hint: None,  # errors only, no tracing
        "traces_sample_rate": 0.0,
    }


def sentry_init(*, dsn: str, environment: str, release: str | None = None) -> None:
    import sentry_sdk

    sentry_sdk.init(**sentry_options(dsn=dsn, environment=environment, release=release))
