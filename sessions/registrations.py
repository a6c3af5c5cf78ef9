"""How many people are already registered for a session, so capacity is never set below it.

Registrations live where they are taken: the expected audience of a mock trial here, sign-ups
and check-ins in the attendance app. Apps that take registrations add a counter in their
AppConfig.ready() (``register_counter``); sessions never imports them (dependencies point
attendance -> sessions)."""

from collections.abc import Callable, Iterable

from django.db.models import Sum

CounterFn = Callable[[Iterable[int]], dict[int, int]]
_counters: list[CounterFn] = []


def register_counter(counter: CounterFn) -> None:
    """``counter(session_ids) -> {session_id: registered}``; the largest answer counts."""
    if counter not in _counters:
        _counters.append(counter)


def unregister_counter(counter: CounterFn) -> None:
    if counter in _counters:
        _counters.remove(counter)


def _mock_trial_audience(session_ids: Iterable[int]) -> dict[int, int]:
    from sessions.models import MockTrialAudience

    rows = (
        MockTrialAudience.objects.filter(trial__hearing_id__in=list(session_ids))
        .values("trial__hearing_id")
        .annotate(total=Sum("expected"))
    )
    return {row["trial__hearing_id"]: row["total"] for row in rows}


register_counter(_mock_trial_audience)


def registered_counts(session_ids: Iterable[int]) -> dict[int, int]:
    ids = list(session_ids)
    result = dict.fromkeys(ids, 0)
    for counter in list(_counters):
        for session_id, count in counter(ids).items():
            result[session_id] = max(result.get(session_id, 0), count or 0)
    return result
