"""Scheduling rules: one test per refusal code, each checking nothing was written."""

import datetime as dt

import pytest

from sessions import exceptions as exc
from sessions.models import ClubSession, MockTrialAudience, SessionSeries
from sessions.registrations import register_counter, unregister_counter
from sessions.services import (
    SessionPlan,
    series_create,
    series_update_following,
    session_cancel,
    session_conflicts,
    session_create,
    session_update,
)
from sessions.trial_services import mock_trial_book_audience, mock_trial_create
from tests.factories.accounts import UserFactory
from tests.factories.clubs import SchoolFactory
from tests.factories.sessions import ClubSessionFactory, vn

pytestmark = pytest.mark.django_db


def plan(club, **kw):
    return SessionPlan(**{"title": "Buổi học", "kind": "activity", "club": club, **kw})


def test_series_dates_follow_the_rule_and_skip_dates(club):
    series = series_create(plan=plan(club), starts_at=vn(2025, 1, 4, 8),
                           ends_at=vn(2025, 1, 4, 10), frequency="weekly",
                           until=dt.date(2025, 2, 22),
                           skip_dates=[dt.date(2025, 1, 25), dt.date(2025, 2, 1)])  # Tết
    days = [o.starts_at.astimezone(vn(2025, 1, 1).tzinfo).date()
            for o in series.occurrences.order_by("starts_at")]
    assert days == [dt.date(2025, 1, 4), dt.date(2025, 1, 11), dt.date(2025, 1, 18),
                    dt.date(2025, 2, 8), dt.date(2025, 2, 15), dt.date(2025, 2, 22)]
    assert {o.occurrence_start for o in series.occurrences.all()} == {
        o.starts_at for o in series.occurrences.all()}


def test_monthly_series_keeps_day_of_month(club):
    series = series_create(plan=plan(club), starts_at=vn(2024, 9, 15, 8),
                           ends_at=vn(2024, 9, 15, 9), frequency="monthly", count=4)
    assert [o.starts_at for o in series.occurrences.order_by("starts_at")] == [
        vn(2024, 9, 15, 8), vn(2024, 10, 15, 8), vn(2024, 11, 15, 8), vn(2024, 12, 15, 8)]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({}, exc.SeriesWithoutEnd),
        ({"until": dt.date(2025, 1, 1), "count": 3}, exc.SeriesEndAmbiguous),
        ({"count": 500}, exc.SeriesTooLong),
        ({"until": dt.date(2030, 1, 1)}, exc.SeriesTooLong),
        ({"until": dt.date(2024, 8, 1)}, exc.SeriesEmpty),
        ({"count": 1, "skip_dates": [dt.date(2024, 9, 7)]}, exc.SeriesEmpty),
    ],
)
def test_series_refusals_write_nothing(club, kwargs, error):
    with pytest.raises(error) as raised:
        series_create(plan=plan(club), starts_at=vn(2024, 9, 7, 8), ends_at=vn(2024, 9, 7, 9),
                      frequency="weekly", **kwargs)
    assert raised.value.code == error.code and str(raised.value.message)
    assert SessionSeries.objects.count() == 0 and ClubSession.objects.count() == 0


def test_end_before_start_is_refused(club):
    with pytest.raises(exc.EndsBeforeStart):
        session_create(plan=plan(club), starts_at=vn(2024, 9, 7, 8), ends_at=vn(2024, 9, 7, 7))
    with pytest.raises(exc.EndsBeforeStart):
        session_create(plan=plan(club), starts_at=vn(2024, 9, 7, 8), ends_at=vn(2024, 9, 7, 8))
    assert ClubSession.objects.count() == 0


def test_impossible_dates_are_refused(club):
    for start in (vn(1900, 1, 1, 8), dt.datetime(2024, 9, 7, 8)):  # far past; naive
        with pytest.raises(exc.ImpossibleDate):
            session_create(plan=plan(club), starts_at=start,
                           ends_at=start + dt.timedelta(hours=1))
    assert ClubSession.objects.count() == 0


def test_audience_needs_its_school_or_guests(club):
    for kw in ({"audience": "school"}, {"audience": "clubs"}):
        with pytest.raises(exc.AudienceIncomplete):
            session_create(plan=plan(club, **kw), starts_at=vn(2024, 9, 7, 8),
                           ends_at=vn(2024, 9, 7, 9))
    school = SchoolFactory()
    session = session_create(plan=plan(club, audience="school", school=school),
                             starts_at=vn(2024, 9, 7, 8), ends_at=vn(2024, 9, 7, 9))
    assert session.school == school


def test_venue_and_facilitator_double_booking_is_a_warning(club, other_club):
    person = UserFactory(role="facilitator", display_name="Cô Lan")
    existing = ClubSessionFactory(club=other_club, venue="Hội trường A",
                                  starts_at=vn(2024, 9, 7, 8))
    existing.facilitators.add(person)
    with pytest.raises(exc.SchedulingConflict) as raised:
        session_create(plan=plan(club, venue=" hội trường a ", facilitators=[person]),
                       starts_at=vn(2024, 9, 7, 9), ends_at=vn(2024, 9, 7, 11))
    reasons = sorted(c.reason for c in raised.value.conflicts)
    assert reasons == ["facilitator", "venue"]
    assert "Cô Lan" in " ".join(str(c.message) for c in raised.value.conflicts)
    assert ClubSession.objects.count() == 1
    session_create(plan=plan(club, venue="Hội trường A", facilitators=[person]),
                   starts_at=vn(2024, 9, 7, 9), ends_at=vn(2024, 9, 7, 11),
                   confirm_conflicts=True)
    assert ClubSession.objects.count() == 2


def test_no_conflict_back_to_back_or_when_cancelled(club):
    ClubSessionFactory(club=club, venue="Phòng 1", starts_at=vn(2024, 9, 7, 8))  # 8-10
    ClubSessionFactory(club=club, venue="Phòng 1", starts_at=vn(2024, 9, 7, 10),
                       status="cancelled")
    assert session_conflicts(slots=[(vn(2024, 9, 7, 10), vn(2024, 9, 7, 12))],
                             venue="Phòng 1") == []


def test_series_conflicts_are_checked_for_every_occurrence(club):
    ClubSessionFactory(club=club, venue="Phòng 1", starts_at=vn(2024, 10, 5, 8))
    with pytest.raises(exc.SchedulingConflict):
        series_create(plan=plan(club, venue="Phòng 1"), starts_at=vn(2024, 9, 7, 8),
                      ends_at=vn(2024, 9, 7, 9), frequency="weekly", count=6)
    assert SessionSeries.objects.count() == 0


def test_capacity_below_audience_booked_is_refused(club):
    hearing = ClubSessionFactory(club=club, kind="mock_trial", capacity=300)
    trial = mock_trial_create(hearing=hearing, case_title="Vụ án ma túy", legal_topic="drugs")
    mock_trial_book_audience(trial=trial, school=club.school, class_name="8A1", expected=40)
    mock_trial_book_audience(trial=trial, school=club.school, class_name="8A2", expected=45)
    with pytest.raises(exc.CapacityBelowRegistrations) as raised:
        session_update(session=hearing, plan=SessionPlan.from_session(hearing).__class__(
            **{**SessionPlan.from_session(hearing).__dict__, "capacity": 60}),
            starts_at=hearing.starts_at, ends_at=hearing.ends_at)
    assert "85" in str(raised.value.message)
    hearing.refresh_from_db()
    assert hearing.capacity == 300 and hearing.sequence == 0


def test_booking_past_capacity_is_refused(club):
    hearing = ClubSessionFactory(club=club, kind="mock_trial", capacity=50)
    trial = mock_trial_create(hearing=hearing, case_title="Vụ án", legal_topic="theft")
    mock_trial_book_audience(trial=trial, school=club.school, class_name="8A1", expected=40)
    with pytest.raises(exc.CapacityBelowRegistrations):
        mock_trial_book_audience(trial=trial, school=club.school, class_name="8A2", expected=11)
    assert MockTrialAudience.objects.count() == 1


def test_registration_counters_from_other_apps_are_honoured(club):
    session = ClubSessionFactory(club=club, capacity=30)

    def signed_up(ids):  # what the attendance app registers in its AppConfig.ready()
        return {session.pk: 25} if session.pk in ids else {}

    register_counter(signed_up)
    try:
        base = SessionPlan.from_session(session).__dict__
        with pytest.raises(exc.CapacityBelowRegistrations):
            session_update(session=session, plan=SessionPlan(**{**base, "capacity": 20}),
                           starts_at=session.starts_at, ends_at=session.ends_at)
        session_update(session=session, plan=SessionPlan(**{**base, "capacity": 25}),
                       starts_at=session.starts_at, ends_at=session.ends_at)
    finally:
        unregister_counter(signed_up)
    session.refresh_from_db()
    assert session.capacity == 25


def test_cancelling_keeps_the_row_and_needs_a_reason(fortnightly):
    occurrence = fortnightly.occurrences.first()
    with pytest.raises(exc.CancelReasonMissing):
        session_cancel(session=occurrence, reason="  ")
    session_cancel(session=occurrence, reason="Thi học kỳ")
    with pytest.raises(exc.AlreadyCancelled):
        session_cancel(session=occurrence, reason="again")
    occurrence.refresh_from_db()
    assert (occurrence.status, occurrence.cancel_reason, occurrence.detached,
            occurrence.sequence) == ("cancelled", "Thi học kỳ", True, 1)
    assert fortnightly.occurrences.count() == 9


def test_edit_one_occurrence_leaves_the_others(fortnightly):
    first, second = fortnightly.occurrences.order_by("starts_at")[:2]
    base = SessionPlan.from_session(second).__dict__
    session_update(session=second, plan=SessionPlan(**{**base, "venue": "Sân trường"}),
                   starts_at=second.starts_at, ends_at=second.ends_at)
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.venue == "Sân trường" and second.detached
    assert first.venue == "Phòng 12" and not first.detached


def test_this_and_following_splits_and_keeps_rows(fortnightly, club):
    rows = list(fortnightly.occurrences.order_by("starts_at"))
    session_cancel(session=rows[6], reason="Nghỉ lễ")
    ids_before = {r.pk for r in rows}
    new = series_update_following(
        session=rows[4], plan=plan(club, title="Giờ mới", venue="Phòng 12"),
        starts_at=vn(2024, 11, 16, 15), ends_at=vn(2024, 11, 16, 17),
        frequency="fortnightly", count=5,
    )
    fortnightly.refresh_from_db()
    assert fortnightly.until == dt.date(2024, 11, 15) and fortnightly.count is None
    assert fortnightly.sequence == 1
    assert list(fortnightly.occurrences.values_list("pk", flat=True).order_by("starts_at")) == [
        r.pk for r in rows[:4]]
    following = list(new.occurrences.order_by("starts_at"))
    assert [r.pk for r in following] == [r.pk for r in rows[4:]]  # attendance stays attached
    assert all(r.title == "Giờ mới" and r.starts_at.hour == 8 for r in following)  # 15:00 +07
    assert following[2].status == "cancelled" and following[2].detached
    assert ids_before == set(ClubSession.objects.values_list("pk", flat=True))


def test_following_from_the_first_occurrence_changes_the_series_itself(fortnightly, club):
    first = fortnightly.occurrences.order_by("starts_at").first()
    same = series_update_following(
        session=first, plan=plan(club, title="Đổi cả chuỗi"), starts_at=vn(2024, 9, 7, 14),
        ends_at=vn(2024, 9, 7, 16), frequency="fortnightly", count=4,
        skip_dates=[dt.date(2024, 10, 19)],
    )
    assert same.pk == fortnightly.pk and same.sequence == 1
    assert same.occurrences.count() == 3  # 4 rule dates, 19 Oct skipped
    assert ClubSession.objects.filter(series__isnull=True, status="cancelled").count() == 6


def test_following_on_a_single_session_is_refused(club):
    session = ClubSessionFactory(club=club)
    with pytest.raises(exc.NotInSeries):
        series_update_following(session=session, plan=plan(club), starts_at=session.starts_at,
                                ends_at=session.ends_at, frequency="weekly", count=2)
