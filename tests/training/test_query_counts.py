"""Pages that loop over participants cost the same number of queries for 10 as for 100."""

import datetime as dt

import pytest

from tests.factories.training import APPLY_AT
from training.models import Enrolment, Participant, TrainingAttendance


def _fill(klass, n):
    people = Participant.objects.bulk_create(
        Participant(full_name=f"Học viên {i}", date_of_birth=dt.date(1990, 1, 1),
                    phone=f"09{i:08d}", key_salt="x")
        for i in range(n)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(training_class=klass, participant=p, status="admitted",
                  source="nomination", applied_at=APPLY_AT)
        for p in people
    )
    sessions = list(klass.sessions.all())
    TrainingAttendance.objects.bulk_create(
        TrainingAttendance(enrolment=e, session=s, status="present", method="roster",
                           checked_in_at=s.starts_at)
        for e in enrolments for s in sessions[:2]
    )


def _queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [10, 100])
def test_class_roster_and_completion_list(staff_client, klass, n, django_assert_max_num_queries):
    _fill(klass, n)
    klass.capacity = 200
    klass.save()
    _queries(staff_client, f"/training/manage/{klass.slug}/", django_assert_max_num_queries, 14)
    _queries(staff_client, f"/training/manage/{klass.slug}/completion/",
             django_assert_max_num_queries, 12)
    session = klass.sessions.first()
    _queries(staff_client, f"/training/manage/{klass.slug}/sessions/{session.pk}/",
             django_assert_max_num_queries, 12)
    _queries(staff_client, f"/training/manage/{klass.slug}/sessions/{session.pk}/?print=1",
             django_assert_max_num_queries, 12)


def test_the_verification_page_is_rate_limited(client, klass, settings):
    settings.TRAINING_VERIFY_RATE = "3/m"
    codes = [client.get(f"/verify/made-up-{i}/").status_code for i in range(4)]
    assert codes == [404, 404, 404, 429]
