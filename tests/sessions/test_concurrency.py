"""Row locks hold under real concurrency (PostgreSQL only: SQLite ignores select_for_update)."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from sessions import exceptions as exc
from sessions.feed_services import feed_state_update, member_feed_token_renew
from sessions.models import FeedState, MemberFeedToken, MockTrialAudience
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
            connection.close()  # each thread has its own; leave none open at teardown

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


def test_parallel_feed_changes_never_leave_an_older_content_fresh():
    """Workers serving different contents of one feed at the same instant: one state row,
    and any content not the final one is older than the final Last-Modified, so a client
    holding it gets the new content for If-Modified-Since."""
    now = timezone.now()
    outcomes = run_together(
        lambda i: (f'"{i}"', feed_state_update(scope="member-1", etag=f'"{i}"', now=now)), 6)
    final = FeedState.objects.get(scope="member-1")
    assert len(outcomes) == 6
    for etag, modified_at in outcomes:
        assert etag == final.etag or modified_at < final.modified_at
