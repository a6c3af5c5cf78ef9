import datetime
from random import Random

import pytest

from clubs import demo as clubs_demo
from clubs import selectors
from clubs.access import ClubRole, club_role, clubs_visible_to
from clubs.models import (
    BoardRole,
    Club,
    GuardianConsent,
    LeaderAssignment,
    MemberCard,
    Membership,
    Pupil,
)
from demo import accounts as demo_accounts
from demo.context import DemoContext

pytestmark = pytest.mark.django_db


def run_builders():
    ctx = DemoContext(rng=Random(2024), today=datetime.date(2024, 9, 1), write=lambda line: None)
    demo_accounts.build(ctx)
    clubs_demo.build(ctx)
    return ctx


def counts():
    return [m.objects.count() for m in (Club, Pupil, Membership, BoardRole, LeaderAssignment,
                                        MemberCard, GuardianConsent)]


def test_demo_builds_realistic_clubs_and_is_idempotent():
    ctx = run_builders()
    first = counts()
    clubs = ctx.shared["clubs"]
    assert len(clubs) == 23 and first[0] == 23
    assert 900 <= first[1] <= 1150
    # Today's Cần Thơ: every school in a ward or commune of the new city, the nine former
    # districts kept as labels.
    assert {c.school.province.code for c in clubs} == {"92"}
    assert all(c.school.commune and c.school.commune.province.code == "92" for c in clubs)
    assert {c.school.former_district for c in clubs} == {
        "Ninh Kiều", "Bình Thủy", "Cái Răng", "Ô Môn", "Thốt Nốt", "Phong Điền", "Cờ Đỏ",
        "Vĩnh Thạnh", "Thới Lai"}
    assert Club.objects.filter(name="CLB Thanh thiếu niên Hồng THCS Thạnh An",
                               school__commune__name="Xã Thạnh An").exists()
    # Every club has a roster, a chair and a leader; every active member a valid card.
    for club in clubs:
        assert Membership.objects.filter(club=club, status="active").count() >= 30
        assert selectors.club_board(club=club).filter(role="chair").count() == 1
        assert selectors.club_leaders(club=club).exists()
    active = Membership.objects.filter(status="active").values("pupil_id")
    assert not Pupil.objects.filter(pk__in=active).exclude(
        cards__revoked_at__isnull=True).exists()
    # The demo accounts see what their roles promise.
    leader, board, pupil = ctx.users["leader"], ctx.users["board"], ctx.users["pupil"]
    assert clubs_visible_to(leader, at_least=ClubRole.LEADER).count() == 2
    led = list(clubs_visible_to(leader, at_least=ClubRole.LEADER))
    assert any(club_role(board, c) == ClubRole.BOARD for c in led)
    assert pupil.pupil.memberships.filter(status="active", club__in=led).exists()
    # Most under-16s have consent; a few await it: pending, not active members, so no
    # active member lacks consent.
    pending = Membership.objects.filter(club__in=clubs, status="pending")
    assert 10 <= pending.count() <= 120
    assert not selectors.consent_ok_pupil_ids(
        pupil_ids=pending.values_list("pupil_id", flat=True), on_date=ctx.today)
    missing = sum(len(selectors.consent_missing_pupil_ids(club=c, on_date=ctx.today))
                  for c in clubs)
    assert missing == 0
    # Some history: former members with a reason.
    assert Membership.objects.exclude(status="active").exclude(leave_reason="").exists()

    run_builders()
    assert counts() == first


def test_demo_accounts_may_be_checked_in():
    ctx = run_builders()
    for username in ("board", "pupil"):
        pupil = ctx.users[username].pupil
        assert selectors.pupil_consent_ok(pupil=pupil, on_date=ctx.today)
        assert selectors.card_lookup(secret=selectors.pupil_valid_card(pupil=pupil).secret
                                     ).status == "valid"
