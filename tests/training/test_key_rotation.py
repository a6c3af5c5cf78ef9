"""Rotating the server's key (DJANGO_SECRET_KEY, the former one kept in
DJANGO_SECRET_KEY_FALLBACKS) leaves participants' private links and card QRs working:
the page shows the same card, and the trainer's scanner still checks it in."""

import pytest
import time_machine
from django.test import Client, override_settings

from tests.training.test_card_scanner import _card_text, _scan, trainer  # noqa: F401
from tests.training.test_certificates import _admitted
from training.links import participant_key

pytestmark = pytest.mark.django_db
NEW_KEY = "a-new-key-for-the-rotation-test-0123456789abcdefghijklmnop"


def test_links_and_cards_survive_a_key_rotation(settings, klass, trainer):  # noqa: F811
    enrolment = _admitted(klass)
    link = f"/training/me/{participant_key(enrolment.participant)}/"
    card = _card_text(enrolment)
    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]):
        assert Client().get(link).status_code == 200
        assert _card_text(enrolment) == card
        session = klass.sessions.order_by("starts_at").first()
        with time_machine.travel(session.starts_at, tick=False):
            assert _scan(trainer, session, card).json()["outcome"] == "ok"
    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[]):
        # Once the former key is retired, its links no longer open.
        assert Client().get(link).status_code == 404
