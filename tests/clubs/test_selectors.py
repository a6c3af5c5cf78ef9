import datetime

import pytest
from django.utils import timezone

from clubs import selectors, services
from clubs.models import GuardianConsent
from tests.factories.clubs import (
    ClubFactory,
    GuardianConsentFactory,
    MemberCardFactory,
    MembershipFactory,
    PupilFactory,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 25)


def test_card_lookup_valid_revoked_unknown_in_one_query(django_assert_num_queries):
    card = MemberCardFactory()
    with django_assert_num_queries(1):
        found = selectors.card_lookup(secret=card.secret)
    assert found.status == "valid" and found.pupil == card.pupil
    new = services.card_issue(pupil=card.pupil)
    with django_assert_num_queries(1):
        old = selectors.card_lookup(secret=card.secret)
    assert old.status == "revoked" and old.pupil == card.pupil
    assert selectors.card_lookup(secret=new.secret).status == "valid"
    with django_assert_num_queries(1):
        assert selectors.card_lookup(secret="not-a-card") == selectors.CardLookup("unknown", None)


def test_card_secret_is_random_and_long():
    cards = [MemberCardFactory() for _ in range(20)]
    secrets = {c.secret for c in cards}
    assert len(secrets) == 20
    assert all(len(s) >= 32 for s in secrets)  # 24 random bytes, url-safe: 192 bits
    assert all(c.pupil.member_code not in c.secret for c in cards)


@pytest.mark.parametrize(
    ("birth_year", "consent", "assent", "ok"),
    [
        (2010, False, False, True),   # 16 in 2026
        (2011, False, False, False),  # 15, no consent
        (2011, True, True, True),
        (2011, True, False, False),   # 15: own assent needed too
        (2020, True, False, True),    # 6: guardian alone suffices
        (2019, True, False, False),   # 7: assent needed
    ],
)
def test_pupil_consent_ok(birth_year, consent, assent, ok):
    pupil = PupilFactory(birth_year=birth_year)
    if consent:
        GuardianConsentFactory(pupil=pupil, child_assent=assent,
                               child_assent_on=DAY if assent else None)
    assert selectors.pupil_consent_ok(pupil=pupil, on_date=DAY) is ok


def test_withdrawn_or_later_consent_does_not_count():
    pupil = PupilFactory(birth_year=2012)
    consent = GuardianConsentFactory(pupil=pupil, given_on=DAY)
    day_before = DAY - datetime.timedelta(days=1)
    assert selectors.pupil_consent_ok(pupil=pupil, on_date=day_before) is False
    assert selectors.pupil_consent_ok(pupil=pupil, on_date=DAY) is True
    GuardianConsent.objects.filter(pk=consent.pk).update(withdrawn_at=timezone.now())
    assert selectors.pupil_consent_ok(pupil=pupil, on_date=DAY) is False


def test_consent_missing_pupil_ids_lists_active_under_16_without_consent():
    club = ClubFactory()
    missing = MembershipFactory(club=club, pupil__birth_year=2012).pupil
    with_consent = MembershipFactory(club=club, pupil__birth_year=2012).pupil
    GuardianConsentFactory(pupil=with_consent)
    MembershipFactory(club=club, pupil__birth_year=2008)  # adult that year
    MembershipFactory(club=club, pupil__birth_year=2012, status="inactive",
                      left_on=DAY, leave_reason="moved")
    MembershipFactory(pupil__birth_year=2012)  # another club
    assert selectors.consent_missing_pupil_ids(club=club, on_date=DAY) == {missing.pk}
    counts = selectors.club_roster_counts(club=club, on_date=DAY)
    assert counts["consent_missing"] == 1 and counts["active"] == 3
    flags = {m.pupil_id: m.consent_ok for m in selectors.club_roster(club=club, on_date=DAY)}
    assert flags[missing.pk] is False and flags[with_consent.pk] is True


def test_active_member_ids():
    a, b = ClubFactory(), ClubFactory()
    one = MembershipFactory(club=a).pupil
    two = MembershipFactory(club=b).pupil
    MembershipFactory(club=a, status="alumni", left_on=DAY, leave_reason="graduated")
    assert selectors.active_member_ids(club_ids=[a.pk]) == {one.pk}
    assert selectors.active_member_ids(club_ids=[a.pk, b.pk]) == {one.pk, two.pk}


def test_pupil_data_export_holds_only_that_pupil():
    membership = MembershipFactory()
    GuardianConsentFactory(pupil=membership.pupil)
    other = MembershipFactory(club=membership.club)
    data = selectors.pupil_data_export(pupil=membership.pupil, include_support_notes=False)
    assert data["pupil"]["full_name"] == membership.pupil.full_name
    assert len(data["memberships"]) == 1 and len(data["consents"]) == 1
    assert other.pupil.full_name not in str(data)
    assert "support_notes" not in data


def test_board_is_listed_chair_first():
    from tests.factories.clubs import BoardRoleFactory

    club = ClubFactory()
    for role in ("member", "secretary", "vice_chair", "chair"):
        BoardRoleFactory(membership=MembershipFactory(club=club), role=role)
    assert [s.role for s in selectors.club_board(club=club, on_date=DAY)] == [
        "chair", "vice_chair", "secretary", "member"]


@pytest.mark.parametrize("query", ["nguyen thi hong", "NGUYỄN THỊ HỒNG", "hồng nhung", "Hong"])
def test_roster_search_ignores_diacritics_and_case(query):
    from clubs import services

    club = ClubFactory()
    services.member_add(club=club, by=None, full_name="Nguyễn Thị Hồng Nhung", birth_year=2012,
                        grade=8)
    services.member_add(club=club, by=None, full_name="Trần Văn Đạt", birth_year=2012, grade=8)
    # 12-year-olds without consent yet: pending, shown on the roster's default view.
    current = selectors.ROSTER_CURRENT
    names = [m.pupil.full_name
             for m in selectors.club_roster(club=club, search=query, status=current)]
    assert names == ["Nguyễn Thị Hồng Nhung"]
    assert [m.pupil.full_name
            for m in selectors.club_roster(club=club, search="dat", status=current)] == [
        "Trần Văn Đạt"]
