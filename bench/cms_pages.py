"""Cost of public pages with and without the anonymous page cache.

    DJANGO_SETTINGS_MODULE=config.settings.dev .venv/bin/python bench/cms_pages.py

Needs the demo (`manage.py load_demo`). Prints per-page medians and the ratio cold/cached,
measured in the same run (absolute times on shared machines mean little)."""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGES = ["/", "/thu-vien/", "/thu-vien/vong-tron-an-toan/", "/en/tin-tuc/", "/ar/"]
ROUNDS = 30


def timed(client, url, *, cold: bool):
    samples = []
    for _ in range(ROUNDS):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url, HTTP_HOST="localhost")
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples)


def main():
    client = Client()
    print(f"{'page':<34}{'cold ms':>9}{'cached ms':>11}{'ratio':>8}{'queries cold/hit':>18}")
    for url in PAGES:
        cold = timed(client, url, cold=True)
        client.get(url, HTTP_HOST="localhost")
        warm = timed(client, url, cold=False)
        cache.clear()
        with CaptureQueriesContext(connection) as cold_queries:
            client.get(url, HTTP_HOST="localhost")
        with CaptureQueriesContext(connection) as hit_queries:
            client.get(url, HTTP_HOST="localhost")
        print(
            f"{url:<34}{cold * 1000:>9.1f}{warm * 1000:>11.2f}{cold / warm:>8.1f}"
            f"{len(cold_queries):>12}/{len(hit_queries)}"
        )
    search = timed(client, "/thu-vien/?q=ma+tu%C3%BD&topic=drug_prevention", cold=True)
    print(f"{'search (never cached)':<34}{search * 1000:>9.1f}")


if __name__ == "__main__":
    main()
