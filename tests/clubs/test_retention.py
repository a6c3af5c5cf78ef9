"""Retention: a former member's data goes when its purpose is over; the figures stay."""

import datetime as dt

import pytest
from django.core.management import call_command

from accounts.models import User
from clubs.models import Membership, Pupil
from clubs.retention import pupils_due_for_anonymising, pupils_retention_run
from reports.selectors import SchoolYear, yearly_figures
from tests.factories.accounts import UserFactory
from tests.factories.attendance import AttendanceFactory
from tests.factories.clubs import GuardianConsentFactory, MembershipFactory, PupilFactory
from tests.factories.sessions import ClubSessionFactory, vn

pytestmark = pytest.mark.django_db
NOW = vn(2026, 11, 25, 9, 0)


def former_member(*, left_on, **pupil_kwargs):
    pupil = PupilFactory(**pupil_kwargs)
    MembershipFactory(pupil=pupil, joined_on=dt.date(2018, 9, 5), left_on=left_on,
                      status=Membership.Status.ALUMNI)
    return pupil


def test_retention_picks_only_members_whose_purpose_is_over(settings):
    settings.LALANH_RETENTION_MONTHS = 24
    settings.LALANH_WITHDRAWAL_GRACE_DAYS = 30
    long_gone = former_member(left_on=dt.date(2023, 6, 1))
    recently_left = former_member(left_on=dt.date(2026, 6, 1))
    still_active = MembershipFactory(joined_on=dt.date(2020, 9, 5)).pupil
    withdrew = former_member(left_on=dt.date(2026, 9, 1))
    GuardianConsentFactory(pupil=withdrew, withdrawn_at=NOW - dt.timedelta(days=60))
    just_withdrew = former_member(left_on=dt.date(2026, 11, 1))
    GuardianConsentFactory(pupil=just_withdrew, withdrawn_at=NOW - dt.timedelta(days=2))
    withdrew_then_consented = former_member(left_on=dt.date(2026, 9, 1))
    GuardianConsentFactory(pupil=withdrew_then_consented,
                           withdrawn_at=NOW - dt.timedelta(days=90))
    GuardianConsentFactory(pupil=withdrew_then_consented, given_on=dt.date(2026, 9, 20))

    due = set(pupils_due_for_anonymising(now=NOW))
    assert due == {long_gone, withdrew}
    assert not due & {recently_left, still_active, just_withdrew, withdrew_then_consented}

    assert pupils_retention_run(now=NOW) == 2
    assert pupils_retention_run(now=NOW) == 0
    assert Pupil.objects.filter(anonymised_at__isnull=False).count() == 2


def test_retention_keeps_the_yearly_figures_and_removes_the_pupils_account():
    pupil = PupilFactory(user=UserFactory(username="khang"))
    membership = MembershipFactory(pupil=pupil, joined_on=dt.date(2020, 9, 5))
    session = ClubSessionFactory(club=membership.club, starts_at=vn(2020, 10, 5, 14))
    AttendanceFactory(session=session, pupil=pupil)
    Membership.objects.filter(pk=membership.pk).update(
        status=Membership.Status.ALUMNI, left_on=dt.date(2021, 6, 1), leave_reason="Tốt nghiệp"
    )
    before = yearly_figures(year=SchoolYear(2020), now=NOW)
    assert before.member_pupils_reached == 1

    assert pupils_retention_run(now=NOW) == 1

    after = yearly_figures(year=SchoolYear(2020), now=NOW)
    assert (after.members, after.pupils_reached) == (before.members, before.pupils_reached)
    assert not User.objects.filter(username="khang").exists()
    assert Pupil.objects.get(pk=pupil.pk).full_name != pupil.full_name


def test_retention_command_reports_what_it_did(capsys):
    former_member(left_on=dt.date(2020, 6, 1))
    call_command("clubs_retention", "--dry-run")
    assert "1 pupil(s) due." in capsys.readouterr().out
    call_command("clubs_retention")
    assert "Anonymised 1 pupil(s)." in capsys.readouterr().out
