"""Scores: a sheet with one score out of range writes nothing; the post-test pass mark
and a failed practical decide completion with attendance."""

import pytest

from training.models import Assessment, Enrolment, Participant, TrainingAttendance


@pytest.fixture
def two(klass):
    enrolments = []
    for i, name in enumerate(["Nguyễn Thị Thúy", "Trần Văn Bình"]):
        person = Participant.objects.create(
            full_name=name, date_of_birth="1990-01-01", phone=f"090500000{i}", key_salt="x"
        )
        enrolment = Enrolment.objects.create(
            training_class=klass, participant=person, status="admitted", source="nomination",
            applied_at=klass.applications_open_at,
        )
        for session in klass.sessions.all():
            TrainingAttendance.objects.create(enrolment=enrolment, session=session,
                                              status="present", method="roster",
                                              checked_in_at=session.starts_at)
        enrolments.append(enrolment)
    rule = klass.programme.rule
    rule.pass_mark = 70
    rule.save()
    return enrolments


def _url(klass):
    return f"/training/manage/{klass.slug}/assessments/"


@pytest.mark.parametrize("bad", ["101", "-1", "7.5", "abc"])
def test_a_score_out_of_range_writes_nothing(staff_client, klass, two, bad):
    first, second = two
    response = staff_client.post(_url(klass), {
        f"pre{first.pk}": "40", f"post{first.pk}": "90",
        f"pre{second.pk}": "30", f"post{second.pk}": bad,
    })
    assert response.status_code == 400
    assert "Trần Văn Bình" in response.content.decode()
    assert not Assessment.objects.exists()


def test_the_pass_mark_and_the_practical_decide_with_attendance(staff_client, klass, two):
    first, second = two
    page = staff_client.get(f"/training/manage/{klass.slug}/completion/").content.decode()
    assert page.count('data-completed="no"') == 2  # attended everything, no post-test yet
    staff_client.post(_url(klass), {
        f"pre{first.pk}": "40", f"post{first.pk}": "85", f"practical{first.pk}": "pass",
        f"pre{second.pk}": "35", f"post{second.pk}": "90", f"practical{second.pk}": "fail",
        f"note{second.pk}": "Chưa thực hành được kỹ năng tham vấn",
    })
    page = staff_client.get(f"/training/manage/{klass.slug}/completion/").content.decode()
    assert f'data-enrolment="{first.pk}" data-completed="yes"' in page
    assert f'data-enrolment="{second.pk}" data-completed="no"' in page
    staff_client.post(f"/training/manage/{klass.slug}/completion/")
    first.refresh_from_db()
    assert first.completion_snapshot["post_score"] == 85
