"""A participant's data: staff view it (logged), export it (everything linked to them,
nothing of anyone else, logged) and erase it at their request (logged); the certificate's
verification record keeps what the paper shows."""

import json

import pytest

from tests.training.test_certificates import _issue
from training.links import participant_key
from training.models import Assessment, ParticipantAccess, TrainingAttendance

pytestmark = pytest.mark.django_db


def test_export_erase_and_the_access_log(client, staff_client, klass):
    enrolment, certificate = _issue(client, staff_client, klass)
    Assessment.objects.create(enrolment=enrolment, pre_score=40, post_score=80)
    participant = enrolment.participant
    key = participant_key(participant)
    page = staff_client.get(f"/training/manage/participants/{participant.pk}/")
    assert "thuy@example.org" in page.content.decode()
    data = json.loads(staff_client.get(
        f"/training/manage/participants/{participant.pk}/export.json").content)
    assert data["participant"]["email"] == "thuy@example.org"
    assert len(data["attendance"]) == 3 and data["certificates"][0]["serial"] == certificate.serial
    assert data["enrolments"][0]["assessment"]["post_score"] == 80

    # Without the confirmation tick nothing is erased.
    staff_client.post(f"/training/manage/participants/{participant.pk}/erase/")
    participant.refresh_from_db()
    assert participant.erased_at is None and participant.email

    staff_client.post(f"/training/manage/participants/{participant.pk}/erase/",
                      {"confirm": "yes"})
    participant.refresh_from_db()
    assert participant.erased_at is not None
    assert (participant.full_name, participant.phone, participant.email) == ("", "", "")
    assert participant.commune is None
    assert not TrainingAttendance.objects.filter(enrolment__participant=participant).exists()
    assert not Assessment.objects.filter(enrolment__participant=participant).exists()
    enrolment.refresh_from_db()
    assert enrolment.completed and enrolment.completion_snapshot is None
    assert client.get(f"/training/me/{key}/").status_code == 404  # the private link stops
    page = client.get(f"/verify/{certificate.code}/").content.decode()
    assert "Nguyễn Thị Thúy" in page and 'data-state="valid"' in page
    page = staff_client.get(f"/training/manage/participants/{participant.pk}/").content.decode()
    assert "thuy@example.org" not in page and "data-erased" in page
    actions = list(ParticipantAccess.objects.filter(participant=participant)
                   .order_by("pk").values_list("action", flat=True))
    assert actions == ["view", "export", "erase", "view"]


def test_an_erased_participant_s_name_is_in_no_stored_scan_answer(klass, staff_client):
    """A scan's retry answer (CheckinNonce) keeps ids only: the name is read again on a
    retry, so after erasure the retry names nobody and no stored answer holds the name."""
    import time_machine
    from django.test import Client

    from attendance.models import CheckinNonce
    from tests.factories.accounts import UserFactory
    from tests.training.test_card_scanner import _card_text, _scan
    from tests.training.test_certificates import _admitted

    enrolment = _admitted(klass)
    card = _card_text(enrolment)
    trainer = Client()
    trainer.force_login(UserFactory())
    klass.trainers.add(trainer.session["_auth_user_id"])
    session = klass.sessions.order_by("starts_at").first()
    nonce = "retry-nonce-0001"
    with time_machine.travel(session.starts_at, tick=False):
        first = _scan(trainer, session, card, nonce=nonce).json()
        retry = _scan(trainer, session, card, nonce=nonce).json()
    assert first["pupil_name"] == retry["pupil_name"] == "Nguyễn Thị Thúy"
    assert retry["replayed"] is True
    assert "Nguyễn Thị Thúy" not in json.dumps(list(CheckinNonce.objects.values("response")))

    staff_client.post(f"/training/manage/participants/{enrolment.participant_id}/erase/",
                      {"confirm": "yes"})
    with time_machine.travel(session.starts_at, tick=False):
        after = _scan(trainer, session, card, nonce=nonce).json()
    assert (after["outcome"], after["replayed"], after["pupil_name"]) == ("ok", True, "")
    assert "Thúy" not in after["message"]
