#!/usr/bin/env python
"""Benchmark: the club page, the roster export and the card sheet for a club of 10 and a
club of 1,000 members, in one run on a throw-away test database.

Prints median times and the ratio big/small (a ratio, not an absolute time: these shared
machines are noisy). Query counts are pinned in tests/clubs/test_query_counts.py; this
shows what the rows themselves cost.

    .venv/bin/python bench/clubs_roster.py            # SQLite in memory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lalanh_clubs \
        .venv/bin/python bench/clubs_roster.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

REPEAT = 7


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from tests.clubs.test_query_counts import fill
        from tests.factories.clubs import LeaderAssignmentFactory

        small = LeaderAssignmentFactory()
        big = LeaderAssignmentFactory(user=small.user)
        fill(small.club, 10)
        fill(big.club, 1000)
        client = Client()
        client.force_login(small.user)
        print(f"Database: {connection.vendor}; median of {REPEAT} requests each")
        print(f"{'page':<24}{'10 members':>12}{'1,000 members':>16}{'ratio':>8}")
        for label, name, kwargs, cold in [
            ("club page", "clubs:club_detail", {}, False),
            ("export CSV", "clubs:roster_export", {"file_format": "csv"}, False),
            ("export XLSX", "clubs:roster_export", {"file_format": "xlsx"}, False),
            ("card sheet, first draw", "clubs:card_sheet", {}, True),
            ("card sheet, reprint", "clubs:card_sheet", {}, False),
        ]:
            times = []
            for club in (small.club, big.club):
                url = reverse(name, kwargs={"slug": club.slug, **kwargs})
                client.get(url)  # warm up
                samples = []
                for _ in range(3 if cold else REPEAT):
                    if cold:
                        cache.clear()  # QR images are cached: measure drawing them
                    start = time.perf_counter()
                    response = client.get(url)
                    samples.append(time.perf_counter() - start)
                    assert response.status_code == 200
                times.append(statistics.median(samples))
            print(f"{label:<24}{times[0] * 1000:>10.1f}ms{times[1] * 1000:>14.1f}ms"
                  f"{times[1] / times[0]:>8.1f}")
        print("The club page paginates (50 a page): its ratio should stay near 1. Export and "
              "card sheet grow with the rows they must write or draw.")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
