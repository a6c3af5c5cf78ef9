"""An extension point for warnings about a session being planned (the session form shows
them, and saving needs the same "save anyway" tick as clashes). Apps above sessions
register a function (topic, facilitators, day) -> list of messages; sessions knows none
of them. Training registers the facilitator-qualification check (docs/training.md)."""

from collections.abc import Callable

_checks: list[Callable] = []


def register(check) -> None:
    if check not in _checks:
        _checks.append(check)


def plan_warnings(*, topic: str, facilitators, day) -> list[str]:
    return [message for check in _checks for message in check(topic=topic,
                                                               facilitators=facilitators,
                                                               day=day)]
