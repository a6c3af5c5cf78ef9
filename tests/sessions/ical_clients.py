"""Independent calendar clients for feed tests: icalendar's parser, recurring-ical-events
and Debian's khal (its own, older parser and storage)."""

import datetime as dt
import subprocess  # noqa: S404 - runs the fixed Debian khal binary on a temp file
import tempfile
from pathlib import Path

import icalendar
import recurring_ical_events

KHAL = "/usr/bin/khal"


def parse(body: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(body)


def expand(body: bytes, start: dt.date, end: dt.date, *, cancelled=False) -> list:
    """Occurrences between the dates, as a client shows them (cancelled ones dropped unless
    asked for)."""
    events = recurring_ical_events.of(parse(body)).between(start, end)
    if cancelled:
        return events
    return [e for e in events if str(e.get("status", "")).upper() != "CANCELLED"]


def khal_import_and_list(body: bytes, start: str, days: str = "400d") -> tuple[str, str]:
    """Import the feed into a fresh khal calendar and list it. Fails the test on a non-zero
    exit code; returns (stdout, stderr) of import + list."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "cal").mkdir()
        conf = root / "khal.conf"
        conf.write_text(
            "[calendars]\n[[feed]]\npath = {cal}\n"
            "[locale]\nlocal_timezone = Asia/Ho_Chi_Minh\ndefault_timezone = Asia/Ho_Chi_Minh\n"
            "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
            "[sqlite]\npath = {db}\n".format(cal=root / "cal", db=root / "khal.db")
        )
        feed = root / "feed.ics"
        feed.write_bytes(body)
        env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "LANG": "C.UTF-8", "TZ": "UTC"}
        imported = subprocess.run(  # noqa: S603 - fixed argv, no shell
            [KHAL, "-c", str(conf), "import", "--batch", "-a", "feed", str(feed)],
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )
        assert imported.returncode == 0, imported.stderr
        listed = subprocess.run(  # noqa: S603 - fixed argv, no shell
            [KHAL, "-c", str(conf), "list", "--format",
             "{start} {end} {title} [{status}]", start, days],
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )
        assert listed.returncode == 0, listed.stderr
        return listed.stdout, imported.stderr + listed.stderr
