"""Calendar feeds stay fresh: after every change a leader can make (edit, cancel, move a
pupil or a session between clubs) and as time passes, a client that revalidates with
If-None-Match or If-Modified-Since gets the new content, never a 304; and every date the
feed describes is true. Read back with icalendar + recurring-ical-events and khal."""

import dataclasses
import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from clubs.services import member_move
from sessions.feed_services import member_feed_token_get_or_create
from sessions.models import ClubSession
from sessions.services import SessionPlan, series_create, session_cancel, session_update
from tests.factories.clubs import GuardianConsentFactory, MembershipFactory, PupilFactory
from tests.factories.sessions import ClubSessionFactory, vn
from tests.sessions.conftest import FEEDS
from tests.sessions.ical_clients import expand, khal_import_and_list

pytestmark = pytest.mark.django_db

START = vn(2024, 9, 1, 8)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def member_url(pupil):
    return f"/feeds/member/{member_feed_token_get_or_create(pupil=pupil).token}.ics"


def dates(body: bytes) -> list[tuple[dt.datetime, str, str]]:
    """Every occurrence the feed describes: (start, title, status), cancelled ones too."""
    shown = expand(body, dt.date(2000, 1, 1), dt.date(2100, 1, 1), cancelled=True)
    return sorted((e["DTSTART"].dt, str(e["SUMMARY"]), str(e.get("STATUS", ""))) for e in shown)


def confirmed_starts(body: bytes) -> list[dt.datetime]:
    return [start for start, _title, status in dates(body) if status != "CANCELLED"]


def khal_confirmed(body: bytes) -> str:
    listing, stderr = khal_import_and_list(body, "2024-01-01", "800d")
    assert stderr == ""
    return "\n".join(line for line in listing.splitlines() if "[CONFIRMED ]" in line)


def assert_changed(client, url, before):
    """The feed changed since ``before``: both kinds of revalidation give the new body, and
    the new validators give 304 (the feed still answers 304 when nothing changed)."""
    by_etag = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    assert by_etag.status_code == 200, "If-None-Match answered 304 to a changed feed"
    assert by_date.status_code == 200, "If-Modified-Since answered 304 to a changed feed"
    assert by_etag.content == by_date.content != before.content
    assert by_etag["ETag"] != before["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=by_etag["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=by_date["Last-Modified"]).status_code == 304
    return by_etag


def consenting_pupil(club):
    pupil = PupilFactory(school=club.school, full_name="Trần Văn Tư")
    GuardianConsentFactory(pupil=pupil, given_on=dt.date(2024, 8, 1),
                           child_assent_on=dt.date(2024, 8, 1))
    MembershipFactory(pupil=pupil, club=club, joined_on=dt.date(2024, 8, 1))
    return pupil


def weekly(club, title):
    return series_create(
        plan=SessionPlan(title=title, kind="activity", club=club, venue=f"{title} phòng"),
        starts_at=vn(2024, 9, 4, 14), ends_at=vn(2024, 9, 4, 16), frequency="weekly", count=6,
    )


def test_moving_a_pupil_between_clubs_of_the_same_size_changes_their_feed(
    client, clock, club, other_club, staff
):
    # Two clubs whose calendars have the same shape, written at the same instant: only
    # what they are (titles, identities) tells them apart.
    weekly(club, "Sinh hoạt Ninh Kiều")
    weekly(other_club, "Sinh hoạt Cái Răng")
    pupil = consenting_pupil(club)
    url = member_url(pupil)
    before = client.get(url)
    assert "Sinh hoạt Ninh Kiều" in khal_confirmed(before.content)

    clock.move_to(vn(2024, 9, 2, 9))
    member_move(membership=pupil.memberships.get(), to_club=other_club, by=staff,
                reason="Chuyển trường")
    after = assert_changed(client, url, before)
    titles = {title for _start, title, _status in dates(after.content)}
    assert titles == {"Sinh hoạt Cái Răng"}
    listing = khal_confirmed(after.content)
    assert listing.count("Sinh hoạt Cái Răng") == 6 and "Ninh Kiều" not in listing


def test_a_session_moved_to_another_club_leaves_the_old_feed(client, clock, member, club,
                                                            other_club, fortnightly):
    clock.move_to(vn(2024, 9, 2, 8))
    outing = ClubSessionFactory(club=club, title="Dã ngoại", starts_at=vn(2024, 10, 12, 7))
    url = member_url(member)
    before = client.get(url)
    assert "Dã ngoại" in khal_confirmed(before.content)

    # The newest row leaves the feed: the newest update among the rows left is older.
    clock.move_to(vn(2024, 9, 3, 8))
    plan = dataclasses.replace(SessionPlan.from_session(outing), club=other_club)
    session_update(session=outing, plan=plan, starts_at=outing.starts_at,
                   ends_at=outing.ends_at)
    after = assert_changed(client, url, before)
    assert "Dã ngoại" not in khal_confirmed(after.content)
    assert len(confirmed_starts(after.content)) == 9


def test_an_occurrence_moved_to_another_club_is_only_in_that_clubs_feed(
    client, clock, member, club, other_club, fortnightly
):
    url = member_url(member)
    before = client.get(url)
    occurrence = fortnightly.occurrences.get(occurrence_start=vn(2024, 11, 2, 14))
    plan = dataclasses.replace(SessionPlan.from_session(occurrence), club=other_club)
    session_update(session=occurrence, plan=plan, starts_at=occurrence.starts_at,
                   ends_at=occurrence.ends_at)

    after = assert_changed(client, url, before)
    assert vn(2024, 11, 2, 14) not in confirmed_starts(after.content)
    assert len(confirmed_starts(after.content)) == 8
    assert "2024-11-02" not in khal_confirmed(after.content)

    other = client.get(member_url(consenting_pupil(other_club)))
    assert dates(other.content) == [(vn(2024, 11, 2, 14), "Sinh hoạt định kỳ", "CONFIRMED")]
    listing = khal_confirmed(other.content)
    assert listing.count("Sinh hoạt định kỳ") == 1 and "2024-11-02 14:00" in listing


def test_edits_and_cancellations_in_the_same_second_are_not_304(client, clock, member,
                                                                fortnightly):
    url = member_url(member)
    before = client.get(url)
    occurrence = fortnightly.occurrences.get(occurrence_start=vn(2024, 9, 21, 14))
    plan = dataclasses.replace(SessionPlan.from_session(occurrence), title="Sinh hoạt đổi giờ")
    session_update(session=occurrence, plan=plan, starts_at=vn(2024, 9, 21, 15),
                   ends_at=vn(2024, 9, 21, 17))
    edited = assert_changed(client, url, before)
    assert (vn(2024, 9, 21, 15), "Sinh hoạt đổi giờ", "CONFIRMED") in dates(edited.content)

    session_cancel(session=occurrence, reason="Mưa bão")
    cancelled = assert_changed(client, url, edited)
    assert (vn(2024, 9, 21, 15), "Sinh hoạt đổi giờ", "CANCELLED") in dates(cancelled.content)
    assert "2024-09-21" not in khal_confirmed(cancelled.content)


def test_sessions_ageing_out_of_the_window_refresh_the_feed(client, clock, member,
                                                             fortnightly):
    url = member_url(member)
    before = client.get(url)
    assert len(confirmed_starts(before.content)) == 9
    # 7 Sept ended more than 120 days before 6 Jan: it leaves the feed, nothing was edited.
    clock.move_to(vn(2025, 1, 6, 8))
    after = assert_changed(client, url, before)
    assert confirmed_starts(after.content)[0] == vn(2024, 9, 21, 14)
    assert len(confirmed_starts(after.content)) == 8


def test_old_cancellations_and_moves_stay_true_after_the_window(client, clock, member,
                                                                 fortnightly):
    rows = {r.occurrence_start: r for r in fortnightly.occurrences.all()}
    session_cancel(session=rows[vn(2024, 9, 21, 14)], reason="Mưa bão")
    moved = rows[vn(2024, 11, 16, 14)]
    session_update(session=moved, plan=SessionPlan.from_session(moved),
                   starts_at=vn(2024, 10, 1, 14), ends_at=vn(2024, 10, 1, 16))
    url = member_url(member)

    # 25 Jan 2025: 7 Sept has left the window, 21 Sept (cancelled) has too.
    clock.move_to(vn(2025, 1, 25, 8))
    body = client.get(url).content
    assert (vn(2024, 9, 21, 14), "Sinh hoạt định kỳ", "CONFIRMED") not in dates(body)
    assert confirmed_starts(body) == [
        vn(2024, 10, 1, 14), vn(2024, 10, 5, 14), vn(2024, 11, 2, 14), vn(2024, 11, 30, 14),
        vn(2024, 12, 14, 14), vn(2024, 12, 28, 14), vn(2025, 1, 11, 14),
    ]
    assert "2024-09-21" not in khal_confirmed(body)

    # 5 Feb 2025: the move to 1 Oct ended over 120 days ago; 16 Nov must not come back.
    clock.move_to(vn(2025, 2, 5, 8))
    body = client.get(url).content
    assert confirmed_starts(body) == [
        vn(2024, 11, 2, 14), vn(2024, 11, 30, 14), vn(2024, 12, 14, 14),
        vn(2024, 12, 28, 14), vn(2025, 1, 11, 14),
    ]
    listing = khal_confirmed(body)
    assert "2024-11-16" not in listing and listing.count("Sinh hoạt định kỳ") == 5


def test_every_date_in_the_feed_matches_the_sessions(client, clock, member, club,
                                                    other_club, edited_fortnightly):
    """Whatever the mix of edits, the feed describes exactly the rows in its window."""
    rows = edited_fortnightly
    session_update(session=rows[4], plan=dataclasses.replace(
        SessionPlan.from_session(rows[4]), club=other_club),
        starts_at=rows[4].starts_at, ends_at=rows[4].ends_at)
    ClubSessionFactory(club=club, title="Một buổi", starts_at=vn(2024, 10, 20, 8))
    url = member_url(member)
    for when in (vn(2024, 9, 1, 8), vn(2024, 12, 1, 8), vn(2025, 1, 30, 8), vn(2025, 3, 1, 8)):
        clock.move_to(when)
        expected = sorted(
            (s.starts_at, s.title, "CANCELLED" if s.is_cancelled else "CONFIRMED")
            for s in ClubSession.objects.filter(club=club,
                                                ends_at__gt=when - dt.timedelta(days=120))
        )
        assert dates(client.get(url).content) == expected, when


def test_workers_without_a_shared_cache_agree_and_stay_fresh(client, clock, member,
                                                             fortnightly):
    """Each worker builds the same bytes, so an empty cache (another gunicorn worker, a
    Redis restart) gives the same validators; what a worker remembers plays no part."""
    url = member_url(member)
    before = client.get(url)
    cache.clear()
    assert client.get(url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304
    cache.clear()
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"]).status_code == 304
    session_cancel(session=fortnightly.occurrences.first(), reason="Bão")
    cache.clear()
    assert_changed(client, url, before)


def test_an_unchanged_feed_is_served_from_the_cache_in_three_queries(
    client, clock, member, club, fortnightly, monkeypatch, django_assert_num_queries
):
    from sessions import feed_cache

    rows = list(fortnightly.occurrences.order_by("occurrence_start"))
    session_cancel(session=rows[1], reason="Bão")
    ClubSessionFactory(club=None, title="Sự kiện trung tâm", audience="public",
                       starts_at=vn(2024, 11, 9, 7, 30))
    builds = []
    build = feed_cache.build_calendar
    monkeypatch.setattr(feed_cache, "build_calendar",
                        lambda *a, **kw: builds.append(1) or build(*a, **kw))
    url = member_url(member)
    first = client.get(url)
    # The address, the rows' values, the feed's state: no calendar is built.
    with django_assert_num_queries(3):
        again = client.get(url)
    assert builds == [1] and again.content == first.content
    session_cancel(session=rows[2], reason="Bão")
    assert_changed(client, url, first)
    assert builds == [1, 1]


@pytest.mark.parametrize("feed", FEEDS)
def test_every_feed_revalidates_to_the_new_content(client, clock, feed, feed_url, club):
    fair = ClubSessionFactory(club=club, title="Ngày hội mở", audience="public",
                              starts_at=vn(2024, 11, 2, 7, 30))
    url = feed_url(feed)
    before = client.get(url)
    session_cancel(session=fair, reason="Mưa lớn")  # in the same second
    after = assert_changed(client, url, before)
    assert dates(after.content) == [(vn(2024, 11, 2, 7, 30), "Ngày hội mở", "CANCELLED")]


@pytest.mark.parametrize("feed", FEEDS)
def test_a_reader_who_changes_language_never_gets_a_304_for_the_other_language(
        client, clock, feed, feed_url, club):
    """Feeds follow the reader's language (cookie, then Accept-Language). A client holding
    the Vietnamese calendar, revalidating by date alone after its reader switched to
    English, gets the English calendar: its Last-Modified is not an older English one."""
    ClubSessionFactory(club=club, title="Ngày hội mở", audience="public",
                       starts_at=vn(2024, 11, 2, 7, 30))
    url = feed_url(feed)
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    clock.shift(dt.timedelta(minutes=10))
    vietnamese = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    assert vietnamese.content != english.content
    switched = client.get(url, HTTP_ACCEPT_LANGUAGE="en",
                          HTTP_IF_MODIFIED_SINCE=vietnamese["Last-Modified"])
    assert switched.status_code == 200, "a 304 kept the Vietnamese calendar"
    assert switched.content == english.content
    # Unchanged content in one language still revalidates to a 304.
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="en",
                      HTTP_IF_MODIFIED_SINCE=switched["Last-Modified"]).status_code == 304
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="vi",
                      HTTP_IF_NONE_MATCH=vietnamese["ETag"]).status_code == 304
