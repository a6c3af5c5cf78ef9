"""Issue 16, point 4: light pages. A first visit to each main page stays under 100 KB
compressed (brotli, as production sends static files over HTTPS), the icon font is the
project's subset, and every icon a template uses is in it."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from config.page_weight import measure
from tests.factories.attendance import CheckinSessionFactory, member_with_card
from tests.factories.clubs import LeaderAssignmentFactory
from tests.factories.cms import build_site

pytestmark = pytest.mark.django_db
BASE = Path(__file__).resolve().parent.parent.parent
LIMIT = 100_000


def test_every_main_page_weighs_under_100_kb_on_a_first_visit(client):
    build_site(languages=("vi", "en"))
    session = CheckinSessionFactory()
    for _ in range(45):
        member_with_card(session.club)
    leader = LeaderAssignmentFactory(club=session.club).user
    assert measure(client, "/").brotli < LIMIT  # signed out
    client.force_login(leader)
    pages = ["/", reverse("sessions:list"), reverse("sessions:calendars"),
             reverse("sessions:create"), reverse("clubs:my_clubs"),
             reverse("sessions:detail", args=[session.pk]),
             reverse("attendance:live", args=[session.pk]),
             reverse("attendance:scanner", args=[session.pk]),
             reverse("attendance:projector", args=[session.pk])]
    weights = {url: measure(client, url) for url in pages}
    heavy = {url: w.brotli for url, w in weights.items() if w.brotli >= LIMIT}
    assert not heavy
    scanner = weights[reverse("attendance:scanner", args=[session.pk])]
    assert any("jsQR" in path for path in scanner.files)  # the decoder is counted
    fonts = [p for w in weights.values() for p in w.files if p.endswith(".woff2")]
    assert fonts and all(p.endswith("lalanh-icons.woff2") for p in fonts)
    assert all(w.files[p][0] < 10_000 for w in weights.values() for p in w.files
               if p.endswith(".woff2"))


def test_every_icon_a_template_uses_is_in_the_subset():
    css = (BASE / "static" / "css" / "icons.css").read_text()
    have = set(re.findall(r"\.bi-([a-z0-9-]+)::before", css))
    used = set()
    for path in (BASE / "templates").rglob("*.html"):
        used.update(re.findall(r"\bbi bi-([a-z0-9-]+)", path.read_text()))
    assert used and not used - have, "run scripts/build_icons.py"
