"""The projected token and typed code: signed, rotating, with a short grace."""

import datetime

import pytest
import time_machine
from django.conf import settings

from attendance import tokens
from attendance.errors import CheckInError

T0 = datetime.datetime(2024, 10, 5, 7, 0, 0, tzinfo=datetime.UTC)  # a slot boundary


def code_of(call):
    with pytest.raises(CheckInError) as info:
        call()
    return info.value.code


def test_a_token_names_its_session():
    with time_machine.travel(T0, tick=False):
        token = tokens.projector_token_make(session_id=42)
        assert tokens.projector_token_parse(token) == 42
        assert tokens.projector_token_parse(token, session_id=42) == 42


def test_a_token_for_another_session_is_refused_as_such():
    with time_machine.travel(T0, tick=False):
        token = tokens.projector_token_make(session_id=42)
        assert code_of(lambda: tokens.projector_token_parse(token, session_id=43)) == (
            "token_other_session"
        )


def test_the_token_stays_the_same_for_a_whole_slot_then_changes():
    rotate = settings.ATTENDANCE_CODE_ROTATE_SECONDS
    with time_machine.travel(T0, tick=False):
        first = tokens.projector_token_make(session_id=1)
    with time_machine.travel(T0 + datetime.timedelta(seconds=rotate - 1), tick=False):
        assert tokens.projector_token_make(session_id=1) == first
    with time_machine.travel(T0 + datetime.timedelta(seconds=rotate), tick=False):
        assert tokens.projector_token_make(session_id=1) != first


def test_a_token_expires_after_its_slot_and_the_grace():
    rotate = settings.ATTENDANCE_CODE_ROTATE_SECONDS
    grace = settings.ATTENDANCE_CODE_GRACE_SECONDS
    with time_machine.travel(T0, tick=False):
        token = tokens.projector_token_make(session_id=1)
    with time_machine.travel(T0 + datetime.timedelta(seconds=rotate + grace), tick=False):
        assert tokens.projector_token_parse(token) == 1
    with time_machine.travel(T0 + datetime.timedelta(seconds=rotate + grace + 1), tick=False):
        assert code_of(lambda: tokens.projector_token_parse(token)) == "token_expired"


def test_a_token_signed_with_another_purpose_is_invalid():
    from django.core import signing

    forged = signing.Signer(salt="something-else").sign("1.999999999")
    assert code_of(lambda: tokens.projector_token_parse(forged)) == "token_invalid"


def test_the_typed_code_rotates_and_keeps_a_grace():
    rotate = settings.ATTENDANCE_CODE_ROTATE_SECONDS
    grace = settings.ATTENDANCE_CODE_GRACE_SECONDS
    with time_machine.travel(T0, tick=False):
        code = tokens.typed_code_current(session_id=7)
        assert tokens.typed_code_match(code, session_ids=[5, 7, 9]) == 7
    with time_machine.travel(T0 + datetime.timedelta(seconds=rotate + grace), tick=False):
        assert tokens.typed_code_match(code, session_ids=[7]) == 7
    with time_machine.travel(T0 + datetime.timedelta(seconds=rotate + grace + 1), tick=False):
        assert code_of(lambda: tokens.typed_code_match(code, session_ids=[7])) == "code_invalid"


def test_a_typed_code_of_a_session_not_open_is_invalid():
    with time_machine.travel(T0, tick=False):
        code = tokens.typed_code_current(session_id=7)
        assert code_of(lambda: tokens.typed_code_match(code, session_ids=[8])) == "code_invalid"


def test_a_card_secret_is_accepted_bare_or_as_the_card_url():
    secret = "AbCdEfGhIjKlMnOpQrStUvWxYz012345"
    assert tokens.card_secret_clean(secret) == secret
    assert tokens.card_secret_clean(f"https://x.vn/checkin/card/{secret}/") == secret
    assert code_of(lambda: tokens.card_secret_clean("1234")) == "card_unknown"
