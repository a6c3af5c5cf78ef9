"""The handlers attendance calls for training participants (attendance/participants.py,
docs/training.md): a phone linked on the participant's own page (projected or typed
code), and a participant's card read by a trainer's or leader's scanner."""

from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User
from attendance.checkin_read import SessionRef
from attendance.errors import CheckInError
from attendance.models import CheckinNonce, Method, ScannerDevice
from attendance.participants import CardReader
from attendance.services import (
    CheckInResult,
    nonce_answer,
    nonce_scope,
    refusal_store,
    replayed_result,
    scan_time_believable,
)
from attendance.tokens import card_secret_clean, nonce_clean
from attendance.web import pupil_identity
from clubs import selectors as club_selectors
from sessions.models import ClubSession
from training import selectors, services
from training.access import may_scan_session
from training.cards import card_lookup, card_secret_from_text
from training.links import participant_from_phone
from training.models import Enrolment, Participant, TrainingAttendance, TrainingClass


def _session_model(session: ClubSession | SessionRef) -> ClubSession:
    """The session with its check-in settings, which participant_checkin_record reads."""
    if isinstance(session, ClubSession):
        return session
    return ClubSession.objects.select_related("checkin_settings").get(pk=session.pk)


def participant_checkin(
    request: HttpRequest, *, session: SessionRef, method: str
) -> CheckInResult | None:
    """None unless the session is a training session and this phone was linked to a
    participant on their own page, or is paired to (or signed in as) a club pupil who is
    an admitted participant of a class holding it (a board member); then the check-in's
    result (or CheckInError). Any other pupil is refused by checkin_record."""
    if session.kind != ClubSession.Kind.TRAINING:
        return None
    participant = participant_from_phone(request)
    if participant is None:
        # A club board member admitted to the class, on the phone paired by their card.
        identity = pupil_identity(request)
        if identity is None:
            return None
        device = identity.get("pupil_device")
        participant = _admitted_pupil(
            session, device.pupil_id if device is not None else identity["pupil_id"])
    if participant is None:
        return None
    return services.participant_checkin_record(
        session=_session_model(session),
        participant=participant,
        method=method,
    )


# --- Cards read by a scanner ------------------------------------------------------------


def _participant_name(participant_id: int) -> str:
    # Blank once erased (participant_erase blanks the name).
    return Participant.objects.filter(pk=participant_id).values_list(
        "full_name", flat=True).first() or ""


def _replay(stored: dict) -> CheckInResult:
    """The nonce's first answer, with the participant's name read again: names are not
    stored in nonce answers (CheckInResult.to_json), so erasure reaches them."""
    return replayed_result(stored, name_of=_participant_name)


def _board_member(session: ClubSession | SessionRef, text: str) -> Participant | None:
    """At a training session, a pupil's valid member card whose pupil is a participant
    admitted to a class of it (a club board member): checked in as that participant, so
    the class's completion counts it. None otherwise (the pupil flow goes on)."""
    if session.kind != ClubSession.Kind.TRAINING:
        return None
    try:
        secret = card_secret_clean(text)
    except CheckInError:
        return None
    found = club_selectors.card_lookup(secret=secret)
    if found.status != "valid" or found.pupil is None:
        return None
    return _admitted_pupil(session, found.pupil.pk)


def _admitted_pupil(session: ClubSession | SessionRef, pupil_id: int) -> Participant | None:
    """The participant this pupil is, admitted to a class holding the session, or None."""
    enrolment = (Enrolment.objects.select_related("participant")
                 .filter(participant__pupil_id=pupil_id, status=Enrolment.Status.ADMITTED,
                         training_class__sessions__id=session.pk).first())
    return enrolment.participant if enrolment is not None else None


def _card_checkin(*, session, secret, participant, actor, scanned_at) -> CheckInResult:
    if scanned_at is not None and not scan_time_believable(scanned_at, now=timezone.now()):
        raise CheckInError("scan_time_invalid")
    if participant is None:
        card = card_lookup(secret)
        if card is None:
            raise CheckInError("card_unknown")
        if card.revoked_at is not None:
            raise CheckInError("card_revoked")
        participant = card.participant
    try:
        return services.participant_checkin_record(
            session=session, participant=participant, method=Method.CARD, actor=actor,
            scanned_at=scanned_at,
        )
    except CheckInError as error:
        if error.code == "participant_not_enrolled":
            raise CheckInError("participant_card_not_admitted") from None
        raise


def _refusal_store(error: CheckInError, *, session: ClubSession, secret: str,
                   actor: User | AnonymousUser | None, scanner: ScannerDevice | None,
                   scanned_at: datetime | None, scope: str, nonce: str | None) -> None:
    """As attendance stores a pupil's refused scan (the reason, who scanned, when; the
    card only as a hash, nobody named), with the nonce's answer, once."""
    refusal_store(
        error, session=session, method=Method.CARD, actor=actor, scanner=scanner,
        pupil_device=None, token=secret, nonce=nonce, scope=scope,
        scanned_at=scanned_at if error.code != "scan_time_invalid" else None,
    )


def participant_card_checkin(
    *, session: ClubSession | SessionRef, card: str, actor: User | AnonymousUser | None,
    scanner: ScannerDevice | None, nonce: str | None, scanned_at: datetime | None,
) -> CheckInResult | None:
    """None when `card` is not a participant's card (a pupil's: attendance goes on).
    Otherwise the check-in through services.participant_checkin_record, the participant
    phones' one service, with the scanner's rules: the nonce makes a retry return the
    first answer and store nothing; an offline scan keeps its (believable) scan time;
    every refusal is stored as a RefusedScan with its reason. Raises CheckInError:
    nonce_invalid, scan_time_invalid, card_unknown, card_revoked, session_cancelled,
    not_open_yet, closed, participant_card_not_admitted.

    A club board member admitted to the class may show their member card instead
    (_board_member); any other pupil's card is left to attendance."""
    secret, participant = card_secret_from_text(card), None
    if secret is None:
        participant = _board_member(session, card)
        if participant is None:
            return None
        secret = card.strip()
    session = _session_model(session)
    nonce = nonce_clean(nonce)
    scope = nonce_scope(actor=actor, scanner=scanner, pupil_device=None)
    stored = nonce_answer(scope, nonce)
    if stored is not None:
        return _replay(stored)
    try:
        with transaction.atomic():
            result = _card_checkin(session=session, secret=secret, participant=participant,
                                   actor=actor, scanned_at=scanned_at)
            if nonce:
                CheckinNonce.objects.create(scope=scope, nonce=nonce,
                                            response=result.to_json())
        return result
    except CheckInError as error:
        _refusal_store(error, session=session, secret=secret, actor=actor, scanner=scanner,
                       scanned_at=scanned_at, scope=scope, nonce=nonce)
        raise
    except IntegrityError:
        # The same nonce answered by a concurrent retry: give its answer.
        stored = nonce_answer(scope, nonce)
        if stored is None:
            raise
        return _replay(stored)


def participants_checked_in(session: ClubSession | SessionRef) -> int:
    if session.kind != ClubSession.Kind.TRAINING:
        return 0
    return TrainingAttendance.objects.filter(session_id=session.pk,
                                             status__in=selectors.ATTENDED).count()


def session_of_a_class(session: ClubSession | SessionRef) -> bool:
    """A session a training class holds: only its participants check in there."""
    return TrainingClass.objects.filter(sessions__id=session.pk).exists()


CARD_READER = CardReader(checkin=participant_card_checkin, may_scan=may_scan_session,
                         checked_in=participants_checked_in,
                         only_own_people=session_of_a_class)
