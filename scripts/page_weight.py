#!/usr/bin/env python3
"""Print each main page's first-visit weight, compressed (config/page_weight.py), signed in
as the demo accounts. Run after scripts/run.sh has loaded the demo centre:

    .venv/bin/python scripts/page_weight.py

The figures of the last run are in docs/page-weight.md."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def main() -> int:
    import django

    django.setup()
    from django.test import Client
    from django.urls import reverse

    from config.page_weight import measure
    from sessions.models import ClubSession

    session = ClubSession.objects.filter(club__isnull=False).order_by("-starts_at").first()
    pages = [(None, "/"), ("leader", reverse("sessions:list")),
             ("leader", reverse("sessions:calendars")),
             ("leader", reverse("clubs:my_clubs"))]
    if session is not None:
        pages += [("leader", reverse("sessions:detail", args=[session.pk])),
                  ("leader", reverse("attendance:live", args=[session.pk])),
                  ("leader", reverse("attendance:scanner", args=[session.pk])),
                  ("leader", reverse("attendance:projector", args=[session.pk]))]
    pages += [("pupil", "/"), ("staff", reverse("sessions:create"))]
    print(f"{'page':55} {'as':8} {'gzip':>8} {'brotli':>8}")
    for username, url in pages:
        client = Client(HTTP_ACCEPT_LANGUAGE="vi", HTTP_HOST="127.0.0.1")
        if username:
            from accounts.models import User

            client.force_login(User.objects.get(username=username))
        weight = measure(client, url)
        kb_gzip, kb_brotli = weight.gzip / 1000, weight.brotli / 1000
        print(f"{url:55} {username or '-':8} {kb_gzip:7.1f}K {kb_brotli:7.1f}K")
    return 0


if __name__ == "__main__":
    sys.exit(main())
