"""A trainer's scanner, in a real Chromium whose camera films an adult participant's card
(the QR on their own page): green with their name, the running count, one attendance."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from accounts.models import User
from places.models import Commune
from tests.browser.conftest import PHONE
from tests.browser.test_attendance import camera_browser, sign_in  # noqa: F401 - fixture
from tests.factories.accounts import UserFactory
from tests.factories.training import class_make
from tests.training.test_card_scanner import _card_text
from tests.training.test_certificates import _admitted
from training.models import TrainingAttendance

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_trainer_scans_a_participant_card_through_the_camera(camera_browser, live_server):  # noqa: F811
    klass = class_make(first=timezone.now() - dt.timedelta(minutes=10))
    session = klass.sessions.order_by("starts_at").first()
    trainer = UserFactory(role=User.Role.FACILITATOR)
    klass.trainers.add(trainer)
    commune = Commune.objects.current().get(name="Phường Ninh Kiều")
    enrolment = _admitted(klass, commune=str(commune.pk))
    card = _card_text(enrolment)
    assert re.search(r"/training/card/[A-Za-z0-9_-]{32}/$", card)

    browser = camera_browser(card)
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="vi-VN")
    context.grant_permissions(["camera"], origin=live_server.url)
    page = context.new_page()
    sign_in(page, live_server.url, trainer.username)
    page.goto(f"{live_server.url}/training/manage/{klass.slug}/sessions/{session.pk}/")
    page.get_by_role("link", name="Quét thẻ học viên").click()
    page.locator("#scanner-status[data-outcome=ok]").wait_for(timeout=15_000)
    assert "Nguyễn Thị Thúy" in page.locator("#scanner-name").inner_text()
    page.locator("#scanner-count").filter(has_text="1").wait_for(timeout=20_000)
    row = TrainingAttendance.objects.get(session=session)
    assert (row.enrolment, row.method, row.recorded_by) == (enrolment, "card", trainer)
    # The card stays in view: recorded once, never turned red.
    page.wait_for_timeout(1500)
    assert TrainingAttendance.objects.filter(session=session).count() == 1
    assert page.locator("#scanner-status").get_attribute("data-outcome") == "ok"
    context.close()
