"""People who are not pupils (adults in a training class) check in through the same
/checkin/ URLs, codes and window rules. Attendance must not import the apps that own
those people (dependencies point the other way), so such an app registers a handler here
at start-up (training.apps). See docs/training.md.

A handler is called as handler(request, session=..., method=...) after the projected or
typed code was checked. It returns None when the phone is not one of its people (the
pupil flow then runs as before), a CheckInResult when it checked the person in, or raises
CheckInError with a reason."""

from collections.abc import Callable

_handlers: list[Callable] = []


def register(handler) -> None:
    if handler not in _handlers:
        _handlers.append(handler)


def checkin(request, *, session, method):
    for handler in _handlers:
        result = handler(request, session=session, method=method)
        if result is not None:
            return result
    return None
