"""Logs, error reports and the health check (issue 15, point 4).

A log line, an error mail or a Sentry report never carries a card secret, a token, a
guardian's phone or a child's name; /healthz answers 503 with the reason, within 5 s,
when the database, Redis or the migrations are not in order."""

import gzip
import io
import json
import logging
import os
import subprocess
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings

from config.log import JsonFormatter, redact
from sessions.models import UserFeedToken
from tests.clubs.test_import import GOOD, VI_HEADINGS, upload, xlsx
from tests.factories.attendance import CheckinSessionFactory, member_with_card
from tests.factories.clubs import LeaderAssignmentFactory

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Zq8Kd0LmS3xYpW7vTn2RbQ4e"


@pytest.fixture
def console():
    """What the configured console handler writes (text format, redaction filter)."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


@pytest.mark.django_db
def test_logs_of_checkins_refusals_imports_and_feeds_name_nobody(client, console, caplog):
    caplog.set_level(logging.INFO)
    session = CheckinSessionFactory()
    leader = LeaderAssignmentFactory(club=session.club).user
    pupil, card = member_with_card(session.club, guardian_phone="0987654321")
    refused, refused_card = member_with_card(session.club, consent=False)
    client.force_login(leader)
    api = "/api/attendance/checkins"
    for secret in (card.secret, refused_card.secret):
        client.post(
            api,
            {"session_id": session.pk, "card": secret, "nonce": uuid.uuid4().hex},
            content_type="application/json",
        )
    client.get(f"/checkin/card/{SECRET}/")
    feed = UserFeedToken.objects.create(user=leader, club=session.club)
    client.get(f"/feeds/t/{feed.token}x.ics")
    preview = upload(client, session.club, "lop 8A1.xlsx", xlsx(VI_HEADINGS, GOOD))
    client.post(preview["Location"], {"confirm": "1"})

    written = console.getvalue()
    ours = "\n".join(
        r.getMessage()
        for r in caplog.records
        if r.name.split(".")[0] in ("attendance", "clubs", "sessions", "config")
    )
    # The paths that matter are logged: a refusal with its code, the import's counts.
    assert "INFO attendance.services.checkin: check-in refused" in written
    assert "consent_missing" in written
    assert "roster import" in written and "2 pupils added" in written
    assert "Not Found: /feeds/t/[redacted]" in written
    secrets = [card.secret, refused_card.secret, SECRET, feed.token, "lls_"]
    people = [
        pupil.full_name,
        refused.full_name,
        "0987654321",
        "0907123456",
        "0918000111",
        "Nguyễn Thị Ánh Tuyết",
        "Nguyễn Văn Sáu",
        "Lê Thị Hạnh",
    ]
    # A traceback printed to the console is masked too.
    logging.getLogger("tests").error("failed", exc_info=RuntimeError(f"at /checkin/p/{SECRET}/"))
    written = console.getvalue()
    assert "RuntimeError: at /checkin/p/[redacted]/" in written
    for text in (written, ours):
        for value in secrets + people:
            assert value not in text


@pytest.mark.django_db
def test_a_conflict_is_a_warning(caplog, console):
    """Two scans race: the loser's INSERT conflicts, it is logged and answered once."""
    from django.db import IntegrityError

    from attendance.services import checkin as services

    caplog.set_level(logging.INFO)
    session = CheckinSessionFactory()
    pupil, card = member_with_card(session.club)
    real = services._checkin_once
    calls = []

    def racing(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            real(**kwargs)  # the other request commits first...
            raise IntegrityError("attendance_one_per_pupil_and_session")
        return real(**kwargs)

    services._checkin_once = racing
    try:
        result = services.checkin_record(session=session, method="card", card_secret=card.secret)
    finally:
        services._checkin_once = real
    assert result.outcome == "duplicate"
    assert f"WARNING attendance.services.checkin: check-in conflict on session {session.pk}" in (
        console.getvalue()
    )


def test_json_lines_have_time_level_logger_and_message():
    record = logging.LogRecord(
        "attendance.services",
        logging.INFO,
        __file__,
        1,
        "check-in refused on session %s: %s",
        (7, "closed"),
        None,
    )
    entry = json.loads(JsonFormatter().format(record))
    assert entry["level"] == "INFO" and entry["logger"] == "attendance.services"
    assert entry["message"] == "check-in refused on session 7: closed"
    assert entry["time"].endswith("+00:00")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (f"GET /checkin/card/{SECRET}/ 404", "GET /checkin/card/[redacted]/ 404"),
        ("GET /feeds/t/abcdefghijklmnop.ics", "GET /feeds/t/[redacted]"),
        # A participant's card secret may hold no digit; the path masks it anyway.
        ("GET /training/card/abcdefghijklmnopqrstuvwxyzABCDEF/ 404",
         "GET /training/card/[redacted]/ 404"),
        ("GET /en/training/me/12-abcdef/calendar.ics",
         "GET /en/training/me/[redacted]/calendar.ics"),
        ("GET /training/feedback/abcdefghij/", "GET /training/feedback/[redacted]/"),
        ("GET /verify/ABCDEFGH/", "GET /verify/[redacted]/"),
        ("Authorization: Bearer lls_x9", "Authorization: Bearer [redacted]"),
        ("guardian 0912 345 678 called", "guardian [phone] called"),
        ("guardian +84912345678", "guardian [phone]"),
        ("attendance_close_ended_sessions ran", "attendance_close_ended_sessions ran"),
        ("roster import 12 read for club 3", "roster import 12 read for club 3"),
        (
            "task 0b7e4a52-4c1e-4d0a-9f3e-2a8c5d6e7f80 done",
            "task 0b7e4a52-4c1e-4d0a-9f3e-2a8c5d6e7f80 done",
        ),
    ],
)
def test_redact(text, kept):
    assert redact(text) == kept


@pytest.mark.django_db
@pytest.mark.urls("tests.config.failing_urls")
@override_settings(ADMINS=[("Ops", "ops@example.org")])
def test_without_sentry_an_error_is_mailed_to_admins_without_secrets(client):
    client.raise_request_exception = False
    response = client.get(
        f"/checkin/card/{SECRET}/", HTTP_X_GUARDIAN="0912345678", HTTP_X_PUPIL="Nguyễn Thị Bí Mật"
    )
    assert response.status_code == 500
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ops@example.org"]
    body = message.subject + message.body
    assert "RuntimeError" in body and "/checkin/card/[redacted]/" in body
    assert SECRET not in body and "0912345678" not in body and "Bí Mật" not in body


class _Collector(BaseHTTPRequestHandler):
    bodies: list[bytes] = []

    def do_POST(self):  # noqa: N802
        data = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            data = gzip.decompress(data)
        elif encoding == "br":  # the SDK uses brotli when it is installed
            import brotli

            data = brotli.decompress(data)
        self.bodies.append(data)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


SENTRY_SCRIPT = f"""
import django, sentry_sdk
django.setup()
from django.test import Client, override_settings
with override_settings(ROOT_URLCONF="tests.config.failing_urls"):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "sessioncookie0123456789abc"
    response = client.get("/checkin/card/{SECRET}/?token=querytoken12345",
                          HTTP_AUTHORIZATION="Bearer lls_scanner0123456789",
                          HTTP_X_GUARDIAN="0912345678", HTTP_X_PUPIL="Nguyễn Thị Bí Mật")
    assert response.status_code == 500, response.status_code
sentry_sdk.flush(5)
"""


def test_with_sentry_dsn_an_error_is_reported_without_personal_data():
    """The real settings with SENTRY_DSN, the real SDK, a local server standing in for
    Sentry: the report has the error and no secret, cookie, header, name or phone."""
    _Collector.bodies = []
    server = HTTPServer(("127.0.0.1", 0), _Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": "sqlite:///:memory:",
        "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/1",
    }
    env.pop("REDIS_URL", None)
    try:
        done = subprocess.run(
            [sys.executable, "-c", SENTRY_SCRIPT],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        server.shutdown()
    assert done.returncode == 0, done.stderr[-2000:]
    report = b"".join(_Collector.bodies).decode()
    assert "RuntimeError" in report and "/checkin/card/[redacted]/" in report
    for value in (
        SECRET,
        "querytoken12345",
        "sessioncookie",
        "lls_scanner",
        "0912345678",
        "Nguy\\u1ec5n",
        "Nguyễn",
        "publickey",
    ):
        assert value not in report
