"""Participants' check-in cards: the QR a trainer's scanner reads at the door
(docs/training.md, "Check-in for adults"). The QR holds `<site>/training/card/<secret>/`;
the path tells the scanner it is a participant's card, not a pupil's. The secret is an
HMAC of the card's random salt under the server's secret (192 bits, never an id); only
its SHA-256 is stored."""

import base64
import hashlib
import re
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from training.models import Enrolment, Participant, ParticipantCard

CARD_TEXT_RE = re.compile(r"/training/card/([A-Za-z0-9_-]{32})/?$")


def _derive(card: ParticipantCard, key: str | None = None) -> str:
    digest = salted_hmac("training.card", card.salt, secret=key, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest[:24]).decode()


def card_secret(card: ParticipantCard) -> str:
    """The card's secret, derived under the server's key. A card issued under a former
    key (settings.SECRET_KEY_FALLBACKS, while the key is rotated) keeps its secret, so
    its printed QR and the one on the holder's page stay the same."""
    current = _derive(card)
    if not card.secret_hash or _hash(current) == card.secret_hash:
        return current
    for key in settings.SECRET_KEY_FALLBACKS:
        former = _derive(card, key)
        if _hash(former) == card.secret_hash:
            return former
    return current


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def card_url(card: ParticipantCard, *, base_url: str | None = None) -> str:
    base = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return base + reverse("training:card", args=[card_secret(card)])


def card_secret_from_text(text) -> str | None:
    """The secret of a scanned participant's card, or None when the text is not one
    (a pupil's card, anything else): no query."""
    if not isinstance(text, str) or len(text) > 300:
        return None
    match = CARD_TEXT_RE.search(text.strip())
    return match.group(1) if match else None


def card_lookup(secret: str) -> ParticipantCard | None:
    """The card with this secret, revoked or not, with its participant. One query."""
    return (ParticipantCard.objects.select_related("participant")
            .filter(secret_hash=_hash(secret), participant__erased_at__isnull=True).first())


def participant_card_valid(participant: Participant) -> ParticipantCard | None:
    return participant.cards.filter(revoked_at__isnull=True).first()


def _card_new(participant: Participant) -> ParticipantCard:
    card = ParticipantCard(participant=participant, salt=secrets.token_hex(16))
    card.secret_hash = _hash(card_secret(card))
    card.save()
    return card


def participant_card_issue(*, participant: Participant) -> ParticipantCard:
    """A new card; the valid one, if any, is revoked (it then scans as "revoked").
    Locks the participant row."""
    with transaction.atomic():
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        participant.cards.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        return _card_new(participant)


def participant_card_ensure(*, participant: Participant) -> None:
    """Give an admitted participant a card if they have none. The caller holds a lock
    on the enrolment or the class; the participant row is locked here."""
    with transaction.atomic():
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        if not participant.cards.filter(revoked_at__isnull=True).exists():
            _card_new(participant)


def participant_has_admission(participant: Participant) -> bool:
    return participant.enrolments.filter(status=Enrolment.Status.ADMITTED).exists()
