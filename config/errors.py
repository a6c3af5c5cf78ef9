"""The one base class for refusals a user can cause, in every app.

A DomainError has a stable ``code`` (for tests, logs, API clients and stored refusals) and
a translated ``message`` (for people). Each app's error class derives from it and sets its
own class-level ``code``; families whose refusals carry their own codes (``ClubError("x",
...)``, ``CheckInError("x")``) set the instance's code, and those with a fixed table list
it in ``messages_by_code``. Views show a refusal with ``refusal_show`` or
``refusal_to_form``; the JSON API answers an uncaught one with its code and message.
tests/config/test_errors.py holds every class code unique and pinned.
"""

from collections.abc import Mapping
from typing import Any, ClassVar

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils.functional import Promise

Message = str | Promise


class DomainError(Exception):
    """A refusal the user can understand: ``code`` is stable, ``message`` translated.

    ``message`` is rendered when read (in the language active then), with ``params``
    filled into its ``%(name)s`` placeholders."""

    code: str = "refused"
    default_message: ClassVar[Message] = ""
    # Families with a fixed table of codes (attendance, training): every code they raise.
    messages_by_code: ClassVar[Mapping[str, Message]] = {}

    def __init__(
        self,
        message: Message | None = None,
        *,
        code: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        if code:
            self.code = code
        self.params: dict[str, Any] = dict(params or {})
        if not message:
            message = self.messages_by_code.get(self.code, self.default_message)
        self._message: Message = message
        super().__init__(str(message))

    @property
    def message(self) -> str:
        text = str(self._message)
        return text % self.params if self.params else text


def refusal_show(request: HttpRequest, error: DomainError) -> None:
    """Show a refusal on the next page (Django's messages framework)."""
    messages.error(request, error.message)


def refusal_to_form(form: BaseForm, error: DomainError, *, field: str | None = None) -> None:
    """Show a refusal on a form: on ``field``, or on top of the form."""
    form.add_error(field, error.message)
