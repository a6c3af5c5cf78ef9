"""Reads of club data. Every function here runs a fixed number of queries, whatever the
size of the club, so pages built on them stay fast with 1,000 members."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from accounts.models import User
from clubs.access import ClubRole, clubs_visible_to
from clubs.consent import ADULT_AGE, ASSENT_FROM_AGE, consent_needed, consent_ok, pupil_age_in
from clubs.models import (
    BoardRole,
    Club,
    GuardianConsent,
    LeaderAssignment,
    MemberCard,
    Membership,
    Pupil,
)
from clubs.text import fold
from config.types import StrOrPromise
from places.models import Commune, Province


@dataclass(frozen=True)
class CardLookup:
    status: str  # "valid", "revoked" or "unknown"
    pupil: Pupil | None


def card_lookup(*, secret: str) -> CardLookup:
    """What a scanned card secret means. One query. A revoked card still names its pupil,
    so the scanner can say "this card was replaced" rather than "unknown card"."""
    card = MemberCard.objects.select_related("pupil").filter(secret=secret).first()
    if card is None or card.pupil.anonymised_at is not None:
        return CardLookup(status="unknown", pupil=None)
    if card.revoked_at is not None:
        return CardLookup(status="revoked", pupil=card.pupil)
    return CardLookup(status="valid", pupil=card.pupil)


def _consent_ok_q(*, on_date: date, prefix: str = "") -> Q:
    """clubs.consent.consent_ok as a filter on pupils: 16 or older that year, or a valid
    consent (with the child's assent from 7)."""
    valid = Exists(
        GuardianConsent.objects.filter(
            pupil=OuterRef(f"{prefix}pk" if prefix else "pk"),
            withdrawn_at__isnull=True,
            given_on__lte=on_date,
        ).filter(
            Q(child_assent=True)
            | Q(pupil__birth_year__gt=on_date.year - ASSENT_FROM_AGE)
        )
    )
    return Q(**{f"{prefix}birth_year__lte": on_date.year - ADULT_AGE}) | Q(valid)


def pupil_consent_ok(*, pupil: Pupil, on_date: date) -> bool:
    """True when the pupil may take part on that day (clubs.consent.consent_ok): 16 or
    older that year, or a guardian consent (not withdrawn) and, for ages 7-15, their own
    assent. At most one query."""
    if not consent_needed(birth_year=pupil.birth_year, on_date=on_date):
        return True
    assent = (
        GuardianConsent.objects.filter(
            pupil=pupil, withdrawn_at__isnull=True, given_on__lte=on_date
        )
        .order_by("-child_assent")
        .values_list("child_assent", flat=True)
        .first()
    )
    return consent_ok(birth_year=pupil.birth_year, consent_assent=assent, on_date=on_date)


def consent_ok_pupil_ids(*, pupil_ids: Iterable[int], on_date: date) -> set[int]:
    """Of these pupils, those who may take part on that day (pupil_consent_ok's rule for
    many pupils at once). One query."""
    return set(
        Pupil.objects.filter(pk__in=pupil_ids)
        .filter(_consent_ok_q(on_date=on_date))
        .values_list("pk", flat=True)
    )


def consent_missing_pupil_ids(*, club: Club, on_date: date | None = None) -> set[int]:
    """Active members of the club who may not be checked in yet for want of consent."""
    on_date = on_date or timezone.localdate()
    return set(
        Pupil.objects.filter(memberships__club=club, memberships__status=Membership.Status.ACTIVE)
        .exclude(_consent_ok_q(on_date=on_date))
        .values_list("pk", flat=True)
    )


def active_member_ids(*, club_ids: Iterable[int] | QuerySet) -> set[int]:
    """Pupil ids with an active membership in any of the clubs."""
    return set(
        Membership.objects.filter(club_id__in=club_ids, status=Membership.Status.ACTIVE)
        .values_list("pupil_id", flat=True)
        .distinct()
    )


# The roster's default: active members and those awaiting consent (whom only a leader
# can complete, so they must stay in sight).
ROSTER_CURRENT = "current"


def club_roster(
    *,
    club: Club,
    search: str = "",
    grade: int | None = None,
    class_name: str = "",
    status: str = Membership.Status.ACTIVE,
    on_date: date | None = None,
) -> QuerySet[Membership]:
    """Memberships of the club with their pupil, filtered; annotated with ``consent_ok``
    and ``board_role`` (the current seat, if any). One query however many rows.
    ``status`` is a Membership.Status, ROSTER_CURRENT (active or pending) or "" (all)."""
    on_date = on_date or timezone.localdate()
    qs = Membership.objects.filter(club=club).select_related("pupil")
    if status == ROSTER_CURRENT:
        qs = qs.filter(status__in=Membership.OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if search:
        qs = qs.filter(
            Q(pupil__search_name__contains=fold(search))
            | Q(pupil__full_name__icontains=search)
            | Q(pupil__member_code__iexact=search)
        )
    if grade:
        qs = qs.filter(pupil__grade=grade)
    if class_name:
        qs = qs.filter(pupil__class_name__iexact=class_name)
    current_seat = BoardRole.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on_date),
        membership=OuterRef("pk"),
        starts_on__lte=on_date,
    )
    return qs.annotate(
        consent_ok=Exists(
            Pupil.objects.filter(pk=OuterRef("pupil_id")).filter(_consent_ok_q(on_date=on_date))
        ),
        on_board=Exists(current_seat),
    ).order_by("pupil__sort_key", "pk")


def club_roster_counts(*, club: Club, on_date: date | None = None) -> dict:
    """Counts for the club page header, in one query. Members are the active ones;
    ``pending`` (awaiting consent) are counted apart."""
    on_date = on_date or timezone.localdate()
    active = Q(status=Membership.Status.ACTIVE)
    return Membership.objects.filter(club=club).aggregate(
        active=Count("pk", filter=active),
        inactive=Count("pk", filter=Q(status=Membership.Status.INACTIVE)),
        alumni=Count("pk", filter=Q(status=Membership.Status.ALUMNI)),
        pending=Count("pk", filter=Q(status=Membership.Status.PENDING)),
        female=Count("pk", filter=active & Q(pupil__gender="female")),
        male=Count("pk", filter=active & Q(pupil__gender="male")),
        consent_missing=Count(
            "pk", filter=active & ~_consent_ok_q(on_date=on_date, prefix="pupil__")
        ),
    )


def club_filter_choices(*, club: Club) -> tuple[list[int], list[str]]:
    """Grades and classes present among the club's members, for the roster filters."""
    pairs = (
        Pupil.objects.filter(memberships__club=club)
        .values_list("grade", "class_name")
        .distinct()
        .order_by("grade", "class_name")
    )
    grades, classes = [], []
    for grade, class_name in pairs:
        if grade not in grades:
            grades.append(grade)
        if class_name and class_name not in classes:
            classes.append(class_name)
    return grades, classes


def club_board(*, club: Club, on_date: date | None = None) -> QuerySet[BoardRole]:
    on_date = on_date or timezone.localdate()
    return (
        BoardRole.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=on_date),
            membership__club=club,
            membership__status=Membership.Status.ACTIVE,
            starts_on__lte=on_date,
        )
        .select_related("membership__pupil")
        .annotate(rank=Case(*[When(role=role, then=Value(i))
                              for i, role in enumerate(BoardRole.Role.values)]))
        .order_by("rank", "membership__pupil__sort_key")
    )


def board_pupils(*, on_date: date | None = None) -> QuerySet[Pupil]:
    """Pupils holding a board seat today in a club where they are an active member (staff
    nominate them to training). One query."""
    on_date = on_date or timezone.localdate()
    seats = BoardRole.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on_date),
        membership__pupil=OuterRef("pk"),
        membership__status=Membership.Status.ACTIVE,
        starts_on__lte=on_date,
    )
    return Pupil.objects.filter(Exists(seats), anonymised_at__isnull=True).order_by("sort_key")


def club_leaders(*, club: Club, on_date: date | None = None) -> QuerySet[LeaderAssignment]:
    on_date = on_date or timezone.localdate()
    return (
        club.leader_assignments.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=on_date), starts_on__lte=on_date
        )
        .select_related("user")
        .order_by("user__display_name")
    )


def club_membership_or_none(*, club: Club, pupil_id: int) -> Membership | None:
    """The pupil's latest membership in this club (any status), or None when they never
    belonged to it: the view answers 404 then, whatever the pupil's other clubs."""
    return (
        Membership.objects.filter(club=club, pupil_id=pupil_id)
        .select_related("pupil", "pupil__school", "club")
        # An open membership (active or awaiting consent) first, then the latest.
        .annotate(is_open=Case(When(status__in=Membership.OPEN_STATUSES, then=Value(0)),
                               default=Value(1)))
        .order_by("is_open", "-joined_on")
        .first()
    )


ENDED_STATUSES = (Membership.Status.INACTIVE, Membership.Status.ALUMNI)  # pending is open


def pupil_moved_elsewhere(*, pupil_id: int, club: Club) -> bool:
    """Whether the pupil left this club and now belongs to another: a membership that has
    not ended elsewhere and none here. Their record is then the other club's business;
    a pupil who left the programme altogether stays with their last club."""
    counts = (
        Membership.objects.filter(pupil_id=pupil_id)
        .exclude(status__in=ENDED_STATUSES)
        .aggregate(
            here=Count("id", filter=Q(club=club)), elsewhere=Count("id", filter=~Q(club=club))
        )
    )
    return counts["elsewhere"] > 0 and counts["here"] == 0


def club_export_rows(*, club: Club, status: str = ROSTER_CURRENT) -> QuerySet:
    """Roster rows for export (tuples), one query. By default the roster page's rows:
    active members and those awaiting consent (whose guardians the leader must reach)."""
    qs = Membership.objects.filter(club=club)
    if status == ROSTER_CURRENT:
        qs = qs.filter(status__in=Membership.OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    return qs.order_by("pupil__sort_key", "pk").values_list(
        "pupil__member_code",
        "pupil__full_name",
        "pupil__gender",
        "pupil__birth_year",
        "pupil__grade",
        "pupil__class_name",
        "pupil__guardian_name",
        "pupil__guardian_relationship",
        "pupil__guardian_phone",
        "joined_on",
        "status",
    )


def club_cards(*, club: Club) -> QuerySet[Membership]:
    """Active members with their valid card (``card_secret`` None when none), one query."""
    valid = MemberCard.objects.filter(pupil=OuterRef("pupil_id"), revoked_at__isnull=True)
    return (
        Membership.objects.filter(club=club, status=Membership.Status.ACTIVE)
        .select_related("pupil")
        .annotate(card_secret=Subquery(valid.values("secret")[:1]))
        .order_by("pupil__class_name", "pupil__sort_key", "pk")
    )


def pupil_valid_card(*, pupil: Pupil) -> MemberCard | None:
    return MemberCard.objects.filter(pupil=pupil, revoked_at__isnull=True).first()


def pupil_or_none(*, pupil_id: int) -> Pupil | None:
    return Pupil.objects.filter(pk=pupil_id).first()


def pupil_for_user(*, user: User | AnonymousUser) -> Pupil | None:
    if not user.is_authenticated:
        return None
    return Pupil.objects.filter(user=user).first()


def own_membership_or_none(*, user: User | AnonymousUser) -> Membership | None:
    """The signed-in pupil's own membership: an open one first, then the latest."""
    pupil = pupil_for_user(user=user)
    if pupil is None:
        return None
    return (
        pupil.memberships.select_related("club", "pupil", "pupil__school")
        .order_by("status", "-joined_on")
        .first()
    )


def member_record(*, membership: Membership, on_date: date) -> dict:
    """The full record of a member (clubs.access.RecordView.full): history, consents,
    consent state, age, board seats and valid card. Querysets stay lazy."""
    pupil = membership.pupil
    return {
        "history": pupil.memberships.select_related("club").order_by("-joined_on"),
        "consents": pupil.consents.all(),
        "consent_ok": pupil_consent_ok(pupil=pupil, on_date=on_date),
        "age": pupil_age_in(birth_year=pupil.birth_year, on_date=on_date),
        "consent_needed": consent_needed(birth_year=pupil.birth_year, on_date=on_date),
        "seats": membership.board_roles.all(),
        "card": pupil_valid_card(pupil=pupil),
    }


def member_sensitive_record(*, pupil: Pupil) -> dict:
    """Support notes and the last 20 record accesses (RecordView.support_notes)."""
    return {
        "notes": pupil.support_notes.select_related("author"),
        "access_log": pupil.access_log.select_related("user")[:20],
    }


# Other apps hold data linked to a pupil (attendance, mock-trial roles, paired phones,
# calendar addresses); clubs never imports them (dependencies point attendance -> sessions
# -> clubs). Each adds a section in its AppConfig.ready(): ``section(pupil) -> {key: value}``.
PupilExportSection = Callable[[Pupil], dict]
_export_sections: list[PupilExportSection] = []


def pupil_export_section_register(section: PupilExportSection) -> None:
    if section not in _export_sections:
        _export_sections.append(section)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def pupil_data_export(*, pupil: Pupil, include_support_notes: bool) -> dict:
    """Everything the centre holds about one pupil, and nothing about anyone else
    (SECURITY_PRIVACY item 14): their details and sign-in account, memberships and board
    seats, cards, consents, the access log of their record (who by role, not by name),
    support notes for centre staff, and every section other apps registered (attendance,
    refused scans, paired phones, mock-trial roles, calendar addresses). Secrets (card and
    phone keys, feed tokens) are credentials, not personal data: dates only.
    A fixed number of queries."""
    memberships = list(
        pupil.memberships.select_related("club").prefetch_related("board_roles").order_by("pk")
    )
    data: dict[str, Any] = {
        "pupil": {
            "full_name": pupil.full_name,
            "gender": pupil.gender,
            "birth_year": pupil.birth_year,
            "school": pupil.school.name,
            "grade": pupil.grade,
            "class": pupil.class_name,
            "member_code": pupil.member_code,
            "guardian_name": pupil.guardian_name,
            "guardian_relationship": pupil.guardian_relationship,
            "guardian_phone": pupil.guardian_phone,
            "created_at": pupil.created_at.isoformat(),
            "updated_at": pupil.updated_at.isoformat(),
        },
        "account": None,
        "memberships": [
            {
                "club": m.club.name,
                "status": m.status,
                "joined_on": m.joined_on.isoformat(),
                "activated_on": _iso(m.activated_on),
                "left_on": _iso(m.left_on),
                "leave_reason": m.leave_reason,
                "board_roles": [
                    {
                        "role": b.role,
                        "starts_on": b.starts_on.isoformat(),
                        "ends_on": _iso(b.ends_on),
                    }
                    for b in m.board_roles.all()
                ],
            }
            for m in memberships
        ],
        "cards": [
            {"issued_at": c.issued_at.isoformat(), "revoked_at": _iso(c.revoked_at)}
            for c in pupil.cards.order_by("issued_at")
        ],
        "consents": [
            {
                "guardian_name": c.guardian_name,
                "relationship": c.relationship,
                "given_on": c.given_on.isoformat(),
                "method": c.method,
                "notice_version": c.notice_version,
                "child_assent": c.child_assent,
                "child_assent_on": _iso(c.child_assent_on),
                "photo_consent": c.photo_consent,
                "withdrawn_at": _iso(c.withdrawn_at),
            }
            for c in pupil.consents.order_by("given_on", "pk")
        ],
        "access_log": [
            {"at": a.at.isoformat(), "action": a.action, "detail": a.detail,
             "by_role": a.user.role if a.user is not None else None}
            for a in pupil.access_log.select_related("user").order_by("at", "pk")
        ],
    }
    if pupil.user_id is not None:
        account: User = pupil.user  # type: ignore[assignment]  # user_id is set
        data["account"] = {
            "username": account.username, "email": account.email,
            "display_name": account.display_name, "phone": account.phone,
            "date_joined": account.date_joined.isoformat(),
            "last_login": _iso(account.last_login),
        }
    if include_support_notes:
        data["support_notes"] = [
            {"kind": n.kind, "text": n.text, "created_at": n.created_at.isoformat()}
            for n in pupil.support_notes.order_by("created_at")
        ]
    for section in _export_sections:
        data.update(section(pupil))
    return data


def clubs_listed(user: User | AnonymousUser, *, place_q: Q | None = None) -> QuerySet[Club]:
    """The clubs a user's list shows (board role or more), with their school's place and
    active member count, optionally narrowed by a places filter Q on ``school__``."""
    clubs = (
        clubs_visible_to(user, at_least=ClubRole.BOARD)
        .select_related("school", "school__province", "school__commune")
        .annotate(active_count=Count("memberships", filter=Q(memberships__status="active")))
    )
    return clubs.filter(place_q) if place_q is not None else clubs


def school_communes() -> QuerySet[Commune]:
    """The wards/communes that have a school: the choices of a place filter."""
    return Commune.objects.filter(schools__isnull=False).distinct()


# --- The yearly report (reports/ reads club figures only through these) ------------------


def report_membership_q(*, start: date, end: date, prefix: str = "") -> Q:
    """Memberships active at some point between ``start`` and ``end``: one awaiting
    guardian consent is not a member yet, and one that closed before consent never was."""
    return Q(**{f"{prefix}activated_on__lte": end}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gte": start})
    )


def _pupil_q(*, grade: int | None = None, gender: str | None = None,
             prefix: str = "pupil__") -> Q:
    q = Q()
    if grade:
        q &= Q(**{f"{prefix}grade": grade})
    if gender:
        q &= Q(**{f"{prefix}gender": gender})
    return q


def report_club_ids(
    *, clubs: QuerySet | None = None, club_id: int | None = None, school_id: int | None = None,
    province: Province | None = None, commune: Commune | None = None,
) -> QuerySet | None:
    """The clubs a report covers, as a lazy pk subquery (no query of its own); None for
    "every club and the centre's own sessions". ``clubs`` is what the reader may see
    (clubs.access), the others narrow it."""
    from places.selectors import place_q

    place = place_q("school__", province=province, commune=commune)
    if clubs is None and not (club_id or school_id or place):
        return None
    qs = Club.objects.all() if clubs is None else clubs
    if club_id:
        qs = qs.filter(pk=club_id)
    if school_id:
        qs = qs.filter(school_id=school_id)
    return qs.filter(place).values("pk")


def report_clubs(*, club_ids: QuerySet | None, start: date, end: date,
                 grade: int | None = None, gender: str | None = None) -> list[Club]:
    """Clubs in the report with their school and place, each annotated with ``n_members``
    (distinct pupils active in the period, narrowed by grade/gender). One query."""
    from django.db.models import IntegerField
    from django.db.models.functions import Coalesce

    members = (
        Membership.objects.filter(
            report_membership_q(start=start, end=end), _pupil_q(grade=grade, gender=gender),
            club=OuterRef("pk"),
        )
        .order_by().values("club").annotate(n=Count("pupil", distinct=True)).values("n")[:1]
    )
    qs = Club.objects.select_related("school", "school__province", "school__commune")
    if club_ids is not None:
        qs = qs.filter(pk__in=club_ids)
    return list(
        qs.annotate(n_members=Coalesce(Subquery(members, output_field=IntegerField()), 0))
        .order_by("school__province__short_name", "school__commune__name", "name")
    )


def report_members_by_year(*, club_ids: QuerySet | None, periods: dict,
                           grade: int | None = None, gender: str | None = None) -> dict:
    """Distinct member pupils active in each period (``{key: (start, end)}``), in one
    query: ``{key: count}``."""
    qs = Membership.objects.filter(_pupil_q(grade=grade, gender=gender))
    if club_ids is not None:
        qs = qs.filter(club_id__in=club_ids)
    counts = qs.aggregate(**{
        f"p{key}": Count("pupil", distinct=True,
                         filter=report_membership_q(start=start, end=end))
        for key, (start, end) in periods.items()
    })
    return {key: counts[f"p{key}"] for key in periods}


def report_filter_choices(*, clubs: QuerySet | None = None, province: Province | None = None,
                          commune: Commune | None = None) -> dict:
    """Schools and clubs a report may be narrowed to: those the reader may see, in the
    place chosen (if any)."""
    from clubs.models import School
    from places.selectors import place_q

    qs = Club.objects.all() if clubs is None else clubs
    qs = qs.filter(place_q("school__", province=province, commune=commune))
    return {
        "clubs": list(qs.order_by("name").values_list("pk", "name")),
        "schools": list(
            School.objects.filter(clubs__in=qs).distinct().order_by("name")
            .values_list("pk", "name")
        ),
    }


def report_gender_choices() -> list[tuple[str, StrOrPromise]]:
    return list(Pupil.Gender.choices)


def active_members_of(*, club_ids: Iterable[int]) -> list[tuple]:
    """(club id, pupil id, full name) of the clubs' active members, one query."""
    return list(
        Membership.objects.filter(club_id__in=club_ids, status=Membership.Status.ACTIVE)
        .order_by("club_id", "pupil__full_name").values_list("club_id", "pupil_id",
                                                             "pupil__full_name")
    )


def leaders_with_clubs() -> list[tuple]:
    """(user, [clubs]) for every user leading a club today, two queries."""
    from clubs.access import _open_on

    rows = (LeaderAssignment.objects.filter(_open_on(timezone.localdate()))
            .select_related("user", "club").order_by("user_id", "club__name"))
    by_user: dict = {}
    for row in rows:
        by_user.setdefault(row.user, []).append(row.club)
    return list(by_user.items())


def clubs_by_ids(*, club_ids: Iterable[int]) -> list[Club]:
    return list(Club.objects.filter(pk__in=club_ids).order_by("name"))
