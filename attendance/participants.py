"""People who are not pupils (adults in a training class) check in through the same
/checkin/ URLs, codes and window rules, and through the same leader scanner. Attendance
must not import the apps that own those people (dependencies point the other way), so
such an app registers handlers here at start-up (training.apps). See docs/training.md.

A phone handler is called as handler(request, session=..., method=...) after the
projected or typed code was checked; `session` is a checkin_read.SessionRef (id, title,
kind). It returns None when the phone is not one of its
people (the pupil flow then runs as before), a CheckInResult when it checked the person
in, or raises CheckInError with a reason.

A CardReader serves the scanner (attendance.api, attendance.views.scanner): `checkin`
reads a scanned text and returns None when it is not one of its cards (the pupil flow
runs), else a CheckInResult or a CheckInError; `may_scan(user, session)` lets people who
do not lead a club (a class's trainers) open the scanner for sessions of theirs;
`checked_in(session)` counts its people in, for the scanner's running count;
`only_own_people(session)` says the session is held for its people alone (a training
class's): checkin_record then checks no pupil in there (asked only for sessions of kind
"training", so other check-ins pay no query)."""

from collections.abc import Callable
from dataclasses import dataclass

_handlers: list[Callable] = []
_card_readers: list["CardReader"] = []


def register(handler) -> None:
    if handler not in _handlers:
        _handlers.append(handler)


def checkin(request, *, session, method):
    for handler in _handlers:
        result = handler(request, session=session, method=method)
        if result is not None:
            return result
    return None


@dataclass(frozen=True)
class CardReader:
    checkin: Callable  # (*, session, card, actor, scanner, nonce, scanned_at)
    may_scan: Callable  # (user, session) -> bool
    checked_in: Callable  # (session) -> int
    only_own_people: Callable  # (session) -> bool


def card_reader_register(reader: CardReader) -> None:
    if reader not in _card_readers:
        _card_readers.append(reader)


def card_checkin(*, session, card, actor, scanner, nonce, scanned_at):
    """A registered app's answer for this scanned text, or None (a pupil's card)."""
    for reader in _card_readers:
        result = reader.checkin(session=session, card=card, actor=actor, scanner=scanner,
                                nonce=nonce, scanned_at=scanned_at)
        if result is not None:
            return result
    return None


def may_scan(user, session) -> bool:
    return any(reader.may_scan(user, session) for reader in _card_readers)


def checked_in(session) -> int:
    return sum(reader.checked_in(session) for reader in _card_readers)


def only_own_people(session) -> bool:
    return any(reader.only_own_people(session) for reader in _card_readers)
