"""iCalendar (RFC 5545) documents built with the icalendar package.

A series is published once, as a master VEVENT with RRULE and EXDATE (its skipped dates);
an occurrence changed or cancelled on its own is an override VEVENT with the series UID
and a RECURRENCE-ID. UIDs are stable; SEQUENCE is the revision the services raise.
Nothing here reads private notes or pupils: a feed is a URL, and URLs get shared."""

import datetime as dt
from collections.abc import Iterable
from itertools import groupby
from zoneinfo import ZoneInfo

import icalendar
from dateutil import rrule
from django.conf import settings
from django.utils.translation import gettext as _

from sessions.models import ClubSession, SessionSeries

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)
UID_DOMAIN = "lalanh"
REFRESH = dt.timedelta(hours=6)
REMINDER = dt.timedelta(hours=1)


def session_uid(session: ClubSession) -> str:
    return f"session-{session.pk}@{UID_DOMAIN}"


def series_uid(series: SessionSeries) -> str:
    return f"series-{series.pk}@{UID_DOMAIN}"


def _local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(LOCAL_TZ)


def _describe(session: ClubSession) -> str:
    lines = [str(session.get_kind_display())]
    if session.topic:
        lines.append(_("Topic: %(topic)s") % {"topic": session.topic})
    if session.club_id:
        lines.append(_("Organised by %(club)s") % {"club": session.club.name})  # type: ignore[union-attr]
    if session.description:
        lines.append(session.description)
    if session.status == ClubSession.Status.CANCELLED and session.cancel_reason:
        lines.append(_("Cancelled: %(reason)s") % {"reason": session.cancel_reason})
    return "\n".join(lines)


def _event(session: ClubSession, *, uid: str, sequence: int) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", session.updated_at.astimezone(dt.UTC))
    event.add("created", session.created_at.astimezone(dt.UTC))
    event.add("last-modified", session.updated_at.astimezone(dt.UTC))
    event.add("sequence", sequence)
    event.add("summary", session.title)
    event.add("dtstart", _local(session.starts_at))
    event.add("dtend", _local(session.ends_at))
    if session.venue:
        event.add("location", session.venue)
    event.add("description", _describe(session))
    event.add("categories", [str(session.get_kind_display())])
    event.add("class", "PUBLIC" if session.audience == ClubSession.Audience.PUBLIC
              else "PRIVATE")
    cancelled = session.status == ClubSession.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if not cancelled:
        event.add_component(_alarm(session.title))
    return event


def _series_events(series: SessionSeries, rows: list[ClubSession]) -> list[icalendar.Event]:
    """The series as this feed sees it: only ``rows`` (the occurrences in the feed's
    window and scope) are true here. The master's RRULE is published from the first of
    them to the last, and every date it describes without a row in ``rows`` is an EXDATE
    (skipped dates, dates moved to another club, dates gone from the window), so no client
    shows a meeting the feed knows nothing about."""
    uid = series_uid(series)
    # Rows that follow the rule all carry the series' current details.
    template = next((r for r in rows if not r.detached), rows[0])
    master = _event(template, uid=uid, sequence=series.sequence)
    # Every row of a series has its occurrence_start.
    shown = {_local(row.occurrence_start) for row in rows}  # type: ignore[arg-type]
    first, last = min(shown), max(shown)
    master["dtstart"] = icalendar.vDDDTypes(first)
    master["dtend"] = icalendar.vDDDTypes(first + series.duration)
    master["status"] = "CONFIRMED"
    master["description"] = _describe_series(template)
    master.subcomponents = [_alarm(template.title)]
    rule, described = _published_rule(series, first, last)
    master.add("rrule", rule)
    excluded = [start for start in described if start not in shown]
    if excluded:
        master.add("exdate", excluded)
    events = [master]
    for row in rows:
        if not row.detached:
            continue
        override = _event(row, uid=uid, sequence=max(series.sequence, row.sequence))
        override.add("recurrence-id", _local(row.occurrence_start))  # type: ignore[arg-type]
        events.append(override)
    return events


def _published_rule(series: SessionSeries, first: dt.datetime, last: dt.datetime):
    """The series' RRULE restarted at ``first`` and ended at ``last`` (both dates of the
    rule), and every date that published rule describes, expanded the way clients do."""
    freq, interval, _name = SessionSeries.RULES[series.frequency]  # type: ignore[index]
    value = dict(series.ical_rule())
    value.pop("COUNT", None)
    value.pop("UNTIL", None)
    described = list(rrule.rrule(freq, interval=interval, dtstart=first, until=last))
    if series.count:
        value["COUNT"] = len(described)
    else:
        # With a TZID'd DTSTART, UNTIL must be given in UTC (RFC 5545 3.3.10).
        value["UNTIL"] = last.astimezone(dt.UTC)
    return value, described


def _describe_series(template: ClubSession) -> str:
    if template.status != ClubSession.Status.CANCELLED:
        return _describe(template)
    # The template is only a cancelled override when every row is one; the series itself
    # is not cancelled.
    lines = _describe(template).splitlines()
    return "\n".join(lines[:-1] if template.cancel_reason else lines)


def _alarm(title: str) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", -REMINDER)
    return alarm


def _calendar() -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Lá Lành//Club sessions//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    return cal


def build_event_file(session: ClubSession) -> bytes:
    """One session as a file to open once ("add to my calendar"): a single event, even
    for a date of a series (the file holds that date only), with its own UID."""
    cal = _calendar()
    cal.add_component(_event(session, uid=session_uid(session), sequence=session.sequence))
    cal.add_missing_timezones()
    return cal.to_ical()


def build_calendar(sessions: Iterable[ClubSession], *, name: str) -> bytes:
    """One VCALENDAR for these sessions (already filtered for the reader)."""
    cal = _calendar()
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal["x-published-ttl"] = icalendar.vDuration(REFRESH)

    rows = sorted(sessions, key=lambda s: (s.series_id or 0, s.starts_at, s.pk))
    for series_id, grouped in groupby(rows, key=lambda s: s.series_id):
        group = list(grouped)
        if series_id is None:
            for session in group:
                cal.add_component(_event(session, uid=session_uid(session),
                                         sequence=session.sequence))
        else:
            for event in _series_events(group[0].series, group):  # type: ignore[arg-type]
                cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
