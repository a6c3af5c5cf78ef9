"""A trainer scans adult participants' cards at the door with the leaders' scanner (the
same page and API as for pupils): each admitted participant has a card QR on their own
page; a scan records attendance once, a second scan is "already checked in", a card of
someone not in this class, a revoked or a made-up card is refused and the refusal kept."""

import base64
import datetime as dt
import io
import re
import uuid

import pytest
import time_machine
import zxingcpp
from django.test import Client
from PIL import Image

from attendance.models import Attendance, CheckinNonce, RefusedScan
from clubs.models import GuardianConsent
from tests.factories.accounts import LeaderUserFactory, UserFactory
from tests.factories.clubs import (
    BoardRoleFactory,
    ClubFactory,
    GuardianConsentFactory,
    MemberCardFactory,
)
from tests.factories.training import class_make, programme_make
from tests.training.conftest import APPLICANT
from tests.training.test_certificates import _admitted
from tests.training.test_setup import _admitted_or_waiting
from training import services
from training.links import participant_key
from training.models import TrainingAttendance

pytestmark = pytest.mark.django_db
URL = "/api/attendance/checkins"
# Sign-in, the session and the trainer check, the session again with its check-in
# settings (the scanner API hands the reader a SessionRef), the nonce, the card, the
# enrolment, the attendance and their savepoints: the same for any class size.
QUERIES_PER_SCAN = 15


def _card_text(enrolment) -> str:
    """What the participant's phone shows on their own page, read like a camera does."""
    page = Client().get(f"/training/me/{participant_key(enrolment.participant)}/")
    src = re.search(r'src="data:image/png;base64,([^"]+)"', page.content.decode()).group(1)
    return zxingcpp.read_barcodes(Image.open(io.BytesIO(base64.b64decode(src))))[0].text


@pytest.fixture
def trainer(klass):
    user = UserFactory()
    klass.trainers.add(user)
    browser = Client()
    browser.force_login(user)
    return browser


def _scan(browser, session, card, **extra):
    payload = {"session_id": session.pk, "card": card, "nonce": uuid.uuid4().hex, **extra}
    return browser.post(URL, payload, content_type="application/json",
                        HTTP_ACCEPT_LANGUAGE="vi")


def _live_count(browser, session) -> int:
    return browser.get(f"/api/attendance/sessions/{session.pk}/live").json()["counts"]["in"]


def test_a_trainer_scans_a_participant_in_once(klass, trainer):
    enrolment = _admitted(klass)
    card = _card_text(enrolment)
    assert "/training/card/" in card
    session = klass.sessions.order_by("starts_at").first()
    # The trainer opens the same scanner page as leaders, from their session roster.
    scanner = f"/attendance/sessions/{session.pk}/scanner/"
    roster = trainer.get(f"/training/manage/{klass.slug}/sessions/{session.pk}/")
    assert f'href="{scanner}"' in roster.content.decode()
    page = trainer.get(scanner)
    assert page.status_code == 200 and 'id="scanner"' in page.content.decode()
    assert f'href="/attendance/sessions/{session.pk}/"' not in page.content.decode()
    with time_machine.travel(session.starts_at - dt.timedelta(minutes=5), tick=False):
        first = _scan(trainer, session, card)
        assert first.status_code == 200
        assert first.json()["outcome"] == "ok"
        assert first.json()["pupil_name"] == "Nguyễn Thị Thúy"
        again = _scan(trainer, session, card)
        assert again.status_code == 200 and again.json()["outcome"] == "duplicate"
        assert "đã điểm danh" in again.json()["message"]
        assert _live_count(trainer, session) == 1
    row = TrainingAttendance.objects.get()
    assert (row.enrolment, row.session, row.status, row.method) == (
        enrolment, session, "present", "card")


def test_a_retried_scan_answers_the_same_and_stores_once(klass, trainer):
    card = _card_text(_admitted(klass))
    session = klass.sessions.order_by("starts_at").first()
    payload = {"session_id": session.pk, "card": card, "nonce": uuid.uuid4().hex}
    with time_machine.travel(session.starts_at + dt.timedelta(minutes=20), tick=False):
        first = trainer.post(URL, payload, content_type="application/json").json()
        retry = trainer.post(URL, payload, content_type="application/json").json()
    assert first["outcome"] == retry["outcome"] == "ok" and first["status"] == "late"
    assert retry["replayed"] is True
    assert TrainingAttendance.objects.count() == 1
    assert CheckinNonce.objects.count() == 1


def test_another_class_s_participant_is_refused_and_the_refusal_kept(klass, trainer):
    other = class_make(programme=programme_make(code="PEER", title="Giáo dục đồng đẳng"),
                       slug="peer-2026", title="Lớp đồng đẳng")
    outsider = _admitted(other, full_name="Lê Văn Tám", phone="0905777888",
                         email="tam@example.org", date_of_birth="1988-08-08")
    session = klass.sessions.order_by("starts_at").first()
    with time_machine.travel(session.starts_at, tick=False):
        response = _scan(trainer, session, _card_text(outsider))
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "participant_card_not_admitted"
    assert "chưa được nhận vào lớp" in body["message"]
    assert not TrainingAttendance.objects.exists()
    refused = RefusedScan.objects.get()
    assert (refused.session, refused.code, refused.method) == (
        session, "participant_card_not_admitted", "card")
    assert refused.pupil is None and refused.actor is not None
    assert "0905777888" not in refused.token_hash


def test_a_reissued_card_revokes_the_old_one_and_a_made_up_one_is_unknown(
    klass, trainer, staff_client
):
    enrolment = _admitted(klass)
    old = _card_text(enrolment)
    staff_client.post(f"/training/manage/participants/{enrolment.participant_id}/card/")
    new = _card_text(enrolment)
    assert new != old
    session = klass.sessions.order_by("starts_at").first()
    with time_machine.travel(session.starts_at, tick=False):
        revoked = _scan(trainer, session, old)
        made_up = _scan(trainer, session, "https://x.example/training/card/" + "A" * 32 + "/")
        ok = _scan(trainer, session, new)
    assert (revoked.status_code, revoked.json()["code"]) == (410, "card_revoked")
    assert (made_up.status_code, made_up.json()["code"]) == (404, "card_unknown")
    assert ok.json()["outcome"] == "ok"
    assert sorted(RefusedScan.objects.values_list("code", flat=True)) == [
        "card_revoked", "card_unknown"]


def test_a_pending_applicant_is_refused_and_outside_the_window_nothing_is_written(
    klass, trainer
):
    enrolment = _admitted(klass)
    card = _card_text(enrolment)
    session = klass.sessions.order_by("starts_at").first()
    with time_machine.travel(session.starts_at - dt.timedelta(hours=3), tick=False):
        early = _scan(trainer, session, card)
    assert (early.status_code, early.json()["code"]) == (409, "not_open_yet")

    services.enrolment_withdraw(enrolment=enrolment)
    with time_machine.travel(session.starts_at, tick=False):
        withdrawn = _scan(trainer, session, card)
    assert withdrawn.json()["code"] == "participant_card_not_admitted"
    assert not TrainingAttendance.objects.exists()


def test_only_the_class_s_trainers_and_those_who_run_check_in_may_scan(klass):
    enrolment = _admitted(klass)
    card = _card_text(enrolment)
    session = klass.sessions.order_by("starts_at").first()
    other_class_trainer = UserFactory()
    class_make(programme=programme_make(code="PEER", title="Đồng đẳng"), slug="peer",
               title="Lớp khác").trainers.add(other_class_trainer)
    for user in (other_class_trainer, LeaderUserFactory(), UserFactory()):
        browser = Client()
        browser.force_login(user)
        with time_machine.travel(session.starts_at, tick=False):
            response = _scan(browser, session, card)
        assert (response.status_code, response.json()["code"]) == (404, "session_unknown")
        assert browser.get(f"/attendance/sessions/{session.pk}/scanner/").status_code == 404
    assert not TrainingAttendance.objects.exists()


def test_a_participant_with_no_admission_has_no_card_on_their_page(client, klass):
    pending = _admitted_or_waiting(klass)
    text = Client().get(f"/training/me/{participant_key(pending.participant)}/").content
    assert b"data:image/png" not in text
    services.enrolment_admit(enrolment=pending, actor=None)
    text = Client().get(f"/training/me/{participant_key(pending.participant)}/").content
    assert b"data:image/png" in text


def test_queries_per_participant_card_scan_are_pinned(
    klass, trainer, django_assert_max_num_queries
):
    """The same for the 2nd or the 30th participant: nothing grows with the class."""
    klass.capacity = 30
    klass.save()
    admitted = [_admitted(klass, full_name=f"Người {n}", phone=f"09050{n:05d}",
                          email=f"n{n}@example.org") for n in range(30)]
    session = klass.sessions.order_by("starts_at").first()
    with time_machine.travel(session.starts_at, tick=False):
        _scan(trainer, session, _card_text(admitted[0]))
        for enrolment in (admitted[1], admitted[29]):
            card = _card_text(enrolment)
            with django_assert_max_num_queries(QUERIES_PER_SCAN):
                assert _scan(trainer, session, card).json()["outcome"] == "ok"


def board_member_nominated(klass, staff_client):
    """A club board member (born 2012, guardian consent given) with a member card,
    nominated to the class by staff with the link to their pupil record: (pupil, card)."""
    seat = BoardRoleFactory(membership__club=ClubFactory(slug="clb-b"),
                            membership__pupil__birth_year=2012,
                            membership__pupil__full_name="Lê Thị Hoa")
    pupil = seat.membership.pupil
    GuardianConsentFactory(pupil=pupil)
    card = MemberCardFactory(pupil=pupil)
    staff_client.post(f"/training/manage/{klass.slug}/", {
        **APPLICANT, "full_name": pupil.full_name, "date_of_birth": "2012-04-02",
        "email": "hoa@example.org", "pupil": str(pupil.pk)})
    return pupil, card


def test_a_board_member_may_show_their_member_card_and_consent_still_counts(
    klass, trainer, staff_client
):
    """A club board member (a pupil) admitted to the class is checked in as the class's
    participant whichever card they show; once their guardian's consent is withdrawn,
    neither card checks them in."""

    pupil, member_card = board_member_nominated(klass, staff_client)
    first, second = klass.sessions.order_by("starts_at")[:2]
    with time_machine.travel(first.starts_at, tick=False):
        response = _scan(trainer, first, member_card.secret)
    assert response.json()["outcome"] == "ok" and response.json()["pupil_name"] == "Lê Thị Hoa"
    assert TrainingAttendance.objects.get().enrolment.participant.pupil == pupil
    assert not Attendance.objects.exists()  # not a pupil's attendance: the class counts it
    GuardianConsent.objects.filter(pupil=pupil).update(withdrawn_at=first.starts_at)
    with time_machine.travel(second.starts_at, tick=False):
        refused = _scan(trainer, second, member_card.secret)
    assert refused.json()["code"] == "consent_missing"
    assert TrainingAttendance.objects.count() == 1


def test_an_erased_participant_s_card_is_unknown(klass, trainer, staff_client):
    enrolment = _admitted(klass)
    card = _card_text(enrolment)
    staff_client.post(f"/training/manage/participants/{enrolment.participant_id}/erase/",
                      {"confirm": "yes"})
    session = klass.sessions.order_by("starts_at").first()
    with time_machine.travel(session.starts_at, tick=False):
        response = _scan(trainer, session, card)
    assert (response.status_code, response.json()["code"]) == (404, "card_unknown")


def test_a_trainer_projects_the_code_and_its_count_includes_participants(klass, trainer):
    enrolment = _admitted(klass)
    session = klass.sessions.order_by("starts_at").first()
    projector = f"/attendance/sessions/{session.pk}/projector/"
    assert trainer.get(projector).status_code == 200
    phone = Client()
    phone.get(f"/training/me/{participant_key(enrolment.participant)}/")  # links the phone
    with time_machine.travel(session.starts_at, tick=False):
        state = trainer.get(projector + "state/").json()
        assert state["count"] == 0
        opened = phone.get(state["url"].split("testserver", 1)[1])
        assert 'data-outcome="ok"' in opened.content.decode()
        assert trainer.get(projector + "state/").json()["count"] == 1
    # Another class's trainer may not project it.
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(projector).status_code == 404
