"""The anonymous end-of-class survey (docs/training.md, "Feedback").

Staff open the survey once per class: one random token per admitted participant. Only
each token's SHA-256 is stored, with the class and a "used" flag; which token went to
whom is never stored (e-mails are sent with the token in the text; participants without
an e-mail get a shuffled printed slip). An answer stores its class, the ratings per
module and the comment: no enrolment, no participant, no time."""

import hashlib
import random
import secrets

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from training.errors import TrainingError
from training.models import (
    Enrolment,
    FeedbackAnswer,
    FeedbackRating,
    FeedbackToken,
    TrainingClass,
)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feedback_link(token: str, *, base_url: str | None = None) -> str:
    base = base_url or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + reverse("training:feedback", args=[token])


def feedback_open(*, training_class: TrainingClass, base_url: str | None = None) -> list[str]:
    """Create the class's tokens, e-mail one to each admitted participant who has an
    e-mail address, and return the others' links (shuffled) for printed slips."""
    with transaction.atomic():
        locked = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
        if FeedbackToken.objects.filter(training_class=locked).exists():
            raise TrainingError("feedback_already_open")
        emails = list(
            locked.enrolments.filter(status=Enrolment.Status.ADMITTED)
            .values_list("participant__email", flat=True)
        )
        if not emails:
            raise TrainingError("feedback_nobody")
        tokens = [secrets.token_urlsafe(24) for _email in emails]
        rows = [FeedbackToken(training_class=locked, token_hash=_hash(t)) for t in tokens]
        random.SystemRandom().shuffle(rows)  # row order says nothing about the recipients
        FeedbackToken.objects.bulk_create(rows)
    with translation.override(settings.LANGUAGE_CODE):
        mails = [
            (_("Your opinion of %(class)s") % {"class": training_class.title},
             _("The survey is anonymous: your answers are not linked to your name. "
               "The link works once.") + "\n\n" + feedback_link(token, base_url=base_url),
             None, [email])
            for email, token in zip(emails, tokens, strict=True) if email
        ]
    transaction.on_commit(lambda: send_mass_mail(mails))
    slips = [feedback_link(t, base_url=base_url)
             for email, t in zip(emails, tokens, strict=True) if not email]
    random.SystemRandom().shuffle(slips)
    return slips


def feedback_token_class(token: str) -> TrainingClass | None:
    """The class of an unused token, else None (made up, or already used)."""
    if not token or len(token) > 64:
        return None
    row = (FeedbackToken.objects.select_related("training_class__programme")
           .filter(token_hash=_hash(token), used=False).first())
    return row.training_class if row else None


def feedback_submit(*, token: str, scores: dict[int, str], comment: str) -> FeedbackAnswer:
    """One answer for one unused token: a score 1-5 for every module, an optional comment.
    All or nothing."""
    with transaction.atomic():
        row = (FeedbackToken.objects.select_for_update()
               .filter(token_hash=_hash(token or ""), used=False).first())
        if row is None:
            raise TrainingError("feedback_token_invalid")
        modules = list(row.training_class.programme.modules.order_by("position"))
        ratings = []
        for module in modules:
            value = (scores.get(module.pk) or "").strip()
            if value not in {"1", "2", "3", "4", "5"}:
                raise TrainingError("feedback_score_missing", module=module.title)
            ratings.append((module, int(value)))
        row.used = True
        row.save(update_fields=["used"])
        answer = FeedbackAnswer.objects.create(training_class=row.training_class,
                                               comment=(comment or "").strip()[:2000])
        FeedbackRating.objects.bulk_create([
            FeedbackRating(answer=answer, module=m, module_title=m.title, score=s)
            for m, s in ratings
        ])
    return answer
