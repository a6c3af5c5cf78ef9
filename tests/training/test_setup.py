"""Staff set training up through its pages (programmes, classes, sessions); trainers run
their class's rosters and scores and nothing else; the year's figures and their XLSX;
the anonymous end-of-class survey."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from places.models import Commune
from sessions.models import ClubSession, TrainingProgramme
from tests.factories.accounts import UserFactory
from tests.factories.sessions import vn
from tests.training.test_certificates import _admitted
from training import services
from training.models import (
    Assessment,
    Enrolment,
    FeedbackAnswer,
    FeedbackRating,
    FeedbackToken,
    ProgrammeRule,
    Qualification,
    TrainingClass,
)
from training.selectors import training_figures

pytestmark = pytest.mark.django_db


def _programme_data(**changes):
    data = {
        "p-title": "Phòng chống xâm hại trẻ em", "p-description": "", "p-pass_ratio": "0.75",
        "r-code": "PCXH", "r-audiences": ["social_worker", "teacher"], "r-pass_mark": "60",
        "r-grants": str(Qualification.objects.create(name="Tập huấn PCXH").pk),
        "r-validity_months": "24",
        "m-TOTAL_FORMS": "2", "m-INITIAL_FORMS": "0", "m-MIN_NUM_FORMS": "0",
        "m-MAX_NUM_FORMS": "1000",
        "m-0-position": "1", "m-0-title": "Nhận diện xâm hại", "m-0-hours": "4",
        "m-0-learning_outcomes": "Nhận biết dấu hiệu",
        "m-1-position": "2", "m-1-title": "Can thiệp và chuyển gửi", "m-1-hours": "3.5",
        "m-1-learning_outcomes": "",
    }
    data.update(changes)
    return data


def test_staff_create_a_programme_with_its_modules_and_rule(staff_client):
    assert staff_client.get("/training/manage/programmes/new/").status_code == 200
    response = staff_client.post("/training/manage/programmes/new/", _programme_data())
    assert response.status_code == 302
    programme = TrainingProgramme.objects.get(title="Phòng chống xâm hại trẻ em")
    assert [(m.position, m.title, float(m.hours)) for m in programme.modules.all()] == [
        (1, "Nhận diện xâm hại", 4.0), (2, "Can thiệp và chuyển gửi", 3.5)]
    rule = ProgrammeRule.objects.get(programme=programme)
    assert (rule.code, rule.pass_mark, rule.validity_months) == ("PCXH", 60, 24)
    assert rule.audiences == ["social_worker", "teacher"]
    page = staff_client.get("/training/manage/programmes/").content.decode()
    assert "Phòng chống xâm hại trẻ em" in page and "PCXH" in page


@pytest.mark.parametrize("field, value, message", [
    ("r-code", "pc xh", "Dùng 2 đến 10 chữ in hoa"),
    ("p-pass_ratio", "1.5", "lớn hơn 0 và tối đa là 1"),
    ("r-pass_mark", "120", "Điểm đạt tính trên 100"),
])
def test_a_bad_programme_is_refused_with_a_message_and_nothing_written(
    staff_client, field, value, message
):
    response = staff_client.post("/training/manage/programmes/new/",
                                 _programme_data(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not TrainingProgramme.objects.filter(title="Phòng chống xâm hại trẻ em").exists()


def _class_data(programme, **changes):
    data = {
        "programme": str(programme.pk), "title": "Lớp PCXH 2026", "slug": "pcxh-2026",
        "venue": "Phòng 2", "partner_organisation": "Trường Cao đẳng nghề",
        "capacity": "25", "applications_open_at": "2026-02-01T08:00",
        "applications_close_at": "2026-03-01T08:00", "signatory": "Giám đốc",
    }
    data.update(changes)
    return data


def test_staff_create_a_class_and_schedule_its_sessions_with_conflict_warning(
    staff_client, klass
):
    trainer = UserFactory(first_name="Lan")
    data = _class_data(klass.programme, trainers=[str(trainer.pk)])
    response = staff_client.post("/training/manage/classes/new/", data)
    assert response.status_code == 302, response.content.decode()
    new = TrainingClass.objects.get(slug="pcxh-2026")
    assert list(new.trainers.all()) == [trainer] and new.capacity == 25
    module = klass.programme.modules.get(position=1)
    session = {"module": str(module.pk), "starts_at": "2026-03-10T08:30",
               "ends_at": "2026-03-10T10:00", "venue": "Hội trường Trung tâm"}
    # The existing class meets in the same hall at that time: a warning, nothing saved.
    response = staff_client.post("/training/manage/pcxh-2026/edit/sessions/", session)
    assert response.status_code == 400
    assert "Hội trường Trung tâm" in response.content.decode()
    assert not new.sessions.exists()
    response = staff_client.post("/training/manage/pcxh-2026/edit/sessions/",
                                 {**session, "confirm_conflicts": "on"})
    assert response.status_code == 302
    (created,) = new.sessions.all()
    assert created.kind == ClubSession.Kind.TRAINING and created.programme_module == module
    assert list(created.facilitators.all()) == [trainer]
    assert timezone.localtime(created.starts_at) == vn(2026, 3, 10, 8, 30)


@pytest.mark.parametrize("changes, message", [
    ({"applications_close_at": "2026-01-01T08:00"}, "phải đóng sau khi mở"),
    ({"capacity": "0"}, "Lớp học cần ít nhất một chỗ"),
])
def test_a_bad_class_is_refused_and_nothing_written(staff_client, klass, changes, message):
    response = staff_client.post("/training/manage/classes/new/",
                                 _class_data(klass.programme, **changes))
    assert response.status_code == 400 and message in response.content.decode()
    assert not TrainingClass.objects.filter(slug="pcxh-2026").exists()


def test_capacity_cannot_drop_below_held_places_and_raising_it_moves_the_waiting_list(
    staff_client, klass
):
    klass.capacity = 1
    klass.save()
    _admitted(klass)
    waiting = _admitted_or_waiting(klass)
    assert waiting.status == Enrolment.Status.WAITING
    data = _class_data(klass.programme, slug=klass.slug, title=klass.title,
                       applications_open_at="2026-02-01T00:00",
                       applications_close_at="2026-03-08T00:00")
    response = staff_client.post(f"/training/manage/{klass.slug}/edit/", {**data, "capacity": "2"})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.PENDING
    response = staff_client.post(f"/training/manage/{klass.slug}/edit/", {**data, "capacity": "1"})
    assert response.status_code == 400 and "đã có 2 chỗ" in response.content.decode().lower()
    klass.refresh_from_db()
    assert klass.capacity == 2


def _admitted_or_waiting(klass):
    commune = Commune.objects.current().first()
    return services.enrolment_apply(
        training_class=klass, details=services.ApplicantDetails(
            full_name="Trần Văn Bình", date_of_birth=dt.date(1985, 1, 2), phone="0912000111",
            commune=commune),
        consent=True, notice_version="2026-01", now=vn(2026, 3, 1, 10, 0))


def test_a_trainer_runs_their_class_roster_and_scores_and_nothing_else(klass):
    trainer = UserFactory()
    klass.trainers.add(trainer)
    enrolment = _admitted(klass)
    browser = Client()
    browser.force_login(trainer)
    session = klass.sessions.order_by("starts_at").first()
    teaching = browser.get("/training/teaching/").content.decode()
    assert f"/training/manage/{klass.slug}/sessions/{session.pk}/" in teaching
    response = browser.post(f"/training/manage/{klass.slug}/sessions/{session.pk}/",
                            {f"e{enrolment.pk}": "present"})
    assert response.status_code == 302
    assert enrolment.attendances.get().status == "present"
    response = browser.post(f"/training/manage/{klass.slug}/assessments/",
                            {f"pre{enrolment.pk}": "40", f"post{enrolment.pk}": "80"})
    assert response.status_code == 302
    assert Assessment.objects.get(enrolment=enrolment).post_score == 80
    for url in ("/training/manage/", f"/training/manage/{klass.slug}/",
                f"/training/manage/{klass.slug}/completion/", "/training/manage/figures/",
                f"/training/manage/{klass.slug}/edit/", "/training/manage/programmes/new/"):
        assert browser.get(url).status_code == 403, url
    other = UserFactory()
    browser.force_login(other)
    assert browser.get(f"/training/manage/{klass.slug}/assessments/").status_code == 403


def _completed_class(klass, people):
    """people: (audience, organisation type, pre, post, completed)."""
    communes = list(Commune.objects.current().order_by("name")[:2])
    for i, (audience, kind, pre, post, completed) in enumerate(people):
        enrolment = services.enrolment_nominate(
            training_class=klass, actor=None, details=services.ApplicantDetails(
                full_name=f"Người {i}", date_of_birth=dt.date(1980, 1, 1 + i),
                phone=f"09120000{i:02d}", commune=communes[i % 2], audience=audience,
                organisation_type=kind))
        enrolment.status = Enrolment.Status.ADMITTED
        enrolment.completed = completed
        enrolment.save()
        Assessment.objects.create(enrolment=enrolment, pre_score=pre, post_score=post)
    klass.completion_confirmed_at = vn(2026, 4, 1, 9, 0)
    klass.save()
    return communes


def test_figures_of_the_year_on_the_page_in_the_xlsx_and_for_the_report(staff_client, klass):
    communes = _completed_class(klass, [
        ("collaborator", "ward", 40, 80, True), ("collaborator", "ward", 50, 70, True),
        ("teacher", "school", 30, 60, True), ("", "", 20, 30, False),
    ])
    figures = training_figures(year=2026)
    assert (figures.people_trained, figures.admitted, figures.completed) == (3, 4, 3)
    assert figures.completion_rate == 75 and figures.mean_gain == 25  # (40+20+30+10)/4
    assert figures.by_audience[0] == ("Cộng tác viên phường, xã", 2) or \
        figures.by_audience[0][1] == 2
    assert training_figures(year=2025).people_trained == 0
    page = staff_client.get("/training/manage/figures/?year=2026").content.decode()
    assert re.search(r'data-figure="people">3<', page)
    assert re.search(r'data-figure="completion">75[.,]0<', page)
    assert communes[0].name in page
    response = staff_client.get("/training/manage/figures/?year=2026&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row}
    assert cells["Số người được đào tạo"] == 3 and cells["Tỉ lệ hoàn thành (%)"] == 75
    response = staff_client.get("/training/manage/figures/?year=abc", follow=True)
    assert "Nhập một năm từ 2000 đến 2100" in response.content.decode()


def test_xlsx_cells_that_look_like_formulas_stay_text(staff_client, klass):
    communes = _completed_class(klass, [("collaborator", "ward", 40, 80, True)])
    Commune.objects.filter(pk=communes[0].pk).update(name="=HYPERLINK(1)")
    response = staff_client.get("/training/manage/figures/?year=2026&format=xlsx")
    values = [c for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(
        values_only=True) for c in row]
    assert "'=HYPERLINK(1)" in values


def test_the_anonymous_survey(client, staff_client, klass, django_capture_on_commit_callbacks):
    with_email = _admitted(klass)
    without = _admitted_or_waiting(klass)
    services.enrolment_admit(enrolment=without, actor=None)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = staff_client.post(f"/training/manage/{klass.slug}/feedback/")
    slips = re.findall(r"<code>(\S+)</code>", page.content.decode())
    assert len(slips) == 1 and len(mail.outbox) == 1
    assert mail.outbox[0].to == [with_email.participant.email]
    emailed = re.search(r"(https?://\S+/training/feedback/\S+/)", mail.outbox[0].body).group(1)
    path = emailed.split("//", 1)[1].split("/", 1)[1]
    modules = list(klass.programme.modules.order_by("position"))
    answer = {f"m{m.pk}": "4" for m in modules}
    # A missing score: a message, nothing written, the token still usable.
    response = client.post(f"/{path}", {**answer, f"m{modules[1].pk}": "", "comment": "Hay"})
    assert response.status_code == 400 and "Học phần 2" in response.content.decode()
    assert not FeedbackAnswer.objects.exists()
    response = client.post(f"/{path}", {**answer, f"m{modules[0].pk}": "5", "comment": "Hay"})
    assert 'data-outcome="thanks"' in response.content.decode()
    (stored,) = FeedbackAnswer.objects.all()
    assert stored.comment == "Hay"
    assert sorted(FeedbackRating.objects.values_list("score", flat=True)) == [4, 4, 5]
    # Nothing on the answer or the token points at a person.
    names = {f.name for f in FeedbackAnswer._meta.get_fields()}
    assert not names & {"enrolment", "participant", "created_at", "submitted_at"}
    assert {f.name for f in FeedbackToken._meta.get_fields()} == {
        "id", "training_class", "token_hash", "used"}
    # Used once only; a made-up token is refused.
    again = client.post(f"/{path}", answer)
    assert 'data-outcome="invalid"' in again.content.decode()
    assert FeedbackAnswer.objects.count() == 1
    assert client.get("/training/feedback/made-up/").status_code == 404
    # Opening twice is refused.
    staff_client.post(f"/training/manage/{klass.slug}/feedback/")
    assert FeedbackToken.objects.count() == 2
    klass.completion_confirmed_at = timezone.now().replace(year=2026)
    klass.save()
    assert training_figures(year=2026).satisfaction == Decimal("4.3")


def test_the_centres_yearly_report_counts_the_people_trained(staff_client, klass):
    """Training feeds the yearly report: the school year 2025-2026 holds the class whose
    completion was confirmed in April 2026, on the page and in the XLSX; a leader's
    report of their own clubs has no training part."""
    _completed_class(klass, [("collaborator", "ward", 40, 80, True),
                             ("teacher", "school", 30, 60, True), ("", "", 20, 30, False)])
    page = staff_client.get("/reports/?year=2025").content.decode()
    assert 'data-section="training"' in page
    assert re.search(r'data-figure="trained">2<', page)
    assert re.search(r'data-figure="training-classes">1<', page)
    earlier = staff_client.get("/reports/?year=2024").content.decode()
    assert re.search(r'data-figure="trained">0<', earlier)
    response = staff_client.get("/reports/?year=2025&format=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert any("Trained" in name or "đào tạo" in name.lower() for name in book.sheetnames)
