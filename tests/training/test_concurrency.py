"""Capacity under concurrency (row locks work only on PostgreSQL): several people taking
the last place at the same moment, and staff admitting two waiting people into one place."""

import datetime as dt
import threading

import pytest
from django.db import connection

from tests.factories.training import APPLY_AT, class_make
from training import services
from training.errors import TrainingError
from training.models import Enrolment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(targets):
    barrier = threading.Barrier(len(targets))
    outcomes = []

    def run(target):
        barrier.wait()
        try:
            outcomes.append(target())
        except TrainingError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def _person(n):
    return services.ApplicantDetails(
        full_name=f"Người số {n}", date_of_birth=dt.date(1990, 1, n + 1), phone=f"090500000{n}"
    )


def test_four_people_taking_the_last_place_give_one_place_and_three_waiting():
    klass = class_make(capacity=1)
    outcomes = race([
        (lambda n=n: services.enrolment_apply(
            training_class=klass, details=_person(n), consent=True, notice_version="v",
            now=APPLY_AT,
        ).status)
        for n in range(4)
    ])
    assert sorted(outcomes) == ["pending", "waiting", "waiting", "waiting"]
    assert Enrolment.objects.filter(status="pending").count() == 1


def test_two_waiting_admitted_at_once_into_one_free_place():
    klass = class_make(capacity=2)
    for n in range(4):
        services.enrolment_apply(training_class=klass, details=_person(n), consent=True,
                                 notice_version="v", now=APPLY_AT)
    # A place frees without the automatic move-up (as if staff had raised the capacity).
    Enrolment.objects.filter(participant__full_name="Người số 0").update(status="withdrawn")
    waiting = list(Enrolment.objects.filter(status="waiting"))
    assert len(waiting) == 2
    outcomes = race([
        (lambda e=e: services.enrolment_admit(
            enrolment=Enrolment.objects.get(pk=e.pk), actor=None).status)
        for e in waiting
    ])
    assert sorted(outcomes) == ["admitted", "class_full"]
    assert Enrolment.objects.filter(status__in=Enrolment.HOLDS_PLACE).count() == 2
