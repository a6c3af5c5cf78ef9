#!/usr/bin/env python
"""Benchmark (not a test): calendar feed generation against a plain Django view, same run.

Builds a throw-away test database (SQLite in memory by default; PostgreSQL with
DATABASE_URL=...), fills it with a month and then a school year of sessions, and times
full-stack requests through Django's test client:

  baseline  GET /en/accounts/login/   (a plain Django template view)
  feed      GET /feeds/member/<token>.ics, built each time (cache emptied) and cached
  public    GET /feeds/public.ics (cached after the first request)
  304       GET /feeds/member/<token>.ics with If-None-Match

Prints medians and the ratio to the baseline. On shared machines only the ratios mean
anything.   Usage: .venv/bin/python bench/feeds.py [--rounds 30]
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_databases,
    setup_test_environment,
    teardown_databases,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def fill(weeks: int, singles: int, tag: str):
    from clubs.models import Club, Membership, Pupil, School
    from places.selectors import province_by_code
    from sessions.feed_services import member_feed_token_get_or_create
    from sessions.services import SessionPlan, series_create, session_cancel, session_create

    school, _ = School.objects.get_or_create(name="THCS Bench", defaults={
        "level": "lower_secondary", "province": province_by_code("92")})
    club, _ = Club.objects.get_or_create(slug="bench", defaults={"name": "CLB Bench",
                                                                 "school": school})
    pupil, _ = Pupil.objects.get_or_create(member_code="BENCH1", defaults={
        "full_name": "Bench Pupil", "birth_year": 2011, "school": school, "grade": 8})
    Membership.objects.get_or_create(pupil=pupil, club=club,
                                     defaults={"joined_on": dt.date(2024, 9, 1)})
    start = dt.datetime(2026, 12, 1, 14, tzinfo=VN)
    plan = SessionPlan(title=f"Weekly {tag}", kind="activity", club=club, audience="public",
                       venue="Room 1")
    series = series_create(plan=plan, starts_at=start, ends_at=start + dt.timedelta(hours=2),
                           frequency="weekly", count=weeks, confirm_conflicts=True)
    for occurrence in list(series.occurrences.all())[: max(1, weeks // 10)]:
        session_cancel(session=occurrence, reason="bench")
    for n in range(singles):
        when = start + dt.timedelta(days=n, hours=4)
        session_create(plan=SessionPlan(title=f"Single {tag} {n}", kind="thematic", club=club,
                                        audience="public"),
                       starts_at=when, ends_at=when + dt.timedelta(hours=1),
                       confirm_conflicts=True)
    return member_feed_token_get_or_create(pupil=pupil).token


def timed(client, url, rounds, **headers):
    samples = []
    for _ in range(rounds):
        began = time.perf_counter()
        response = client.get(url, **headers)
        samples.append(time.perf_counter() - began)
        assert response.status_code in (200, 304), (url, response.status_code)
    return statistics.median(samples) * 1000, response


def timed_cold(client, url, rounds):
    """Every request builds the calendar: the cache is emptied before each."""
    samples = []
    for _ in range(rounds):
        cache.clear()
        began = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - began)
    return statistics.median(samples) * 1000, response


def report(label, client, token, rounds):
    feed = f"/feeds/member/{token}.ics"
    base_ms, _ = timed(client, "/en/accounts/login/", rounds)
    cache.clear()
    queries = []
    # Django's test client resets connection.queries at each request: count with a wrapper.
    with connection.execute_wrapper(lambda run, sql, *a: queries.append(sql) or run(sql, *a)):
        cold = client.get(feed)
    cold_ms, _ = timed_cold(client, feed, rounds)
    feed_ms, response = timed(client, feed, rounds)
    public_ms, _ = timed(client, "/feeds/public.ics", rounds)
    cached_ms, _ = timed(client, feed, rounds, HTTP_IF_NONE_MATCH=response["ETag"])
    events = response.content.count(b"BEGIN:VEVENT")
    assert cold.status_code == 200
    print(f"\n{label}: {events} VEVENTs, {len(response.content) // 1024} KiB, "
          f"{len(queries)} queries per feed request")
    for name, ms in (("baseline view", base_ms), ("member feed, built", cold_ms),
                     ("member feed, cached", feed_ms),
                     ("public feed", public_ms), ("member feed 304", cached_ms)):
        print(f"  {name:<20} {ms:8.2f} ms   x{ms / base_ms:5.2f} of baseline")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        client = Client()
        print(f"database: {connection.vendor}; rounds: {args.rounds}; median per request")
        token = fill(weeks=4, singles=5, tag="month")
        report("A month", client, token, args.rounds)
        fill(weeks=52, singles=150, tag="year")
        report("A school year (plus the month)", client, token, args.rounds)
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
