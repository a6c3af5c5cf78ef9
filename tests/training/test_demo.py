"""The demo training: a completed class with certificates (one revoked), one in
progress with a waiting list, a peer-educator class whose certificates expire soon, a
community class taking applications; a second run changes nothing."""

import datetime as dt
from random import Random

from django.utils import timezone

from demo import accounts
from demo.context import DemoContext
from training import demo, selectors
from training.models import Certificate, Enrolment, TrainingAttendance, TrainingClass


def _build():
    ctx = DemoContext(rng=Random(1), today=dt.date(2024, 9, 1), write=lambda line: None)
    accounts.build(ctx)
    demo.build(ctx)


def test_demo_training_is_believable_and_idempotent(db, client):
    _build()
    counts = (TrainingClass.objects.count(), Enrolment.objects.count(),
              Certificate.objects.count(), TrainingAttendance.objects.count())
    _build()
    assert counts == (TrainingClass.objects.count(), Enrolment.objects.count(),
                      Certificate.objects.count(), TrainingAttendance.objects.count())
    today = timezone.localdate()
    states = [selectors.certificate_state(c) for c in Certificate.objects.all()]
    assert states.count("revoked") == 1 and states.count("valid") >= 10
    soon = Certificate.objects.filter(
        revoked_on__isnull=True, valid_until__gte=today,
        valid_until__lte=today + dt.timedelta(days=90),
    )
    assert soon.exists()
    assert Enrolment.objects.filter(status="waiting").count() == 1
    assert selectors.classes_open_for_applications().exists()
    revoked = Certificate.objects.get(revoked_on__isnull=False)
    page = client.get(f"/verify/{revoked.code}/").content.decode()
    assert 'data-state="revoked"' in page
