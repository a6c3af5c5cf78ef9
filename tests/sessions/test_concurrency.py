"""Row locks hold under real concurrency (PostgreSQL only: SQLite ignores select_for_update)."""

import threading

import pytest
from django.db import close_old_connections

from sessions import exceptions as exc
from sessions.feed_services import member_feed_token_renew
from sessions.models import MemberFeedToken, MockTrialAudience
from sessions.trial_services import mock_trial_book_audience, mock_trial_create
from tests.factories.clubs import MembershipFactory
from tests.factories.sessions import ClubSessionFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_together(target, n):
    barrier = threading.Barrier(n)
    outcomes = []

    def worker(i):
        barrier.wait()
        try:
            outcomes.append(target(i))
        except exc.SessionError as error:
            outcomes.append(error.code)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_parallel_audience_bookings_never_exceed_capacity():
    hearing = ClubSessionFactory(kind="mock_trial", capacity=100)
    trial = mock_trial_create(hearing=hearing, case_title="Vụ án", legal_topic="drugs")
    outcomes = run_together(
        lambda i: mock_trial_book_audience(trial=trial, school=hearing.club.school,
                                           class_name=f"9A{i}", expected=30), 6)
    assert outcomes.count("capacity_below_registrations") == 3
    assert sum(MockTrialAudience.objects.values_list("expected", flat=True)) == 90


def test_parallel_renewals_leave_one_valid_address():
    pupil = MembershipFactory().pupil
    outcomes = run_together(lambda i: member_feed_token_renew(pupil=pupil), 5)
    assert len(outcomes) == 5
    assert MemberFeedToken.objects.filter(pupil=pupil, revoked_at__isnull=True).count() == 1
