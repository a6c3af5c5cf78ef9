"""JSON API for the leader scanner (django-ninja; OpenAPI schema at /api/openapi.json,
docs at /api/docs). Authenticated either by the leader's browser session (with CSRF) or
by a revocable scanner-device token (Authorization: Bearer lls_...).

Endpoints only translate: every rule lives in attendance.services.checkin_record.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema, Status
from ninja.security import HttpBearer, SessionAuth
from pydantic import BaseModel, Field

from accounts.models import User
from attendance import participants, selectors, services, web
from attendance.checkin_read import SessionRef
from attendance.errors import MESSAGES, CheckInError
from attendance.models import Method
from attendance.ratelimit import count_and_read, over_limit
from attendance.services import CheckInResult
from attendance.tokens import (
    NONCE_PATTERN,
    SCANNER_CACHE_SECONDS,
    scanner_cache_key,
    scanner_revoked_key,
    sha256,
)
from config.errors import DomainError
from sessions.models import ClubSession

MAX_BATCH = 500
# A scanning leader sends a request every second or two: the token's answer (device,
# user, and the sessions this leader may run, filled in as they are asked) is kept in the
# shared cache as ONE entry for at most this long after it was read from the database,
# so a scan costs one cache call, not one per answer. Revoking the device deletes the
# entry at once (services.scanner_device_revoke); a deactivated account or an ended
# leader assignment stops within this time.
TOKEN_CACHE_SECONDS = SCANNER_CACHE_SECONDS


class ScannerTokenAuth(HttpBearer):
    """A scanner device's token. With a `limit_group`, a request with a genuine token is
    also counted against the check-in rate limits (per address, per scanner device): in
    the same Redis round trip that reads the token's entry when the entry is cached,
    after the database lookup otherwise. request.checkin_limited says whether it is over
    them; the endpoint answers 429 then. Made-up or revoked tokens are not counted, so
    they cannot use up the budget of the school they are sent from."""

    def __init__(self, *, limit_group: str | None = None):
        super().__init__()
        self.limit_group = limit_group

    def authenticate(self, request: HttpRequest, token: str):
        if not token or len(token) > 100:
            return None
        token_hash = sha256(token)
        key, revoked = scanner_cache_key(token_hash), scanner_revoked_key(token_hash)
        now = timezone.now()
        limited = limits = None
        if self.limit_group is None:
            held = cache.get_many([key, revoked])
        else:
            limits = web.scanner_limits(request, token_hash)
            limited, held = count_and_read(
                request, group=self.limit_group, limits=limits, read=[key, revoked],
                only_if_entry=True,
            )
        if revoked in held:
            return None
        entry = held.get(key)
        if entry is None or entry["until"] <= now:
            device = selectors.scanner_device_for_token(token_hash=token_hash)
            if device is None:
                return None
            if limits is not None and limited is None:
                # Not counted with the read (no entry yet): a genuine token, count it now.
                limited = over_limit(request, group=self.limit_group, limits=limits)  # type: ignore[arg-type]
            entry = {
                "device": device,
                "grants": {},
                "until": now + timedelta(seconds=TOKEN_CACHE_SECONDS),
            }
            _entry_store(key, entry, now)
        device = entry["device"]
        if services.scanner_device_mark_used(device=device, now=now):
            _entry_store(key, entry, now)
        # The API's own attributes on the request (read by its views).
        request.scanner = device  # type: ignore[attr-defined]
        request.scanner_entry = (key, entry)  # type: ignore[attr-defined]
        if limited is not None:
            request.checkin_limited = limited  # type: ignore[attr-defined]
        request.user = device.user
        return device.user


def _entry_store(key: str, entry: dict, now) -> None:
    seconds = (entry["until"] - now).total_seconds()
    if seconds > 0:
        cache.set(key, entry, seconds)


api = NinjaAPI(
    title="Lá Lành attendance API",
    version="1",
    urls_namespace="api",
    auth=[ScannerTokenAuth(), SessionAuth()],
    description="Check-in for leader scanners: single scans, offline batch sync, live state.",
)


@api.exception_handler(DomainError)
def _refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    """A refusal an endpoint does not answer itself: its stable code and translated
    message, with the status the code maps to (400 for codes without one), never a 500."""
    return api.create_response(
        request, {"code": error.code, "detail": error.message}, status=web.status_for(error.code)
    )


# A scan's request and answer are plain pydantic models, not ninja's Schema: Schema
# validates through a root validator that reads Django objects (DjangoGetter), which
# cost more than the rest of the parsing on every scan. Nothing here reads a model.
class CheckinIn(BaseModel):
    session_id: int = Field(ge=1, le=2**62)
    card: str = Field(max_length=300, description="The card secret or the card's URL.")
    nonce: str = Field(
        pattern=NONCE_PATTERN,
        description="Chosen by the phone per scan; a retry with the same nonce is answered "
        "with the first answer and stores nothing.",
    )
    scanned_at: datetime | None = Field(
        default=None, description="When the card was scanned, for scans queued offline."
    )


class CheckinOut(BaseModel):
    nonce: str
    outcome: str = Field(description="ok, duplicate or refused")
    code: str | None = None
    message: str
    status: str | None = None
    pupil_name: str | None = None
    checked_in_at: str | None = None
    replayed: bool = False


class BatchIn(Schema):
    items: list[CheckinIn] = Field(max_length=MAX_BATCH)


class BatchOut(Schema):
    results: list[CheckinOut]
    count: int


class RefusedOut(Schema):
    at: datetime
    code: str
    message: str
    pupil_name: str | None = Field(
        description="Only for a pupil on this session's roster; null otherwise."
    )
    from_outside: bool = Field(
        description="A pupil from another club: refused, and never named here."
    )


class LiveOut(Schema):
    session_id: int
    title: str
    counts: dict[str, int]
    present: list[str]
    missing: list[str]
    refused: list[RefusedOut] = Field(description="The last 20 refused scans, newest first.")


class ErrorOut(Schema):
    detail: str


@dataclass(frozen=True, slots=True)
class SessionGrant:
    """What this user may do with the scanner at a session: `runs_checkin` (every card,
    the pupils' roster), else only the participants' cards an app lets them scan (a
    training class's trainer: attendance/participants.py), and no pupil's name."""

    session: SessionRef
    runs_checkin: bool


def _session_for(request: HttpRequest, session_id: int) -> SessionGrant | None:
    """The user's grant at the session, or None. With a device token, a yes is kept in
    the token's cache entry (see TOKEN_CACHE_SECONDS), with the session as a SessionRef
    (the check-in's own read re-reads the session's state: cancelled, times, audience),
    so only the leader's own assignment may lag, by at most that long. A no is never
    kept, so a newly assigned leader is not kept waiting. A browser session asks the
    database each time."""
    held = getattr(request, "scanner_entry", None)
    # setdefault: an entry cached by the previous release has no "grants" yet.
    grants = held[1].setdefault("grants", {}) if held is not None else {}
    if session_id in grants:
        return grants[session_id]
    session = selectors.session_for_actor(session_id=session_id, user=request.user)
    runs_checkin = session is not None
    if session is None:
        session = _session_for_card_reader(session_id, request.user)
    if session is None:
        return None
    grant = SessionGrant(session=SessionRef.of(session), runs_checkin=runs_checkin)
    if held is not None:
        key, entry = held
        grants[session_id] = grant
        _entry_store(key, entry, timezone.now())
    return grant


def _session_for_card_reader(
    session_id: int, user: User | AnonymousUser
) -> ClubSession | None:
    """A session whose check-in this user does not run, but whose participants' cards an
    app lets them scan (a training class's trainer: attendance/participants.py)."""
    if not user.is_authenticated or not user.is_active:
        return None
    session = selectors.session_for_checkin(session_id=session_id)
    if session is None or not participants.may_scan(user, session):
        return None
    return session


def _record(request: HttpRequest, item: CheckinIn, grant: SessionGrant) -> CheckInResult:
    """A participant's card through its app's reader; any other card (a pupil's)
    through checkin_record if this user runs the session's check-in, else refused
    (card_not_participant, stored like every refusal)."""
    scanner = getattr(request, "scanner", None)
    session = grant.session
    result = participants.card_checkin(
        session=session, card=item.card, actor=request.user, scanner=scanner,
        nonce=item.nonce, scanned_at=item.scanned_at,
    )
    if result is not None:
        return result
    if not grant.runs_checkin:
        return services.checkin_refuse(
            session=session, code="card_not_participant", method=Method.CARD,
            actor=request.user, scanner=scanner, card_secret=item.card, nonce=item.nonce,
        )
    return services.checkin_record(
        session=session,
        method=Method.CARD,
        actor=request.user,
        scanner=scanner,
        card_secret=item.card,
        nonce=item.nonce,
        scanned_at=item.scanned_at,
    )


def _one(request, item: CheckinIn, sessions: dict) -> CheckinOut:
    if item.session_id not in sessions:
        sessions[item.session_id] = _session_for(request, item.session_id)
    grant = sessions[item.session_id]
    if grant is None:
        return CheckinOut(
            nonce=item.nonce,
            outcome="refused",
            code="session_unknown",
            message=str(_session_unknown_message()),
        )
    try:
        result = _record(request, item, grant)
    except CheckInError as error:
        return CheckinOut(
            nonce=item.nonce,
            outcome="refused",
            code=error.code,
            message=error.message,
            replayed=bool(error.params.get("replayed")),
        )
    return CheckinOut(
        nonce=item.nonce,
        outcome=result.outcome,
        message=result.message,
        status=result.status,
        pupil_name=result.pupil_name,
        checked_in_at=result.checked_in_at,
        replayed=result.replayed,
    )


def _session_unknown_message():
    return MESSAGES["session_unknown"]


# Check-in endpoints: a scanner's token is read and the scan counted against the limits
# in one Redis round trip; a browser session is counted here, per address and per user.
DEVICE_CHECKIN_AUTH = ScannerTokenAuth(limit_group="api-checkin")
CHECKIN_AUTH = [DEVICE_CHECKIN_AUTH, SessionAuth()]


def _over_limit(request) -> bool:
    limited = getattr(request, "checkin_limited", None)
    if limited is None:
        limited = web.rate_limited(request, group="api-checkin")
    return limited


def _too_fast():
    return {"detail": _("Too many check-ins from here: wait a moment and try again.")}


@api.post(
    "/attendance/checkins",
    response={200: CheckinOut, 404: CheckinOut, 409: CheckinOut, 400: CheckinOut,
              403: CheckinOut, 410: CheckinOut, 429: ErrorOut},
    url_name="attendance_checkin",
    summary="Check one scanned card in",
    auth=CHECKIN_AUTH,
)
def checkin(request, payload: CheckinIn):
    return Status(*checkin_answer(request, payload))


def checkin_answer(request: HttpRequest, payload: CheckinIn) -> tuple[int, CheckinOut | dict]:
    """The answer to one scan, as (HTTP status, body): the endpoint above, and the
    scanner devices' lane that serves the same URL ahead of the middleware
    (attendance/device_lane.py)."""
    if _over_limit(request):
        return 429, _too_fast()
    out = _one(request, payload, {})
    if out.outcome != "refused":
        return 200, out
    return (404 if out.code == "session_unknown" else web.status_for(out.code or "")), out


@api.post(
    "/attendance/checkins/batch",
    response={200: BatchOut, 429: ErrorOut},
    url_name="attendance_checkin_batch",
    summary="Sync scans queued offline",
    auth=CHECKIN_AUTH,
    description="Each item is answered on its own (ok, duplicate or refused); items whose "
    "nonce was seen before get their first answer again. Sending the same batch twice "
    "stores nothing twice.",
)
def checkin_batch(request, payload: BatchIn):
    if _over_limit(request):
        return Status(429, _too_fast())
    sessions: dict = {}
    results = [_one(request, item, sessions) for item in payload.items]
    known = [g for g in sessions.values() if g is not None]
    count = 0
    if len(known) == 1:
        grant = known[0]
        count = participants.checked_in(grant.session)
        if grant.runs_checkin:
            count += selectors.attendance_counts(grant.session.pk)["in"]
    return Status(200, BatchOut(results=results, count=count))


@api.get(
    "/attendance/sessions/{session_id}/live",
    response={200: LiveOut, 404: ErrorOut},
    url_name="attendance_live",
    summary="Who is in and who is expected",
)
def live(request, session_id: int):
    """The session's lists, for those who run its check-in. Someone who only scans an
    app's participants (a trainer) gets the count of those in, and nobody's name."""
    grant = _session_for(request, session_id)
    if grant is None:
        return Status(404, {"detail": str(_session_unknown_message())})
    session = selectors.session_for_checkin(session_id=grant.session.pk)
    if session is None:
        return Status(404, {"detail": str(_session_unknown_message())})
    # Participants of a training class are in too (attendance/participants.py).
    in_participants = participants.checked_in(session)
    if not grant.runs_checkin:
        return Status(200, LiveOut(
            session_id=session.pk, title=session.title, counts={"in": in_participants},
            present=[], missing=[], refused=[],
        ))
    state = selectors.live_state(session)
    counts = {**state["counts"]}
    counts["in"] += in_participants
    return Status(200, LiveOut(
        session_id=session.pk,
        title=session.title,
        counts=counts,
        present=[
            a.pupil.full_name for a in state["attendances"] if a.status in ("present", "late")
        ],
        missing=[p.full_name for p in state["missing"]],
        refused=[
            RefusedOut(
                at=r.created_at,
                code=r.code,
                message=r.reason,
                pupil_name=r.pupil.full_name if r.pupil else None,
                from_outside=r.from_outside,
            )
            for r in state["refused"]
        ],
    ))
