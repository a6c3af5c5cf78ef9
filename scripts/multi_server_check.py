"""Several servers, proven: two gunicorn instances and a task worker against one PostgreSQL
and one Redis, as the README's deployment runs them.

    .venv/bin/python scripts/multi_server_check.py

It checks that
1. a sign-in on instance A is a session on instance B;
2. rate limits are shared: a pupil's phone uses up its limit on A and is refused on B;
3. a burst of 2,000 scanner check-ins split across A and B, with A killed (SIGKILL, the
   whole process group) half-way and the scanners re-sending what got no answer to B with
   the same nonce, leaves every acknowledged check-in recorded exactly once;
4. a job queued with these settings is run by the separate `manage.py db_worker`.

MULTI_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lalanh_multiserver) is
created and migrated if needed, and its check-ins emptied; MULTI_REDIS_URL (default
redis://127.0.0.1:6379/14) is shared under a key prefix of this run. Exit status 0 when
everything holds. scripts/test.sh runs it on its PostgreSQL leg.
"""

import http.client
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_URL = os.environ.get(
    "MULTI_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lalanh_multiserver"
)
REDIS_URL = os.environ.get("MULTI_REDIS_URL", "redis://127.0.0.1:6379/14")
BURST = 2000
PASSWORD = secrets.token_urlsafe(16)
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "scripts.multi_server_settings",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
    "ALLOWED_HOSTS": "127.0.0.1",
    "DATABASE_URL": DB_URL,
    "REDIS_URL": REDIS_URL,
    "CACHE_KEY_PREFIX": f"multi-{uuid.uuid4().hex[:8]}",
    # The burst comes from one scanner device; the phone's limit stays as in production.
    "ATTENDANCE_RATE_PER_USER": "100000/m",
    "ATTENDANCE_RATE_PER_IP": "100000/m",
    "LOG_LEVEL": "WARNING",
    "PYTHONPATH": str(ROOT),
}
os.environ["BENCH_DATABASE_URL"] = DB_URL
from bench.checkin import ensure_database, free_port, pair_phones, seed  # noqa: E402
from scripts.wait_healthy import wait_healthy  # noqa: E402

os.environ.update(SERVER_ENV)


def check(condition: bool, what: str) -> None:
    print(("ok    " if condition else "FAIL  ") + what, flush=True)
    if not condition:
        raise SystemExit(1)


class Instance:
    """A gunicorn instance in its own process group, so SIGKILL takes master and workers
    down together, as a crashed machine would."""

    def __init__(self, name: str, logs: Path):
        self.name, self.port = name, free_port()
        self.log = open(logs / f"{name}.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
            [sys.executable, "-m", "gunicorn", "config.wsgi:application",
             "-c", "config/gunicorn.py", "--workers", "2", "--bind", f"127.0.0.1:{self.port}",
             "--access-logfile", "/dev/null"],
            cwd=ROOT, env=os.environ.copy(), stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_healthy(self) -> None:
        ok, answer = wait_healthy(f"http://127.0.0.1:{self.port}/healthz", 60)
        if not ok:
            raise SystemExit(f"{self.name} did not become healthy ({answer}); see {self.log.name}")

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        self.log.close()


def request(port, method, path, body=None, headers=None, conn=None):
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        if own:
            conn.close()


def cookies_of(headers) -> dict:
    jar = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            jar[key] = rest.split(";", 1)[0]
    return jar


def cookie_header(jar: dict) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def sign_in_on_a_use_on_b(a: Instance, b: Instance) -> None:
    status, headers, body = request(a.port, "GET", "/accounts/login/")
    jar = cookies_of(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "bench-leader", "password": PASSWORD}
    )
    status, headers, _ = request(a.port, "POST", "/accounts/login/", form, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header(jar),
    })
    jar.update(cookies_of(headers))
    check(status == 302 and "sessionid" in jar, "signed in on A")
    status, _, body = request(b.port, "GET", "/attendance/", None,
                              {"Cookie": cookie_header(jar)})
    check(status == 200 and b"Bench session" in body,
          "B serves the session signed in on A (the leader's sessions page)")
    status, _, _ = request(b.port, "GET", "/attendance/")
    check(status == 302, "B without the cookie sends to the sign-in page")


def rate_limit_shared(a: Instance, b: Instance, session_id: int, phone_cookie: str) -> None:
    from attendance.tokens import projector_token_make

    limit = int(os.environ.get("ATTENDANCE_RATE_PER_PHONE", "10/m").split("/")[0])
    if time.time() % 60 > 50:  # fixed one-minute windows: do not straddle two
        time.sleep(61 - time.time() % 60)
    path = f"/checkin/p/{projector_token_make(session_id=session_id)}/"
    statuses = [request(a.port, "GET", path, None, {"Cookie": phone_cookie})[0]
                for _ in range(limit)]
    check(statuses == [200] * limit, f"a phone's {limit} check-ins a minute answered on A")
    status = request(b.port, "GET", path, None, {"Cookie": phone_cookie})[0]
    check(status == 429, "its next one, on B, is refused (429): the limit is shared")


def burst(a: Instance, b: Instance, session_id: int, token: str, cards: list[str]) -> dict:
    """Scan every card once, alternately on A and B, 8 at a time; A is killed half-way.
    A scan that got no answer is sent again to B with the same nonce, as the scanner's
    offline queue does. Returns {card: the acknowledged answer}."""
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    queue = [(card, uuid.uuid4().hex, a.port if i % 2 else b.port)
             for i, card in enumerate(cards)]
    queue.reverse()
    acked, lock, killed = {}, threading.Lock(), threading.Event()
    failures = []

    def worker():
        conns = {}
        while True:
            with lock:
                if not queue:
                    break
                card, nonce, port = queue.pop()
                if len(acked) >= len(cards) // 2 and not killed.is_set():
                    killed.set()
                    a.kill()
            body = json.dumps({"session_id": session_id, "card": card, "nonce": nonce})
            for target in (port, b.port):
                if target == a.port and killed.is_set():
                    continue
                conn = conns.get(target) or http.client.HTTPConnection(
                    "127.0.0.1", target, timeout=30
                )
                conns[target] = conn
                try:
                    status, _, answer = request(target, "POST", "/api/attendance/checkins",
                                                body, headers, conn=conn)
                except (OSError, http.client.HTTPException):
                    conns.pop(target).close()
                    continue  # no answer: not acknowledged, send it again to B
                with lock:
                    if status == 200:
                        acked[card] = json.loads(answer)
                    else:
                        failures.append((status, answer[:200]))
                break
        for conn in conns.values():
            conn.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(killed.is_set(), "instance A was killed (SIGKILL) half-way through the burst")
    check(not failures, f"no scan refused or failed on a live instance {failures[:3]}")
    return acked


def recorded_once(session_id: int, cards: list[str], acked: dict) -> None:
    from django.db.models import Count

    from attendance.models import Attendance
    from clubs.models import MemberCard

    pupil_of = dict(MemberCard.objects.filter(secret__in=cards).values_list("secret", "pupil"))
    rows = dict(
        Attendance.objects.filter(session_id=session_id, pupil_id__in=pupil_of.values())
        .values_list("pupil_id", "checked_in_at")
    )
    check(len(acked) == len(cards), f"all {len(cards)} scans acknowledged (after re-sends)")
    wrong = [c for c, answer in acked.items()
             if answer["outcome"] not in ("ok", "duplicate")
             or rows.get(pupil_of[c]) != datetime.fromisoformat(answer["checked_in_at"])]
    check(not wrong, "every acknowledged check-in is recorded, at the time it was answered")
    replayed = sum(1 for answer in acked.values() if answer["replayed"])
    check(True, f"{replayed} scans re-sent to B after A died got their first answer back")
    per_pupil = (
        Attendance.objects.filter(session_id=session_id).values("pupil")
        .annotate(n=Count("pk")).filter(n__gt=1)
    )
    check(len(rows) == len(cards) and not per_pupil.exists(),
          f"{len(rows)} attendances for {len(cards)} pupils: each recorded exactly once")


def job_run_by_worker(logs: Path) -> None:
    import datetime

    from django.utils import timezone

    from attendance.models import Attendance
    from attendance.tasks import close_ended_sessions
    from clubs.models import Club
    from sessions.models import ClubSession

    now = timezone.now()
    ended = ClubSession.objects.create(
        title="Ended bench session", kind="thematic", club=Club.objects.get(slug="bench-club"),
        starts_at=now - datetime.timedelta(hours=3), ends_at=now - datetime.timedelta(hours=2),
    )
    with open(logs / "worker.log", "w") as log:
        worker = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-reload"],
            cwd=ROOT, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            result = close_ended_sessions.enqueue()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not result.is_finished:
                time.sleep(0.2)
                result.refresh()
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=20)
    marked = Attendance.objects.filter(session=ended, status="absent").count()
    check(result.status == "SUCCESSFUL" and result.return_value == marked > 0,
          f"the queued job ran in the worker: {marked} absentees marked ({result.status})")


def main() -> None:
    started = time.monotonic()
    ensure_database()
    session_id, cards, token = seed(BURST + 20)  # migrates, empties check-ins
    import django

    from accounts.models import User

    user = User.objects.get(username="bench-leader")
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    phone_cookie = pair_phones(cards[-1:])[0]
    django.db.connections.close_all()
    print(f"seeded in {time.monotonic() - started:.0f} s", flush=True)

    logs = Path(tempfile.mkdtemp(prefix="multi-server-"))
    a, b = Instance("A", logs), Instance("B", logs)
    try:
        a.wait_healthy()
        b.wait_healthy()
        check(True, f"instances A (:{a.port}) and B (:{b.port}) healthy; logs in {logs}")
        sign_in_on_a_use_on_b(a, b)
        rate_limit_shared(a, b, session_id, phone_cookie)
        acked = burst(a, b, session_id, token, cards[:BURST])
        recorded_once(session_id, cards[:BURST], acked)
        django.db.connections.close_all()
        job_run_by_worker(logs)
    finally:
        for instance in (a, b):
            instance.stop()
    print(f"all held in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
