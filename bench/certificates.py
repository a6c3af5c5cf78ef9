#!/usr/bin/env python
"""Benchmark: a class's certificate PDFs drawn as the background batch draws them
(training.batches.batch_run: WeasyPrint, QR, Ed25519 signature, one ZIP), for 10 and
100 certificates, on a throw-away test database. Prints the time of each batch, the
time per certificate and the ZIP's size. The batch's query count is pinned in
tests/training/test_batches.py.

    .venv/bin/python bench/certificates.py            # SQLite in memory
    BENCH_SIZES=10 .venv/bin/python bench/certificates.py
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def main() -> None:
    import logging

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from tests.factories.training import class_make, programme_make
        from tests.training.test_batches import _certificates
        from training.batches import batch_run
        from training.models import CertificateBatch

        sizes = [int(n) for n in os.environ.get("BENCH_SIZES", "10,100").split(",")]
        print(f"Database: {connection.vendor}")
        print(f"{'certificates':>12}{'batch':>10}{'each':>10}{'ZIP':>10}")
        for n in sizes:
            klass = class_make(slug=f"bench-{n}", title=f"Lớp {n}",
                               programme=programme_make(code=f"B{n}", title=f"CT {n}"))
            _certificates(klass, n)
            batch = CertificateBatch.objects.create(training_class=klass, total=n)
            start = time.perf_counter()
            batch_run(batch.pk, "https://example.org/")
            spent = time.perf_counter() - start
            batch.refresh_from_db()
            assert batch.status == "done" and batch.done == n
            print(f"{n:>12}{spent:>9.1f}s{spent / n * 1000:>8.0f}ms"
                  f"{len(batch.archive) / 1e6:>8.1f}MB")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
