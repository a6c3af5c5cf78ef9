"""Applying, recognising a person, admitting, refusing, the waiting list, nominations:
through the pages a person uses."""

import time_machine
from django.core import mail

from tests.factories.training import APPLY_AT
from tests.training.conftest import APPLICANT
from training.models import Enrolment, Participant

URL = "/training/ctxh-2026/apply/"


def _apply(client, **changes):
    return client.post(URL, {**APPLICANT, **changes})


@time_machine.travel(APPLY_AT, tick=False)
def test_an_application_is_received_and_holds_a_place(client, klass):
    response = _apply(client)
    assert response.status_code == 200
    assert "đơn đăng ký đã được nhận" in response.content.decode()
    enrolment = Enrolment.objects.get()
    assert enrolment.status == "pending"
    assert enrolment.consent_notice_version == "2026-01"
    assert enrolment.participant.phone == "0905123456"
    assert enrolment.participant.commune.name == "Phường Ninh Kiều"


@time_machine.travel(APPLY_AT, tick=False)
def test_an_unknown_ward_is_refused(client, klass):
    for commune in ("999999", "abc", ""):
        response = _apply(client, commune=commune)
        assert response.status_code == 400, commune
    assert not Participant.objects.exists()


@time_machine.travel(APPLY_AT, tick=False)
def test_the_same_person_applying_twice_is_recognised(client, klass):
    _apply(client)
    response = _apply(client, email="", phone="+84 905 123 456", full_name="Nguyễn Thị  Thuý")
    assert response.status_code == 400
    assert Participant.objects.count() == 1
    assert Enrolment.objects.count() == 1
    page = response.content.decode()
    assert "already applied" in page or "đã đăng ký" in page


@time_machine.travel(APPLY_AT, tick=False)
def test_without_consent_nothing_is_written(client, klass):
    data = {k: v for k, v in APPLICANT.items() if k != "consent"}
    response = client.post(URL, data)
    assert response.status_code == 400
    assert not Participant.objects.exists()


@time_machine.travel(APPLY_AT, tick=False)
def test_an_impossible_date_of_birth_is_refused(client, klass):
    for born in ("2030-01-01", "1850-01-01", "2020-01-01", "not a date"):
        response = _apply(client, date_of_birth=born)
        assert response.status_code == 400, born
    assert not Participant.objects.exists()


def test_after_the_window_the_form_is_closed(client, klass):
    with time_machine.travel("2026-03-09 10:00 +07:00", tick=False):
        response = _apply(client)
    assert response.status_code == 400
    assert not Enrolment.objects.exists()


@time_machine.travel(APPLY_AT, tick=False)
def test_a_full_class_gives_a_waiting_list_place(client, klass):
    klass.capacity = 1
    klass.save()
    _apply(client)
    response = _apply(client, full_name="Trần Văn Bình", phone="0911000111", email="b@example.org")
    assert response.status_code == 200
    assert '"waiting"' in response.content.decode()
    assert list(Enrolment.objects.values_list("status", flat=True)) == ["pending", "waiting"]


@time_machine.travel(APPLY_AT, tick=False)
def test_staff_admit_and_the_confirmation_carries_the_sessions(client, staff_client, klass):
    _apply(client)
    enrolment = Enrolment.objects.get()
    with_commit = staff_client.post(f"/training/manage/ctxh-2026/enrolments/{enrolment.pk}/admit/")
    assert with_commit.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == "admitted"


@time_machine.travel(APPLY_AT, tick=False)
def test_confirmation_email_has_the_ics_and_the_private_link(
    client, staff_client, klass, django_capture_on_commit_callbacks
):
    _apply(client)
    enrolment = Enrolment.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"/training/manage/ctxh-2026/enrolments/{enrolment.pk}/admit/")
    (message,) = mail.outbox
    assert message.to == ["thuy@example.org"]
    name, body, mimetype = message.attachments[0]
    assert name == "ctxh-2026.ics" and mimetype == "text/calendar"
    text = body.decode() if isinstance(body, bytes) else body
    assert text.count("BEGIN:VEVENT") == 3
    assert "/training/me/" in message.body


@time_machine.travel(APPLY_AT, tick=False)
def test_refusing_needs_a_reason_and_frees_the_place_for_the_waiting_list(
    client, staff_client, klass
):
    klass.capacity = 1
    klass.save()
    _apply(client)
    _apply(client, full_name="Trần Văn Bình", phone="0911000111", email="b@example.org")
    first, second = Enrolment.objects.order_by("pk")
    staff_client.post(f"/training/manage/ctxh-2026/enrolments/{first.pk}/refuse/", {"reason": " "})
    first.refresh_from_db()
    assert first.status == "pending"
    staff_client.post(
        f"/training/manage/ctxh-2026/enrolments/{first.pk}/refuse/", {"reason": "Sai đối tượng"}
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.refusal_reason) == ("refused", "Sai đối tượng")
    assert second.status == "pending"
    page = staff_client.get("/training/manage/ctxh-2026/").content.decode()
    assert "Sai đối tượng" in page


@time_machine.travel(APPLY_AT, tick=False)
def test_admitting_a_waiting_applicant_into_a_full_class_is_refused(client, staff_client, klass):
    klass.capacity = 1
    klass.save()
    _apply(client)
    _apply(client, full_name="Trần Văn Bình", phone="0911000111", email="b@example.org")
    waiting = Enrolment.objects.get(status="waiting")
    response = staff_client.post(
        f"/training/manage/ctxh-2026/enrolments/{waiting.pk}/admit/", follow=True
    )
    waiting.refresh_from_db()
    assert waiting.status == "waiting"
    assert "full" in response.content.decode() or "đủ" in response.content.decode()


@time_machine.travel(APPLY_AT, tick=False)
def test_staff_nominate_someone_who_is_admitted(staff_client, klass):
    data = {k: v for k, v in APPLICANT.items() if k != "consent"}
    response = staff_client.post("/training/manage/ctxh-2026/", data)
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert (enrolment.status, enrolment.source) == ("admitted", "nomination")


def test_staff_pages_are_closed_to_others(client, klass):
    assert client.get("/training/manage/").status_code == 302
    from tests.factories.accounts import LeaderUserFactory

    client.force_login(LeaderUserFactory())
    assert client.get("/training/manage/ctxh-2026/").status_code == 403
