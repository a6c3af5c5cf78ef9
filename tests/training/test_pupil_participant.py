"""A club board member (a pupil) nominated to a training class: recognised as that pupil,
held to the clubs' consent rule at admission, and their completed class shown on their
member page and on their leader's view of it."""

import html

import pytest
import time_machine
from django.utils import translation

from tests.factories.accounts import UserFactory
from tests.factories.clubs import (
    BoardRoleFactory,
    ClubFactory,
    GuardianConsentFactory,
    LeaderAssignmentFactory,
)
from tests.factories.sessions import vn
from tests.training.conftest import APPLICANT
from training.errors import TrainingError
from training.models import Enrolment, TrainingAttendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def board_member():
    club = ClubFactory(slug="clb-b")
    seat = BoardRoleFactory(membership__club=club, membership__pupil__user=UserFactory(),
                            membership__pupil__birth_year=2012,
                            membership__pupil__full_name="Lê Thị Hoa")
    return club, seat.membership.pupil


def _nominate(staff_client, klass, pupil):
    data = {**APPLICANT, "full_name": pupil.full_name, "date_of_birth": "2012-04-02",
            "email": "hoa@example.org", "pupil": str(pupil.pk)}
    response = staff_client.post(f"/training/manage/{klass.slug}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    enrolment = Enrolment.objects.select_related("participant").get()
    assert enrolment.participant.pupil == pupil
    return enrolment


def _admit(staff_client, klass, enrolment):
    return staff_client.post(
        f"/training/manage/{klass.slug}/enrolments/{enrolment.pk}/admit/", follow=True)


@time_machine.travel(vn(2026, 3, 2, 9))
def test_an_under_16_without_consent_is_refused_at_admission(staff_client, klass,
                                                             board_member):
    _club, pupil = board_member
    enrolment = _nominate(staff_client, klass, pupil)
    assert enrolment.status == Enrolment.Status.PENDING  # not admitted at nomination
    page = _admit(staff_client, klass, enrolment).content.decode()
    with translation.override("vi"):
        message = TrainingError("pupil_consent_missing", name=pupil.full_name).message
    assert html.escape(message) in page
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.PENDING and enrolment.decided_at is None


@time_machine.travel(vn(2026, 3, 2, 9), tick=False)
def test_a_board_member_completes_and_sees_the_class_on_their_page(
        client, staff_client, klass, board_member):
    club, pupil = board_member
    enrolment = _nominate(staff_client, klass, pupil)
    GuardianConsentFactory(pupil=pupil)  # recorded afterwards: now they can be admitted
    _admit(staff_client, klass, enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ADMITTED
    for session in klass.sessions.all():
        TrainingAttendance.objects.create(enrolment=enrolment, session=session,
                                          status="present", method="roster",
                                          checked_in_at=session.starts_at)
    rule = klass.programme.rule
    rule.pass_mark = 70
    rule.save()
    staff_client.post(f"/training/manage/{klass.slug}/assessments/", {
        f"pre{enrolment.pk}": "40", f"post{enrolment.pk}": "90",
        f"practical{enrolment.pk}": "pass"})
    staff_client.post(f"/training/manage/{klass.slug}/completion/")
    enrolment.refresh_from_db()
    assert enrolment.completed
    leader = LeaderAssignmentFactory(club=club).user
    for user in (pupil.user, leader):
        client.force_login(user)
        page = client.get(f"/en/clubs/clb-b/members/{pupil.pk}/")
        assert page.status_code == 200
        section = page.text.split('data-section="learning"')[1]
        assert "Training classes completed" in section and klass.title in section
