"""Check-in throughput and latency under gunicorn on PostgreSQL, beside a minimal Django
view doing one INSERT, in the same run. A script with a report, not a test.

    .venv/bin/python bench/checkin.py [--requests 2000] [--concurrency 8] [--workers 4]

Measures the scanner API (POST /api/attendance/checkins, device token, a new card each
time) and the pupil's projector page (GET /checkin/p/<code>/ from a paired phone), in
rounds alternating with the baseline. With REDIS_URL set (as production requires) the
cache and rate limits live in Redis; without it, in each worker's memory.

Uses the database in BENCH_DATABASE_URL (default: lalanh_attendance_bench on the local
PostgreSQL), created and migrated if needed, and emptied of check-ins at the start.
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lalanh_attendance_bench"
)
os.environ["DATABASE_URL"] = DB_URL
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.checkin_settings"


def ensure_database():
    import psycopg

    name = DB_URL.rsplit("/", 1)[1]
    admin = DB_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def seed(n_cards: int):
    import datetime

    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from accounts.models import User
    from attendance.models import Attendance, CheckinNonce, RefusedScan
    from attendance.services import scanner_device_create
    from clubs.models import (
        Club,
        GuardianConsent,
        LeaderAssignment,
        MemberCard,
        Membership,
        Pupil,
        School,
    )
    from places.selectors import province_by_code
    from sessions.models import ClubSession

    Attendance.objects.all().delete()
    RefusedScan.objects.all().delete()
    CheckinNonce.objects.all().delete()
    school, _ = School.objects.get_or_create(
        name="Bench school",
        defaults={"level": "lower_secondary", "province": province_by_code("92")},
    )
    club, _ = Club.objects.get_or_create(
        slug="bench-club", defaults={"name": "Bench club", "school": school}
    )
    leader, _ = User.objects.get_or_create(username="bench-leader", defaults={"role": "leader"})
    LeaderAssignment.objects.get_or_create(
        user=leader, club=club, defaults={"kind": "teacher", "starts_on": datetime.date(2020, 1, 1)}
    )
    now = timezone.now()
    session = ClubSession.objects.create(
        title="Bench session", kind="thematic", club=club,
        starts_at=now + datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(hours=2),
    )
    have = Pupil.objects.filter(school=school).count()
    new = Pupil.objects.bulk_create(
        Pupil(full_name=f"Bench {i}", birth_year=2012, school=school, grade=8,
              member_code=f"BENCH{i:06d}")
        for i in range(have, n_cards)
    )
    Membership.objects.bulk_create(
        Membership(pupil=p, club=club, joined_on=datetime.date(2024, 9, 5),
                   activated_on=datetime.date(2024, 9, 5))
        for p in new
    )
    GuardianConsent.objects.bulk_create(
        GuardianConsent(pupil=p, guardian_name="Mẹ", relationship="Mẹ",
                        given_on=datetime.date(2024, 9, 5), method="paper",
                        notice_version="1", child_assent=True,
                        child_assent_on=datetime.date(2024, 9, 5))
        for p in new
    )
    MemberCard.objects.bulk_create(MemberCard(pupil=p) for p in new)
    secrets = list(
        MemberCard.objects.filter(pupil__school=school, revoked_at=None).values_list(
            "secret", flat=True
        )[:n_cards]
    )
    _device, token = scanner_device_create(user=leader, name="bench")
    history(club, leader, secrets)
    return session.pk, secrets, token


def history(club, leader, secrets):
    """A school year behind the run, as a real database has: past sessions with every
    pupil's attendance and the nonce of each scan, then ANALYZE, so PostgreSQL plans the
    check-in's queries (and keeps its prepared plans) for tables of a real size, not
    for the empty tables a fresh run would otherwise start from."""
    import datetime
    import uuid

    from django.db import connection
    from django.utils import timezone

    from attendance.models import Attendance, CheckinNonce
    from clubs.models import MemberCard
    from sessions.models import ClubSession

    pupil_ids = list(
        MemberCard.objects.filter(secret__in=secrets).values_list("pupil_id", flat=True)
    )
    start = timezone.now() - datetime.timedelta(days=300)
    for week in range(4):
        past = ClubSession.objects.create(
            title=f"Bench history {week}", kind="thematic", club=club,
            starts_at=start + datetime.timedelta(days=7 * week),
            ends_at=start + datetime.timedelta(days=7 * week, hours=2),
        )
        Attendance.objects.bulk_create(
            Attendance(session=past, pupil_id=p, status="present", method="card",
                       checked_in_at=past.starts_at, recorded_by=leader)
            for p in pupil_ids
        )
        CheckinNonce.objects.bulk_create(
            CheckinNonce(scope="s:history", nonce=uuid.uuid4().hex, response={})
            for _ in pupil_ids
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def pair_phones(secrets) -> list[str]:
    """A paired phone per card (as opening the card's link would make), returned as the
    signed cookie values those phones would send."""
    import secrets as random

    from django.conf import settings
    from django.core import signing
    from django.utils import timezone

    from attendance.models import PupilDevice
    from attendance.tokens import sha256
    from clubs.models import MemberCard

    pupil_ids = dict(MemberCard.objects.filter(secret__in=secrets).values_list("secret", "pupil"))
    PupilDevice.objects.filter(pupil_id__in=pupil_ids.values()).delete()
    keys = [random.token_urlsafe(32) for _ in secrets]
    PupilDevice.objects.bulk_create(
        PupilDevice(pupil_id=pupil_ids[s], key_hash=sha256(k), paired_at=timezone.now())
        for s, k in zip(secrets, keys, strict=True)
    )
    signer = signing.get_cookie_signer(
        salt=settings.ATTENDANCE_DEVICE_COOKIE + "attendance.pupil-device"
    )
    return [f"{settings.ATTENDANCE_DEVICE_COOKIE}={signer.sign(k)}" for k in keys]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_load(port, bodies, path, headers, concurrency):
    """POST every body to one path over keep-alive connections; latencies in ms."""
    return run_requests(port, [("POST", path, b, headers) for b in bodies], concurrency)


def run_requests(port, requests, concurrency):
    """Send every (method, path, body, headers) over keep-alive connections."""
    latencies, statuses, lock = [], {}, threading.Lock()
    queue = list(requests)
    queue.reverse()

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if not queue:
                    break
                method, path, body, headers = queue.pop()
            started = time.perf_counter()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[response.status] = statuses.get(response.status, 0) + 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return wall, latencies, statuses


def report(name, n, wall, latencies, statuses):
    p95 = statistics.quantiles(latencies, n=20)[18]
    rps = n / wall
    print(f"{name:<28} {n:>6} req  {rps:>8.1f} req/s  p50 {statistics.median(latencies):6.1f} ms"
          f"  p95 {p95:6.1f} ms  statuses {statuses}")
    return rps, p95


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--workers", type=int, default=4,
        help="gunicorn workers; 4 as in the README's production command",
    )
    parser.add_argument(
        "--rounds", type=int, default=5,
        help="alternate baseline and check-in in this many rounds, so a neighbour's load "
        "on a shared machine hits both sides alike",
    )
    args = parser.parse_args()

    ensure_database()
    session_id, secrets, token = seed(2 * args.requests + 200)
    # Cards [0, n) are scanned by the API; pupils of cards [n, 2n) check in by phone.
    phones = pair_phones(secrets[args.requests:2 * args.requests + 100])
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [sys.executable, "-m", "gunicorn", "config.wsgi:application",
         "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        api_headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}

        def checkin_body(secret):
            return json.dumps(
                {"session_id": session_id, "card": secret, "nonce": uuid.uuid4().hex}
            )

        from attendance.tokens import projector_token_make

        def projector_requests(cookies):
            # Made just before they are sent: the projected code lives 20-30 s.
            path = f"/checkin/p/{projector_token_make(session_id=session_id)}/"
            return [("GET", path, None, {"Cookie": c}) for c in cookies]

        # Warm every path up (imports, connections, each connection's prepared
        # statements) in every worker with requests that are not measured.
        run_load(port, [b""] * 200, "/bench/insert/", {}, args.concurrency)
        run_load(port, [checkin_body(s) for s in secrets[-100:]], "/api/attendance/checkins",
                 api_headers, args.concurrency)
        run_requests(port, projector_requests(phones[-100:]), args.concurrency)

        n = args.requests
        print(f"gunicorn {args.workers} workers, {args.concurrency} concurrent clients, "
              f"PostgreSQL {DB_URL.rsplit('/', 1)[1]}, {args.rounds} alternating rounds")
        chunk = n // args.rounds
        sides = {"base": [0.0, [], {}], "check": [0.0, [], {}], "phone": [0.0, [], {}]}
        ratios = []

        def add(side, wall, latencies, statuses):
            sides[side][0] += wall
            sides[side][1].extend(latencies)
            for code, count in statuses.items():
                sides[side][2][code] = sides[side][2].get(code, 0) + count
            return wall

        for r in range(args.rounds):
            base_wall = add("base", *run_load(port, [b""] * chunk, "/bench/insert/", {},
                                              args.concurrency))
            cards = secrets[r * chunk:(r + 1) * chunk]
            check_wall = add("check", *run_load(port, [checkin_body(s) for s in cards],
                                                "/api/attendance/checkins", api_headers,
                                                args.concurrency))
            ratios.append(base_wall / check_wall)
            add("phone", *run_requests(
                port, projector_requests(phones[r * chunk:(r + 1) * chunk]), args.concurrency
            ))
        done = chunk * args.rounds
        base = report("baseline: one INSERT view", done, *sides["base"])
        check = report("check-in (API, card)", done, *sides["check"])
        phone = report("check-in (projector, phone)", done, *sides["phone"])
        print(f"check-in throughput = {check[0] / base[0]:.0%} of the baseline "
              f"(aim: at least 70%); p95 {check[1] / base[1]:.2f}x the baseline's")
        print(f"projector check-in (HTML page) = {phone[0] / base[0]:.0%} of the baseline; "
              f"p95 {phone[1] / base[1]:.2f}x the baseline's")
        print("per-round ratios: " + ", ".join(f"{x:.0%}" for x in ratios)
              + f"; median {statistics.median(ratios):.0%}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
