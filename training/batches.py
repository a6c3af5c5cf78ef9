"""A class's certificate PDFs drawn in the background (django-tasks) into one ZIP, with
progress staff can watch. The progress is saved about ten times whatever the batch size,
so the batch's queries do not grow with it (tests/training/test_batches.py)."""

import io
import logging
import zipfile

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from training.certificates import certificate_centre, certificate_pdf
from training.models import Certificate, CertificateBatch, TrainingClass

logger = logging.getLogger(__name__)


def batch_certificates(training_class_id: int):
    return Certificate.objects.filter(enrolment__training_class_id=training_class_id,
                                      revoked_on__isnull=True).order_by("serial")


def batch_start(*, training_class: TrainingClass, user, base_url: str) -> CertificateBatch:
    batch = CertificateBatch.objects.create(
        training_class=training_class, requested_by=user,
        total=batch_certificates(training_class.pk).count(),
    )
    transaction.on_commit(lambda: certificates_batch_task.enqueue(batch.pk, base_url))
    return batch


def batch_run(batch_id: int, base_url: str) -> None:
    batch = CertificateBatch.objects.get(pk=batch_id)
    certificates = list(batch_certificates(batch.training_class_id))
    step = max(1, len(certificates) // 10)
    CertificateBatch.objects.filter(pk=batch_id).update(
        status=CertificateBatch.Status.RUNNING, total=len(certificates))
    centre = certificate_centre()
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for done, certificate in enumerate(certificates, start=1):
                name = certificate.serial.replace("/", "-") + ".pdf"
                archive.writestr(name, certificate_pdf(certificate, base_url=base_url,
                                                       centre=centre))
                if done % step == 0 and done < len(certificates):
                    CertificateBatch.objects.filter(pk=batch_id).update(done=done)
    except Exception:
        logger.warning("certificate batch %s of %d certificates failed", batch_id,
                       len(certificates))
        CertificateBatch.objects.filter(pk=batch_id).update(
            status=CertificateBatch.Status.FAILED, finished_at=timezone.now())
        raise
    CertificateBatch.objects.filter(pk=batch_id).update(
        status=CertificateBatch.Status.DONE, done=len(certificates),
        archive=out.getvalue(), finished_at=timezone.now())
    logger.info("certificate batch %s done: %d certificates", batch_id, len(certificates))


@task()
def certificates_batch_task(batch_id: int, base_url: str) -> None:
    batch_run(batch_id, base_url)
