#!/usr/bin/env python
"""Benchmark: the yearly report for a centre of 100 clubs, 10,000 members and 1,000,000
attendance rows, beside the same figures computed by hand-written SQL, in one run on a
throw-away test database (PostgreSQL).

The seed is bulk inserts (schools, clubs, pupils, memberships, 10,000 sessions over two
school years) and one INSERT ... SELECT that gives every session its club's 100 members
(present, late, excused or absent, from a hash). Prints the median of a few runs of each
and their ratio, and checks both give the same figures.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lalanh_bench .venv/bin/python bench/report.py
"""

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

CLUBS, MEMBERS_PER_CLUB, SESSIONS_PER_CLUB = 100, 100, 100
REPEAT = 3
YEAR = 2024


def seed() -> None:
    from clubs.models import Club, Membership, Pupil, School
    from places.selectors import communes_for_province, province_by_code
    from sessions.models import ClubSession

    province = province_by_code("92")
    communes = list(communes_for_province(province)[:10])
    schools = School.objects.bulk_create(
        School(name=f"Trường {i}", level=School.Level.LOWER_SECONDARY, province=province,
               commune=communes[i % len(communes)]) for i in range(CLUBS))
    clubs = Club.objects.bulk_create(
        Club(name=f"CLB {i}", slug=f"clb-{i}", school=schools[i]) for i in range(CLUBS))
    pupils = Pupil.objects.bulk_create(
        (Pupil(full_name=f"Học sinh {i}", search_name=f"hoc sinh {i}", birth_year=2011,
               gender=("female", "male")[i % 2], school=schools[i // MEMBERS_PER_CLUB],
               grade=6 + i % 4, member_code=f"B{i:06d}")
         for i in range(CLUBS * MEMBERS_PER_CLUB)), batch_size=2000)
    Membership.objects.bulk_create(
        (Membership(pupil=p, club=clubs[i // MEMBERS_PER_CLUB], joined_on=dt.date(2023, 9, 1),
                    activated_on=dt.date(2023, 9, 1)) for i, p in enumerate(pupils)),
        batch_size=2000)
    tz = timezone.get_current_timezone()
    first = dt.datetime(YEAR - 1, 9, 2, 14, tzinfo=tz)
    kinds = ["activity", "thematic", "activity", "activity", "mock_trial"]
    ClubSession.objects.bulk_create(
        (ClubSession(title=f"Buổi {n}", kind=kinds[n % 5], club=club,
                     topic=("drug_prevention", "online_safety", "")[n % 3],
                     starts_at=first + dt.timedelta(days=7 * n),
                     ends_at=first + dt.timedelta(days=7 * n, hours=2))
         for club in clubs for n in range(SESSIONS_PER_CLUB)), batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO attendance_attendance (session_id, pupil_id, status, method,
                                               checked_in_at, recorded_at)
            SELECT s.id, m.pupil_id, st.status,
                   'roster', CASE WHEN st.status IN ('present', 'late') THEN s.starts_at END,
                   now()
            FROM club_sessions_clubsession s
            JOIN clubs_membership m ON m.club_id = s.club_id
            CROSS JOIN LATERAL (SELECT (ARRAY['present','present','present','late','excused',
                                              'absent','absent'])[1 + abs(hashtext(
                                              s.id::text || '-' || m.pupil_id::text)) % 7]
                                       AS status) st
        """)
        cursor.execute("ANALYZE")


HAND_SQL = {
    "by_month": """
        SELECT date_trunc('month', starts_at AT TIME ZONE %(tz)s), kind, club_id, count(*)
        FROM club_sessions_clubsession
        WHERE starts_at >= %(start)s AND starts_at < %(end)s AND ends_at <= %(now)s
          AND status <> 'cancelled'
        GROUP BY 1, 2, 3""",
    "by_club": """
        SELECT s.club_id, count(*) FILTER (WHERE a.status IN ('present', 'late')),
               count(*) FILTER (WHERE a.status <> 'excused')
        FROM attendance_attendance a JOIN club_sessions_clubsession s ON s.id = a.session_id
        WHERE s.starts_at >= %(start)s AND s.starts_at < %(end)s AND s.ends_at <= %(now)s
          AND s.status <> 'cancelled'
        GROUP BY 1""",
    "reached": """
        SELECT p.school_id, sc.name, p.grade, p.gender, count(DISTINCT a.pupil_id)
        FROM attendance_attendance a JOIN club_sessions_clubsession s ON s.id = a.session_id
        JOIN clubs_pupil p ON p.id = a.pupil_id JOIN clubs_school sc ON sc.id = p.school_id
        WHERE s.starts_at >= %(start)s AND s.starts_at < %(end)s AND s.ends_at <= %(now)s
          AND s.status <> 'cancelled' AND a.status IN ('present', 'late')
        GROUP BY 1, 2, 3, 4""",
    "guests": """
        SELECT coalesce(sum(g.headcount), 0) FROM attendance_guestattendance g
        JOIN club_sessions_clubsession s ON s.id = g.session_id
        WHERE s.starts_at >= %(start)s AND s.starts_at < %(end)s AND s.ends_at <= %(now)s
          AND s.status <> 'cancelled'""",
    "clubs": """
        SELECT c.id, c.name, sc.name, (SELECT count(DISTINCT m.pupil_id) FROM clubs_membership m
               WHERE m.club_id = c.id AND m.activated_on <= %(last_day)s
                 AND (m.left_on IS NULL OR m.left_on >= %(first_day)s))
        FROM clubs_club c JOIN clubs_school sc ON sc.id = c.school_id""",
}
PER_REPORT_ONCE = {
    "members_years": """
        SELECT y, count(DISTINCT m.pupil_id) FROM generate_series(%(y0)s::int, %(y1)s::int) y
        JOIN clubs_membership m ON m.activated_on <= make_date(y + 1, 8, 31)
             AND (m.left_on IS NULL OR m.left_on >= make_date(y, 9, 1))
        GROUP BY y""",
    "topics": """
        SELECT s.id, s.topic, sm.page_id FROM club_sessions_clubsession s
        LEFT JOIN club_sessions_clubsession_materials sm ON sm.clubsession_id = s.id
        WHERE s.starts_at >= %(start)s AND s.starts_at < %(end)s AND s.ends_at <= %(now)s
          AND s.status <> 'cancelled'""",
}


def hand_written(now) -> dict:
    from reports.selectors import SchoolYear

    out = {}
    with connection.cursor() as cursor:
        for year in (SchoolYear(YEAR), SchoolYear(YEAR - 1)):
            start, end = year.bounds()
            params = {"start": start, "end": end, "now": now, "tz": "Asia/Ho_Chi_Minh",
                      "first_day": year.start, "last_day": year.end}
            for key, sql in HAND_SQL.items():
                cursor.execute(sql, params)
                out[(year.first_year, key)] = cursor.fetchall()
        start, end = SchoolYear(YEAR).bounds()
        for key, sql in PER_REPORT_ONCE.items():
            cursor.execute(sql, {"y0": YEAR - 5, "y1": YEAR, "start": start, "end": end,
                                 "now": now})
            out[key] = cursor.fetchall()
    return out


def timed(fn) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(REPEAT):
        begin = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - begin)
    return statistics.median(samples), result


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Run this on PostgreSQL: set DATABASE_URL=postgres://...")
    from attendance.models import Attendance
    from reports.selectors import SchoolYear, yearly_report

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        begin = time.perf_counter()
        seed()
        rows = Attendance.objects.count()
        print(f"Seeded {CLUBS} clubs, {CLUBS * MEMBERS_PER_CLUB:,} members, "
              f"{CLUBS * SESSIONS_PER_CLUB:,} sessions, {rows:,} attendance rows "
              f"in {time.perf_counter() - begin:.1f} s")
        now = timezone.now()
        yearly_report(year=SchoolYear(YEAR), now=now)  # warm up
        report_time, report = timed(lambda: yearly_report(year=SchoolYear(YEAR), now=now))
        sql_time, figures = timed(lambda: hand_written(now))
        # The same figures both ways.
        reached = sum(r[-1] for r in figures[(YEAR, "reached")])
        attended = sum(r[1] for r in figures[(YEAR, "by_club")])
        sessions = sum(r[-1] for r in figures[(YEAR, "by_month")])
        assert report.member_pupils_reached == reached, (report.member_pupils_reached, reached)
        assert report.figure("attendances") == attended
        assert report.figure("sessions") == sessions
        print(f"report (ORM, selectors): {report_time * 1000:8.0f} ms   "
              f"hand-written SQL: {sql_time * 1000:8.0f} ms   ratio {report_time / sql_time:.2f}")
        print(f"figures agree: {sessions:,} sessions, {attended:,} check-ins, "
              f"{reached:,} pupils reached")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
