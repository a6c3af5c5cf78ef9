"""Qualifications held and ending soon (with a refresher class), and the session form's
warning when a facilitator lacks what the centre requires for a sensitive topic."""

import datetime as dt

import pytest
from django.utils import timezone

from sessions.models import ClubSession
from tests.factories.clubs import LeaderAssignmentFactory
from tests.factories.training import class_make, programme_make
from tests.training.test_certificates import _issue
from training.models import Certificate, Qualification, TopicRequirement

pytestmark = pytest.mark.django_db


def test_expiring_qualifications_with_a_refresher_class(client, staff_client, klass):
    enrolment, certificate = _issue(client, staff_client, klass)  # valid until 2028-04-02
    refresher = class_make(programme=programme_make(code="CTXHR", title="Bồi dưỡng lại"),
                           slug="refresher", title="Lớp bồi dưỡng lại CTXH")
    refresher.programme.rule.grants = Qualification.objects.get(name="Chứng nhận CTXH")
    refresher.programme.rule.save()
    refresher.applications_close_at = timezone.now() + dt.timedelta(days=60)
    refresher.save()
    soon = timezone.localdate() + dt.timedelta(days=89)
    Certificate.objects.update(valid_until=soon)
    page = staff_client.get("/training/manage/qualifications/").content.decode()
    expiring = page.split('data-table="expiring"')[1].split("</table>")[0]
    assert "Nguyễn Thị Thúy" in expiring and soon.strftime("%d/%m/%Y") in expiring
    assert "Lớp bồi dưỡng lại CTXH" in expiring
    Certificate.objects.update(valid_until=soon + dt.timedelta(days=2))
    page = staff_client.get("/training/manage/qualifications/").content.decode()
    expiring = page.split('data-table="expiring"')[1].split("</table>")[0]
    assert "Nguyễn Thị Thúy" not in expiring
    assert "Nguyễn Thị Thúy" in page.split('data-table="held"')[1]


def _session(client, club, facilitator, **changes):
    data = {"title": "Phòng chống xâm hại", "kind": "activity", "audience": "club",
            "date": "2026-05-05", "start_time": "14:00", "end_time": "16:00",
            "venue": "Phòng 12", "club": club.pk, "topic": "abuse_prevention",
            "facilitators": [facilitator.pk], **changes}
    return client.post("/sessions/new/", data)


def test_planning_a_sensitive_topic_warns_when_the_facilitator_lacks_the_qualification(
    client, staff_client, klass
):
    enrolment, certificate = _issue(client, staff_client, klass)
    required = Qualification.objects.get(name="Chứng nhận CTXH")
    response = staff_client.post("/training/manage/qualifications/",
                                 {"topic": "abuse_prevention", "qualification": required.pk})
    assert response.status_code == 302
    assert TopicRequirement.objects.get().qualification == required
    bad = staff_client.post("/training/manage/qualifications/", {"topic": "nope"})
    assert bad.status_code == 400 and TopicRequirement.objects.count() == 1

    assignment = LeaderAssignmentFactory(user__email="lan@example.org")
    leader, club = assignment.user, assignment.club
    client.force_login(leader)
    response = _session(client, club, leader)
    assert f"{leader} không có “Chứng nhận CTXH”, chứng nhận mà trung tâm yêu cầu" in \
        response.content.decode()
    assert not ClubSession.objects.filter(club=club).exists()
    # Another topic needs nothing; "save anyway" saves.
    assert _session(client, club, leader, topic="online_safety").status_code == 302
    assert _session(client, club, leader, confirm_conflicts="on").status_code == 302
    assert ClubSession.objects.filter(club=club).count() == 2
    # Once the facilitator holds the qualification (their e-mail), no warning.
    participant = enrolment.participant
    participant.email = "lan@example.org"
    participant.save()
    assert _session(client, club, leader, date="2026-05-12").status_code == 302
    Certificate.objects.update(revoked_on=dt.date(2026, 5, 1), revoke_reason="Sai")
    assert _session(client, club, leader, date="2026-05-19").status_code != 302
