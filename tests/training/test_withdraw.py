"""A participant withdraws from their own page: the place goes to the waiting list. Once
the class's completion list holds them it is final: no withdraw button, and a forged
request is refused with a message and changes nothing."""

import pytest
from django.test import Client

from tests.training.test_certificates import _admitted, _issue
from tests.training.test_setup import _admitted_or_waiting
from training.links import participant_key
from training.models import Certificate, Enrolment

pytestmark = pytest.mark.django_db


def _withdraw_form(enrolment) -> str:
    return f'/training/me/{participant_key(enrolment.participant)}/withdraw/{enrolment.pk}/'


def test_an_admitted_participant_withdraws_from_their_page(klass):
    klass.capacity = 1
    klass.save()
    enrolment = _admitted(klass)
    waiting = _admitted_or_waiting(klass)
    assert waiting.status == Enrolment.Status.WAITING
    page = Client().get(f"/training/me/{participant_key(enrolment.participant)}/")
    assert _withdraw_form(enrolment) in page.content.decode()
    response = Client().post(_withdraw_form(enrolment), follow=True,
                             HTTP_ACCEPT_LANGUAGE="vi")
    assert f"Bạn đã rút khỏi {klass.title}." in response.content.decode()
    enrolment.refresh_from_db()
    waiting.refresh_from_db()
    assert enrolment.status == Enrolment.Status.WITHDRAWN
    assert waiting.status == Enrolment.Status.PENDING  # the freed place goes to them


def test_after_completion_the_record_is_final(client, staff_client, klass):
    enrolment, certificate = _issue(client, staff_client, klass)
    key = participant_key(enrolment.participant)
    page = Client().get(f"/training/me/{key}/").content.decode()
    assert _withdraw_form(enrolment) not in page
    response = Client().post(_withdraw_form(enrolment), follow=True,
                             HTTP_ACCEPT_LANGUAGE="vi")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Danh sách hoàn thành của lớp đã được xác nhận" in text
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ADMITTED and enrolment.completed
    assert Certificate.objects.get(pk=certificate.pk).revoked_on is None
