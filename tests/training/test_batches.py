"""A class's certificate PDFs drawn in the background with progress; the batch's queries
do not grow with its size (10 vs 100)."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.training import class_make, programme_make
from tests.training.test_certificates import _issue
from training import batches
from training.models import Certificate, CertificateBatch, Enrolment, Participant

pytestmark = pytest.mark.django_db


def test_staff_start_a_batch_watch_progress_and_download_the_zip(
    client, staff_client, klass, django_capture_on_commit_callbacks
):
    _enrolment, certificate = _issue(client, staff_client, klass)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/training/manage/{klass.slug}/certificates/batch/")
    batch = CertificateBatch.objects.get()
    assert response.url == f"/training/batches/{batch.pk}/"
    page = staff_client.get(response.url).content.decode()
    assert 'data-status="done"' in page and "1/1" in page
    archive = zipfile.ZipFile(io.BytesIO(staff_client.get(f"{response.url}?download=1").content))
    assert archive.namelist() == [certificate.serial.replace("/", "-") + ".pdf"]
    assert archive.read(archive.namelist()[0]).startswith(b"%PDF")


def _certificates(klass, n):
    participants = Participant.objects.bulk_create(
        Participant(full_name=f"Người {i}", date_of_birth=dt.date(1980, 1, 1),
                    phone=f"09{i:08d}", key_salt="x") for i in range(n))
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(training_class=klass, participant=p, status="admitted", source="nomination",
                  applied_at=klass.applications_open_at) for p in participants)
    Certificate.objects.bulk_create(
        Certificate(enrolment=e, serial=f"{klass.slug}/{i:04d}", code=f"{klass.slug}{i:06d}",
                    holder_name="A", holder_date_of_birth=dt.date(1980, 1, 1),
                    programme_title="P", class_title="C", hours=4,
                    first_day=dt.date(2026, 3, 1), last_day=dt.date(2026, 3, 2),
                    issued_on=dt.date(2026, 3, 3)) for i, e in enumerate(enrolments))


def test_batch_queries_do_not_grow_with_its_size(monkeypatch):
    monkeypatch.setattr(batches, "certificate_pdf",
                        lambda c, **kw: b"%PDF-1.7 " + c.serial.encode())  # DB cost only
    counts = {}
    for n in (10, 100):
        klass = class_make(slug=f"c{n}", title=f"Lớp {n}",
                           programme=programme_make(code=f"C{n}", title=f"CT {n}"))
        _certificates(klass, n)
        batch = CertificateBatch.objects.create(training_class=klass, total=n)
        cache.clear()  # the centre profile is read (and cached) once per batch
        with CaptureQueriesContext(connection) as queries:
            batches.batch_run(batch.pk, "http://testserver/")
        batch.refresh_from_db()
        assert (batch.status, batch.done) == ("done", n)
        counts[n] = len(queries)
    assert counts[10] == counts[100], counts
    assert counts[100] <= 16


def test_a_failed_batch_is_marked_failed_and_logged_for_the_operator(monkeypatch, caplog):
    def broken(certificate, **kw):
        raise OSError("font missing")

    monkeypatch.setattr(batches, "certificate_pdf", broken)
    klass = class_make(slug="broken", title="Lớp hỏng", programme=programme_make(code="B"))
    _certificates(klass, 2)
    batch = CertificateBatch.objects.create(training_class=klass, total=2)
    with caplog.at_level("INFO", logger="training.batches"), pytest.raises(OSError):
        batches.batch_run(batch.pk, "http://testserver/")
    batch.refresh_from_db()
    assert batch.status == "failed" and batch.finished_at is not None
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", f"certificate batch {batch.pk} of 2 certificates failed")
    ]
    assert "Người" not in caplog.text  # no participant's name in the log
