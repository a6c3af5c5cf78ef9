"""Early warnings: active members drifting away, per club thresholds. Reads club and
attendance data through those apps' selectors; three queries whatever the size."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from alerts.models import MISSED_DEFAULT, RATE_DEFAULT, ClubWarningSettings
from attendance.selectors import REPORT_ATTENDED, member_attendance_history
from clubs.selectors import active_members_of

ABSENT = "absent"
EXCUSED = "excused"


@dataclass
class MemberWarning:
    club_id: int
    pupil_id: int
    name: str
    missed_in_row: int
    rate: int  # percent of expected sessions attended this school year
    expected: int
    missed: list = field(default_factory=list)  # (title, starts_at) of the sessions missed
    reasons: list = field(default_factory=list)  # "in_row", "rate"


def club_thresholds(*, club_ids: Iterable[int]) -> dict:
    """{club id: (missed in a row, lowest rate %)}, the defaults where none was set."""
    saved = {
        c: (m, r) for c, m, r in ClubWarningSettings.objects.filter(club_id__in=club_ids)
        .values_list("club_id", "missed_in_row", "min_rate")
    }
    return {c: saved.get(c, (MISSED_DEFAULT, RATE_DEFAULT)) for c in club_ids}


def _school_year_start(today: dt.date) -> dt.datetime:
    first = dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    return dt.datetime.combine(first, dt.time.min, tzinfo=timezone.get_current_timezone())


def warnings_for_clubs(*, club_ids: Iterable[int],
                       today: dt.date | None = None) -> list[MemberWarning]:
    """Active members of the clubs who missed at least the club's number of expected
    sessions in a row (their latest ones), or whose attendance this school year is under
    the club's share (once they were expected at that many sessions). An excused absence
    counts neither way. Members in club order, then by name."""
    club_ids = list(club_ids)
    if not club_ids:
        return []
    today = today or timezone.localdate()
    thresholds = club_thresholds(club_ids=club_ids)
    history: dict = {}
    for pupil_id, club_id, _sid, title, starts_at, status in member_attendance_history(
        club_ids=club_ids, since=_school_year_start(today)
    ):
        if status != EXCUSED:
            history.setdefault((club_id, pupil_id), []).append((title, starts_at, status))
    found = []
    for club_id, pupil_id, name in active_members_of(club_ids=club_ids):
        rows = history.get((club_id, pupil_id), [])
        if not rows:
            continue
        missed_limit, rate_limit = thresholds[club_id]
        streak = 0
        for _title, _at, status in reversed(rows):
            if status != ABSENT:
                break
            streak += 1
        attended = sum(1 for row in rows if row[2] in REPORT_ATTENDED)
        rate = round(100 * attended / len(rows))
        reasons = []
        if streak >= missed_limit:
            reasons.append("in_row")
        if len(rows) >= missed_limit and rate < rate_limit:
            reasons.append("rate")
        if reasons:
            missed = [(t, at) for t, at, s in rows if s == ABSENT][-max(streak, 5):]
            found.append(MemberWarning(club_id, pupil_id, name, streak, rate, len(rows),
                                       missed, reasons))
    return found
