import pytest

from tests.factories.attendance import CheckinSessionFactory, member_with_card
from tests.factories.clubs import LeaderAssignmentFactory


@pytest.fixture
def session(db):
    return CheckinSessionFactory()


@pytest.fixture
def leader(session):
    return LeaderAssignmentFactory(club=session.club).user


@pytest.fixture
def member(session):
    """(pupil, card) of an active member, 12 years old, with consent and assent."""
    return member_with_card(session.club)
