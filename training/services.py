"""Writes for training: applications and decisions, participants' attendance, the
completion list and certificates. Every change of who holds a place locks the class row
(SELECT ... FOR UPDATE) and counts again, so capacity holds under concurrency."""

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.mail import EmailMessage
from django.db import transaction
from django.forms import BaseInlineFormSet, ModelForm
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from attendance.errors import CheckInError
from attendance.selectors import checkin_window
from attendance.services import CheckInResult
from clubs import selectors as club_selectors
from clubs.models import Pupil
from sessions.ical import build_calendar
from sessions.models import ClubSession, TrainingModule, TrainingProgramme
from training import selectors
from training.cards import participant_card_ensure
from training.errors import TrainingError
from training.links import participant_key
from training.models import (
    Assessment,
    Certificate,
    Enrolment,
    Participant,
    Qualification,
    SerialCounter,
    TrainingAttendance,
    TrainingClass,
)

Status = Enrolment.Status


@dataclass(frozen=True)
class ApplicantDetails:
    full_name: str
    date_of_birth: dt.date
    organisation: str = ""
    position: str = ""
    phone: str = ""
    email: str = ""
    commune: object = None  # places.Commune
    audience: str = ""
    organisation_type: str = ""


def notice_version() -> str:
    from django.conf import settings

    return settings.TRAINING_PRIVACY_NOTICE_VERSION


def phone_normalise(phone: str) -> str:
    digits = re.sub(r"[^0-9+]", "", phone or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    return digits.replace("+", "")


def _check_details(details: ApplicantDetails, *, today: dt.date) -> ApplicantDetails:
    if not details.phone and not details.email:
        raise TrainingError("contact_missing")
    born = details.date_of_birth
    if born > today or born < today.replace(year=today.year - 100) or (
        born > today.replace(year=today.year - 10)
    ):
        raise TrainingError("date_of_birth_impossible")
    return ApplicantDetails(
        full_name=" ".join(details.full_name.split()),
        date_of_birth=born,
        organisation=details.organisation.strip(),
        position=details.position.strip(),
        phone=phone_normalise(details.phone),
        email=details.email.strip().lower(),
        commune=details.commune,
        audience=details.audience,
        organisation_type=details.organisation_type,
    )


def participant_find_or_create(*, details: ApplicantDetails) -> Participant:
    """The same person applying again: same date of birth and the same phone or e-mail.
    Their details are refreshed from the newest form; otherwise a new participant."""
    participant = selectors.participant_match(
        date_of_birth=details.date_of_birth, phone=details.phone, email=details.email
    )
    if participant is None:
        return Participant.objects.create(
            **details.__dict__, key_salt=secrets.token_hex(16)
        )
    for field, value in details.__dict__.items():
        if value:
            setattr(participant, field, value)
    participant.save()
    return participant


def _held_places(training_class: TrainingClass) -> int:
    return training_class.enrolments.filter(status__in=Enrolment.HOLDS_PLACE).count()


def _lock_class(training_class: TrainingClass) -> TrainingClass:
    return TrainingClass.objects.select_for_update().get(pk=training_class.pk)


def enrolment_apply(
    *, training_class: TrainingClass, details: ApplicantDetails, consent: bool,
    notice_version: str, now: dt.datetime | None = None,
) -> Enrolment:
    """A public application. Within the window, with consent. A free place gives a
    pending application (it holds the place while staff decide); a full class gives a
    waiting-list place, not an error.

    Raises TrainingError: window_not_open, window_closed, consent_missing, contact_missing,
    date_of_birth_impossible, already_applied. Locks the class row."""
    now = now or timezone.now()
    if now < training_class.applications_open_at:
        raise TrainingError("window_not_open")
    if now >= training_class.applications_close_at:
        raise TrainingError("window_closed")
    if not consent:
        raise TrainingError("consent_missing")
    details = _check_details(details, today=timezone.localdate(now))
    with transaction.atomic():
        locked = _lock_class(training_class)
        participant = participant_find_or_create(details=details)
        existing = Enrolment.objects.filter(
            training_class=locked, participant=participant
        ).first()
        if existing is not None:
            raise TrainingError("already_applied", status=existing.get_status_display())
        status = Status.PENDING if _held_places(locked) < locked.capacity else Status.WAITING
        return Enrolment.objects.create(
            training_class=locked, participant=participant, status=status,
            source=Enrolment.Source.APPLICATION, applied_at=now, consent_at=now,
            consent_notice_version=notice_version,
        )


def _pupil_consent_ok(participant: Participant) -> bool:
    """A participant who is a club pupil follows the clubs' consent rule (under 16: a
    guardian's consent on record). At most one query."""
    if participant.pupil_id is None:
        return True
    return club_selectors.pupil_consent_ok(pupil=participant.pupil,  # type: ignore[arg-type]
                                           on_date=timezone.localdate())


def enrolment_nominate(
    *, training_class: TrainingClass, details: ApplicantDetails, actor: User | None,
    notify: bool = True, pupil: Pupil | None = None,
) -> Enrolment:
    """Staff put someone forward: admitted at once when a place is free (and e-mailed,
    unless `notify` is off: the demo), else on the waiting list. Same checks and
    recognition of the person as an application. A club board member is linked to their
    pupil record; one who lacks the guardian consent the clubs require holds a pending
    place until it is recorded (enrolment_admit refuses them until then)."""
    now = timezone.now()
    details = _check_details(details, today=timezone.localdate(now))
    with transaction.atomic():
        locked = _lock_class(training_class)
        participant = participant_find_or_create(details=details)
        if pupil is not None and participant.pupil_id != pupil.pk:
            participant.pupil = pupil
            participant.save(update_fields=["pupil"])
        existing = Enrolment.objects.filter(training_class=locked, participant=participant).first()
        if existing is not None:
            raise TrainingError("already_applied", status=existing.get_status_display())
        free = _held_places(locked) < locked.capacity
        admit = free and _pupil_consent_ok(participant)
        enrolment = Enrolment.objects.create(
            training_class=locked, participant=participant,
            status=Status.ADMITTED if admit else Status.PENDING if free else Status.WAITING,
            source=Enrolment.Source.NOMINATION, applied_at=now,
            decided_at=now if admit else None, decided_by=actor if admit else None,
        )
        if admit:
            participant_card_ensure(participant=participant)
    if admit and notify:
        _confirmation_send_on_commit(enrolment)
    return enrolment


def enrolment_admit(*, enrolment: Enrolment, actor: User | None) -> Enrolment:
    """Admit a pending application (its place is already held), or a waiting one when a
    place is free. Sends the confirmation e-mail with the sessions (.ics) after commit.
    Raises TrainingError not_pending, class_full, pupil_consent_missing (a club pupil
    under 16 without a guardian's consent on record). Locks the class row."""
    with transaction.atomic():
        locked = _lock_class(enrolment.training_class)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.status not in (Status.PENDING, Status.WAITING):
            raise TrainingError("not_pending")
        participant = enrolment.participant
        if not _pupil_consent_ok(participant):
            raise TrainingError("pupil_consent_missing", name=participant.full_name)
        if enrolment.status == Status.WAITING and _held_places(locked) >= locked.capacity:
            raise TrainingError("class_full")
        enrolment.status = Status.ADMITTED
        enrolment.decided_at = timezone.now()
        enrolment.decided_by = actor
        enrolment.save(update_fields=["status", "decided_at", "decided_by"])
        participant_card_ensure(participant=participant)
    _confirmation_send_on_commit(enrolment)
    return enrolment


def enrolment_refuse(*, enrolment: Enrolment, actor: User | None, reason: str) -> Enrolment:
    """Refuse with a reason (kept, shown to the applicant). A place that frees goes to
    the oldest waiting application. Raises TrainingError reason_missing, not_pending."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise TrainingError("reason_missing")
    with transaction.atomic():
        locked = _lock_class(enrolment.training_class)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.status not in (Status.PENDING, Status.WAITING, Status.ADMITTED):
            raise TrainingError("not_pending")
        enrolment.status = Status.REFUSED
        enrolment.refusal_reason = reason[:300]
        enrolment.decided_at = timezone.now()
        enrolment.decided_by = actor
        enrolment.save(update_fields=["status", "refusal_reason", "decided_at", "decided_by"])
        waiting_promote(training_class=locked)
    return enrolment


def enrolment_withdraw(*, enrolment: Enrolment) -> Enrolment:
    """The participant withdraws; their place goes to the waiting list. Raises
    TrainingError ``withdraw_after_completion`` once the class's completion list holds
    them (it is final: figures and certificates rest on it)."""
    with transaction.atomic():
        locked = _lock_class(enrolment.training_class)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.status in (Status.REFUSED, Status.WITHDRAWN):
            return enrolment
        if enrolment.completion_snapshot is not None:
            raise TrainingError("withdraw_after_completion")
        enrolment.status = Status.WITHDRAWN
        enrolment.save(update_fields=["status"])
        waiting_promote(training_class=locked)
    return enrolment


def waiting_promote(*, training_class: TrainingClass) -> list[Enrolment]:
    """Move the oldest waiting applications up to "pending" while places are free.
    The caller holds the class row's lock."""
    free = training_class.capacity - _held_places(training_class)
    if free <= 0:
        return []
    moved = list(
        training_class.enrolments.filter(status=Status.WAITING)
        .order_by("applied_at", "pk")[:free]
    )
    Enrolment.objects.filter(pk__in=[e.pk for e in moved]).update(status=Status.PENDING)
    return moved


def _confirmation_send_on_commit(enrolment: Enrolment) -> None:
    transaction.on_commit(lambda: confirmation_send(enrolment_id=enrolment.pk))


def confirmation_send(*, enrolment_id: int, base_url: str | None = None) -> None:
    """The admission e-mail, in the site's language (Vietnamese) whatever language the
    admitting staff member reads: see _confirmation_write."""
    from django.conf import settings

    with translation.override(settings.LANGUAGE_CODE):
        _confirmation_write(enrolment_id=enrolment_id, base_url=base_url)


def _confirmation_write(*, enrolment_id: int, base_url: str | None) -> None:
    """The class, its sessions (.ics attached) and the private link to the participant's
    own page (which also links their phone for check-in)."""
    from django.conf import settings

    enrolment = Enrolment.objects.select_related("participant", "training_class").get(
        pk=enrolment_id
    )
    participant = enrolment.participant
    if not participant.email:
        return
    klass = enrolment.training_class
    sessions = list(selectors.class_sessions(klass))
    base = base_url or settings.WAGTAILADMIN_BASE_URL
    link = base.rstrip("/") + reverse("training:me", args=[participant_key(participant)])
    lines = [
        _("Dear %(name)s,") % {"name": participant.full_name},
        "",
        _("You are admitted to %(class)s.") % {"class": klass.title},
        _("Venue: %(venue)s") % {"venue": klass.venue or "-"},
        "",
        _("Sessions:"),
        *[
            f"- {timezone.localtime(s.starts_at):%d/%m/%Y %H:%M}: {s.title}"
            for s in sessions
        ],
        "",
        _("Your own page (your classes, schedule and certificates; open it on your phone "
          "once to check in by scanning the code on the screen):"),
        link,
    ]
    message = EmailMessage(
        subject=_("Admitted: %(class)s") % {"class": klass.title},
        body="\n".join(lines),
        to=[participant.email],
    )
    message.attach(
        f"{klass.slug}.ics", build_calendar(sessions, name=klass.title), "text/calendar"
    )
    message.send()


# --- Attendance -------------------------------------------------------------------------


def participant_checkin_record(
    *, session: ClubSession, participant: Participant, method: str, actor: User | None = None,
    scanned_at: dt.datetime | None = None,
) -> CheckInResult:
    """Check an adult participant into a training session by the same window rules as a
    pupil (attendance.selectors.checkin_window). Their admitted enrolment in a class
    holding the session counts, and so does one in another class of the same programme
    (a make-up). Raises CheckInError: session_cancelled, not_open_yet, closed,
    participant_not_enrolled, consent_missing (a club pupil under 16 whose guardian's
    consent is no longer on record: processing stops, as for pupils). Locks the
    enrolment row; one row per enrolment and session (constraint). `scanned_at`: when a
    trainer's scanner read the card (an offline scan, already checked believable), never
    later than now."""
    now = timezone.now() if scanned_at is None else min(scanned_at, timezone.now())
    if session.status == ClubSession.Status.CANCELLED:
        raise CheckInError("session_cancelled")
    window = checkin_window(session)
    if now < window.opens_at:
        raise CheckInError("not_open_yet")
    if now > window.closes_at:
        raise CheckInError("closed")
    with transaction.atomic():
        enrolment = selectors.enrolment_for_session(
            session=session, participant=participant, lock=True
        )
        if enrolment is None:
            raise CheckInError("participant_not_enrolled")
        if not _pupil_consent_ok(participant):  # a club pupil whose consent was withdrawn
            raise CheckInError("consent_missing")
        existing = TrainingAttendance.objects.filter(enrolment=enrolment, session=session).first()
        base: dict[str, Any] = {"pupil_id": participant.pk, "pupil_name": participant.full_name}
        if existing is not None and existing.checked_in_at is not None:
            return CheckInResult(
                outcome="duplicate", status=existing.status,
                checked_in_at=existing.checked_in_at.isoformat(), attendance_id=existing.pk,
                **base,
            )
        status = (
            TrainingAttendance.Status.LATE if now > window.late_from
            else TrainingAttendance.Status.PRESENT
        )
        fields = {"status": status, "method": method, "checked_in_at": now,
                  "recorded_by": actor}
        if existing is None:
            row = TrainingAttendance.objects.create(enrolment=enrolment, session=session,
                                                    **fields)
        else:  # marked absent earlier, and came after all
            row = existing
            for name, value in fields.items():
                setattr(row, name, value)
            row.save(update_fields=[*fields, "recorded_at"])
        return CheckInResult(
            outcome="ok", status=status, checked_in_at=now.isoformat(), attendance_id=row.pk,
            **base,
        )


def training_attendance_mark(
    *, training_class: TrainingClass, session: ClubSession, enrolment_id: int, status: str,
    actor: User | None,
) -> TrainingAttendance | None:
    """A trainer's tick on the roster or on the paper sign-in sheet entered afterwards
    (no window). Status "" removes the tick. Raises TrainingError not_pending for
    someone not admitted to this class."""
    if status and status not in TrainingAttendance.Status.values:
        raise ValueError(f"unknown status {status!r}")
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update()
            .filter(pk=enrolment_id, training_class=training_class, status=Status.ADMITTED)
            .first()
        )
        if enrolment is None:
            raise TrainingError("not_pending")
        if not status:
            TrainingAttendance.objects.filter(enrolment=enrolment, session=session).delete()
            return None
        coming = status != TrainingAttendance.Status.ABSENT
        existing = TrainingAttendance.objects.filter(enrolment=enrolment, session=session).first()
        checked_in_at = None
        if coming:
            checked_in_at = (existing and existing.checked_in_at) or session.starts_at
        row, _created = TrainingAttendance.objects.update_or_create(
            enrolment=enrolment, session=session,
            defaults={"status": status, "method": "roster", "checked_in_at": checked_in_at,
                      "recorded_by": actor},
        )
        return row


@dataclass(frozen=True)
class AssessmentEntry:
    enrolment_id: int
    pre_score: str = ""
    post_score: str = ""
    practical: str = ""  # "", "pass" or "fail"
    practical_note: str = ""


def _score(value: str, name: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) > 100:
        raise TrainingError("score_out_of_range", name=name)
    return int(value)


def assessments_record(
    *, training_class: TrainingClass, entries: list[AssessmentEntry], actor: User | None
) -> int:
    """Scores for the admitted participants of a class, all or nothing: one score out
    of 0-100 stops the whole sheet before anything is written.
    Raises TrainingError score_out_of_range, not_pending (someone not admitted)."""
    admitted = {
        e.pk: e for e in training_class.enrolments.filter(status=Status.ADMITTED)
        .select_related("participant")
    }
    rows = []
    for entry in entries:
        enrolment = admitted.get(entry.enrolment_id)
        if enrolment is None:
            raise TrainingError("not_pending")
        name = enrolment.participant.full_name
        rows.append((enrolment, {
            "pre_score": _score(entry.pre_score, name),
            "post_score": _score(entry.post_score, name),
            "practical_passed": {"pass": True, "fail": False}.get(entry.practical),
            "practical_note": " ".join(entry.practical_note.split())[:300],
            "recorded_by": actor,
        }))
    with transaction.atomic():
        for enrolment, fields in rows:
            Assessment.objects.update_or_create(enrolment=enrolment, defaults=fields)
    return len(rows)


# --- Completion and certificates --------------------------------------------------------


def completion_confirm(*, training_class: TrainingClass, actor: User | None) -> int:
    """Freeze the completion list: each admitted enrolment keeps a snapshot of what it
    completed (modules, hours, dates), so a later curriculum change never rewrites it.
    Enrolments that already hold a certificate keep their snapshot. Returns how many
    completed."""
    with transaction.atomic():
        locked = _lock_class(training_class)
        rows = selectors.class_completion(locked)
        certified = set(
            Certificate.objects.filter(enrolment__training_class=locked)
            .values_list("enrolment_id", flat=True)
        )
        for row in rows:
            if row.enrolment.pk in certified:
                continue
            row.enrolment.completed = row.completed
            row.enrolment.completion_snapshot = row.snapshot()
            row.enrolment.save(update_fields=["completed", "completion_snapshot"])
        locked.completion_confirmed_at = timezone.now()
        locked.completion_confirmed_by = actor
        locked.save(update_fields=["completion_confirmed_at", "completion_confirmed_by"])
    return sum(1 for row in rows if row.completed)


def _serial_next(*, year: int, code: str) -> str:
    counter, _created = SerialCounter.objects.select_for_update().get_or_create(
        year=year, code=code
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{year}/{code}/{counter.last:04d}"


def _add_months(day: dt.date, months: int) -> dt.date:
    from dateutil.relativedelta import relativedelta

    return day + relativedelta(months=months)


def _certificate_new(*, enrolment: Enrolment, actor: User | None, today: dt.date,
                     replaces: Certificate | None = None,
                     holder_name: str | None = None) -> Certificate:
    klass = enrolment.training_class
    rule = selectors.programme_rule(klass.programme)
    snapshot: dict = enrolment.completion_snapshot  # type: ignore[assignment]  # confirmed
    return Certificate.objects.create(
        enrolment=enrolment,
        serial=_serial_next(year=today.year, code=rule.code),
        code=secrets.token_urlsafe(12),
        holder_name=holder_name or enrolment.participant.full_name,
        holder_date_of_birth=enrolment.participant.date_of_birth,
        programme_title=snapshot["programme"],
        class_title=klass.title,
        hours=Decimal(snapshot["hours"]),
        first_day=dt.date.fromisoformat(snapshot["first_day"]),
        last_day=dt.date.fromisoformat(snapshot["last_day"]),
        issued_on=today,
        valid_until=(
            _add_months(today, rule.validity_months) if rule.validity_months else None
        ),
        qualification=rule.grants.name if rule.grants_id else "",  # type: ignore[union-attr]
        signatory=klass.signatory,
        issued_by=actor,
        replaces=replaces,
    )


def certificates_issue(
    *, training_class: TrainingClass, actor: User | None, enrolment_ids: list[int] | None = None,
    today: dt.date | None = None,
) -> list[Certificate]:
    """Certificates for the confirmed completion list (or the given enrolments of it),
    skipping those who already hold a valid one. All or nothing: one enrolment that did
    not complete stops the batch before anything is written.
    Raises TrainingError completion_not_confirmed, not_completed. `today` (the issue
    date) is for back-dated demo data."""
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _lock_class(training_class)
        if locked.completion_confirmed_at is None:
            raise TrainingError("completion_not_confirmed")
        enrolments = locked.enrolments.select_related("participant").filter(
            status=Status.ADMITTED
        )
        if enrolment_ids is not None:
            enrolments = enrolments.filter(pk__in=enrolment_ids)
            if len(enrolments) != len(set(enrolment_ids)):
                raise TrainingError("not_completed", name="?")
        else:
            enrolments = enrolments.filter(completed=True)
        holding = set(
            Certificate.objects.filter(
                enrolment__training_class=locked, revoked_on__isnull=True
            ).values_list("enrolment_id", flat=True)
        )
        issued = []
        for enrolment in enrolments:
            if not enrolment.completed:
                raise TrainingError("not_completed", name=enrolment.participant.full_name)
            if enrolment.pk in holding:
                continue
            issued.append(_certificate_new(enrolment=enrolment, actor=actor, today=today))
    return issued


def certificate_revoke(*, certificate: Certificate, reason: str) -> Certificate:
    """Revoke with a reason; the row stays (the verification page says "revoked" with
    the date). Raises TrainingError reason_missing, already_revoked."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise TrainingError("reason_missing")
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked_on is not None:
            raise TrainingError("already_revoked")
        certificate.revoked_on = timezone.localdate()
        certificate.revoke_reason = reason[:300]
        certificate.save(update_fields=["revoked_on", "revoke_reason"])
    return certificate


def certificate_reissue(*, certificate: Certificate, actor: User | None,
                        holder_name: str = "") -> Certificate:
    """A correction: the old certificate is revoked as replaced, a new one (new serial)
    points back to it. Raises TrainingError already_revoked."""
    with transaction.atomic():
        old = certificate_revoke(certificate=certificate, reason=_("Replaced by a correction"))
        return _certificate_new(
            enrolment=old.enrolment, actor=actor, today=timezone.localdate(), replaces=old,
            holder_name=" ".join(holder_name.split()) or None,
        )


# --- Set-up by staff: programmes, classes, their sessions ---------------------------------

@transaction.atomic
def programme_save(*, programme_form: ModelForm, rule_form: ModelForm,
                   module_formset: BaseInlineFormSet[Any, Any, Any]) -> TrainingProgramme:
    """A programme, its rule and its modules, all or nothing (the forms are valid).
    Past participants keep their completion snapshots whatever changes here."""
    programme = programme_form.save()
    rule = rule_form.save(commit=False)
    rule.programme = programme
    rule.save()
    rule_form.save_m2m()
    module_formset.instance = programme
    module_formset.save()
    return programme


@transaction.atomic
def class_save(*, form: ModelForm) -> TrainingClass:
    """A class from its valid form. Capacity never drops below the places already held;
    raising it moves the waiting list up."""
    if form.instance.pk is not None:
        locked = _lock_class(form.instance)
        if form.cleaned_data["capacity"] < _held_places(locked):
            raise TrainingError("capacity_below_held", held=_held_places(locked))
    training_class = form.save()
    if training_class.pk is not None:
        waiting_promote(training_class=training_class)
    return training_class


def class_session_add(
    *, training_class: TrainingClass, module: TrainingModule, starts_at: dt.datetime,
    ends_at: dt.datetime,
    venue: str, confirm_conflicts: bool,
) -> ClubSession:
    """One ordinary scheduled session of the class (kind "training", public), its trainers
    as facilitators, so calendars, feeds, the projector and conflict warnings work. A clash
    of venue or trainer is refused until confirmed (sessions.exceptions.SchedulingConflict)."""
    from sessions.exceptions import SchedulingConflict
    from sessions.services import session_conflicts

    if module.programme_id != training_class.programme_id:
        raise TrainingError("module_not_in_programme")
    venue = (venue or training_class.venue).strip()
    trainers = list(training_class.trainers.all())
    if not confirm_conflicts:
        conflicts = session_conflicts(slots=[(starts_at, ends_at)], venue=venue,
                                      facilitators=trainers)
        if conflicts:
            raise SchedulingConflict(conflicts)
    with transaction.atomic():
        session = ClubSession.objects.create(
            title=f"{training_class.title}: {module.title}", kind=ClubSession.Kind.TRAINING,
            audience=ClubSession.Audience.PUBLIC, starts_at=starts_at, ends_at=ends_at,
            venue=venue, programme_module=module,
        )
        session.facilitators.set(trainers)
        training_class.sessions.add(session)
    return session


def topic_requirement_set(*, topic: str, qualification: Qualification | None) -> None:
    """The qualification required for a topic's facilitators (None: no requirement)."""
    from training.models import TopicRequirement

    if qualification is None:
        TopicRequirement.objects.filter(topic=topic).delete()
    else:
        TopicRequirement.objects.update_or_create(
            topic=topic, defaults={"qualification": qualification})
