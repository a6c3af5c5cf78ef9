"""Every URL of the clubs app against every role. Another club's leader gets 404 (the
club's existence is not revealed); a member without the role gets 403; a pupil reaching
someone else's record gets 404."""

import pytest
from django.urls import get_resolver, reverse

from clubs import urls as club_urls
from tests.clubs.conftest import ROLES

L, F, N, R = 200, 403, 404, 302  # ok, forbidden, not found, redirect

def _e(pupil, board, other_leader, leader, staff):
    return {"pupil": pupil, "board": board, "other_leader": other_leader, "leader": leader,
            "staff": staff}


# name -> (method, kwargs builder, {role: expected status})
def _member(w):
    return {"slug": w.club.slug, "pupil_id": w.target.pk}


MATRIX = {
    "my_clubs": ("get", lambda w: {}, _e(L, L, L, L, L)),
    "school_import": ("get", lambda w: {}, _e(F, F, F, F, L)),
    "my_page": ("get", lambda w: {}, _e(R, R, N, N, N)),
    "my_card": ("get", lambda w: {}, _e(R, R, N, N, N)),
    "club_detail": ("get", lambda w: {"slug": w.club.slug},
                    _e(F, L, N, L, L)),
    "member_add": ("get", lambda w: {"slug": w.club.slug},
                   _e(F, F, N, L, L)),
    "member_detail": ("get", _member, _e(N, L, N, L, L)),
    "member_edit": ("get", _member, _e(N, F, N, L, L)),
    "member_archive": ("get", _member, _e(N, F, N, L, L)),
    "member_move": ("get", _member, _e(N, F, N, L, L)),
    "consent_add": ("get", _member, _e(N, F, N, L, L)),
    "consent_withdraw": ("post", lambda w: {**_member(w), "consent_id": w.consent.pk},
                         _e(N, F, N, R, R)),
    "board_assign": ("get", _member, _e(N, F, N, L, L)),
    "board_end": ("post", lambda w: {"slug": w.club.slug, "pupil_id": w.board_user.pupil.pk,
                                     "seat_id": w.board_user.pupil.memberships.get()
                                     .board_roles.get().pk},
                  _e(N, F, N, R, R)),
    "note_add": ("get", _member, _e(N, F, N, F, L)),
    "member_card": ("get", _member, _e(N, F, N, L, L)),
    "card_reissue": ("post", _member, _e(N, F, N, R, R)),
    "member_export_json": ("get", _member,
                           _e(N, F, N, L, L)),
    "member_erase": ("get", _member, _e(N, F, N, F, L)),
    "card_sheet": ("get", lambda w: {"slug": w.club.slug},
                   _e(F, F, N, L, L)),
    "cards_issue_missing": ("post", lambda w: {"slug": w.club.slug},
                            _e(F, F, N, R, R)),
    "import_upload": ("get", lambda w: {"slug": w.club.slug},
                      _e(F, F, N, L, L)),
    "import_preview": ("get", lambda w: {"slug": w.club.slug, "pk": w.pending.pk},
                       _e(F, F, N, L, L)),
    "import_refused": ("get", lambda w: {"slug": w.club.slug, "pk": w.pending.pk},
                       _e(F, F, N, L, L)),
    "roster_export": ("get", lambda w: {"slug": w.club.slug, "file_format": "csv"},
                      _e(F, F, N, L, L)),
}


def test_matrix_covers_every_url_of_the_app():
    names = {p.name for p in club_urls.urlpatterns}
    assert names == set(MATRIX)
    assert get_resolver()  # the app is mounted


@pytest.fixture
def world_with_import(world):
    from clubs.models import RosterImport

    world.pending = RosterImport.objects.create(club=world.club, file_name="x.csv")
    return world


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(name, role, world_with_import, as_role):
    method, kwargs, expected = MATRIX[name]
    client = as_role(role)
    url = reverse(f"clubs:{name}", kwargs=kwargs(world_with_import))
    response = getattr(client, method)(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == expected[role], (name, role)


def test_pupil_reaches_own_page_and_card(world, as_role):
    client = as_role("pupil")
    page = client.get(reverse("clubs:my_page"), follow=True)
    assert page.status_code == 200
    assert world.own.full_name in page.content.decode()
    card = client.get(reverse("clubs:my_card"), follow=True)
    assert card.status_code == 200
    assert 'alt="' in card.content.decode() and "data:image/png;base64," in card.content.decode()
    # ...but cannot edit themselves, nor see the roster.
    own = {"slug": world.club.slug, "pupil_id": world.own.pk}
    assert client.get(reverse("clubs:member_edit", kwargs=own)).status_code == 403
    roster = reverse("clubs:club_detail", kwargs={"slug": world.club.slug})
    assert client.get(roster).status_code == 403


def test_board_sees_names_and_classes_but_no_guardian_contact(world, as_role):
    client = as_role("board")
    roster = client.get(reverse("clubs:club_detail", kwargs={"slug": world.club.slug}))
    body = roster.content.decode()
    assert world.target.full_name in body and world.target.class_name in body
    assert "consent-missing" not in body and world.target.guardian_phone not in body
    page = client.get(reverse("clubs:member_detail", kwargs={
        "slug": world.club.slug, "pupil_id": world.target.pk})).content.decode()
    assert world.target.full_name in page
    assert world.target.guardian_phone not in page
    assert world.target.guardian_name not in page
    assert world.target.member_code not in page


def test_support_notes_only_for_staff(world, as_role):
    from clubs.models import SupportNote

    SupportNote.objects.create(pupil=world.target, kind="family", text="Hoàn cảnh khó khăn riêng")
    url = reverse("clubs:member_detail", kwargs={"slug": world.club.slug,
                                                 "pupil_id": world.target.pk})
    assert "Hoàn cảnh khó khăn riêng" not in as_role("leader").get(url).content.decode()
    assert "Hoàn cảnh khó khăn riêng" not in as_role("board").get(url).content.decode()
    assert "Hoàn cảnh khó khăn riêng" in as_role("staff").get(url).content.decode()


def test_other_clubs_member_under_this_clubs_slug_is_404(world, as_role):
    client = as_role("leader")
    for name in ("member_detail", "member_edit", "member_card", "member_export_json"):
        url = reverse(f"clubs:{name}", kwargs={"slug": world.club.slug,
                                               "pupil_id": world.outsider.pk})
        assert client.get(url).status_code == 404, name


def test_other_clubs_rows_never_in_lists_searches_or_exports(world, as_role):
    client = as_role("leader")
    name = world.outsider.full_name
    my = client.get(reverse("clubs:my_clubs")).content.decode()
    assert world.other_club.name not in my and world.club.name in my
    search = client.get(reverse("clubs:club_detail", kwargs={"slug": world.club.slug}),
                        {"q": "Ngoài", "status": ""}).content.decode()
    assert name not in search and "Không có thành viên phù hợp" in search
    export = client.get(reverse("clubs:roster_export", kwargs={
        "slug": world.club.slug, "file_format": "csv"})).content.decode("utf-8-sig")
    assert name not in export and world.target.full_name in export
    sheet = client.get(reverse("clubs:card_sheet", kwargs={"slug": world.club.slug}))
    assert name not in sheet.content.decode()


def test_other_clubs_import_is_404(world, as_role):
    from clubs.models import RosterImport

    theirs = RosterImport.objects.create(club=world.other_club, file_name="b.csv")
    url = reverse("clubs:import_preview", kwargs={"slug": world.club.slug, "pk": theirs.pk})
    assert as_role("leader").get(url).status_code == 404


def test_move_offers_only_clubs_the_leader_leads(world, as_role):
    client = as_role("leader")
    url = reverse("clubs:member_move", kwargs={"slug": world.club.slug,
                                               "pupil_id": world.target.pk})
    assert world.other_club.name not in client.get(url).content.decode()
    response = client.post(url, {"to_club": world.other_club.pk, "reason": "x"})
    assert response.status_code == 200  # form error: not a valid choice
    world.target.refresh_from_db()
    assert world.target.memberships.get().status == "active"


MEMBER_PAGES = sorted(
    name for name, (method, kwargs, _expected) in MATRIX.items()
    if method == "get" and kwargs is _member
)


@pytest.mark.parametrize("name", MEMBER_PAGES)
def test_a_pupil_who_moved_to_another_club_leaves_the_old_clubs_sight(name, world, as_role):
    from clubs import services

    membership = world.target.memberships.get()
    services.member_move(membership=membership, to_club=world.other_club, by=None, reason="x")
    old = reverse(f"clubs:{name}", kwargs=_member(world))
    new = reverse(f"clubs:{name}", kwargs={"slug": world.other_club.slug,
                                           "pupil_id": world.target.pk})
    # The old club's leader and board no longer reach the record, however it is asked.
    assert as_role("leader").get(old).status_code == 404
    assert as_role("board").get(old).status_code == 404
    # The new club's leader does; centre staff still see every club's history.
    assert as_role("other_leader").get(new).status_code == MATRIX[name][2]["leader"]
    assert as_role("staff").get(old).status_code == MATRIX[name][2]["staff"]


def test_a_pupil_who_left_the_programme_stays_with_their_last_club(world, as_role):
    from clubs import services

    membership = world.target.memberships.get()
    services.member_archive(membership=membership, by=None, status="alumni", reason="Ra trường")
    url = reverse("clubs:member_detail", kwargs=_member(world))
    assert as_role("leader").get(url).status_code == 200


def test_the_board_sees_current_members_only_whatever_the_filter_asks(world, as_role):
    """clubs.access.roster_status_for: a leader asking for everyone sees a member who left;
    the board asking the same sees active members only."""
    from clubs.models import Membership
    from tests.factories.clubs import MembershipFactory, PupilFactory

    MembershipFactory(club=world.club, status=Membership.Status.INACTIVE,
                      pupil=PupilFactory(school=world.club.school, full_name="Đỗ Văn Rời"))
    url = reverse("clubs:club_detail", kwargs={"slug": world.club.slug}) + "?status="
    assert "Đỗ Văn Rời" in as_role("leader").get(url).content.decode()
    board_view = as_role("board").get(url).content.decode()
    assert "Đỗ Văn Rời" not in board_view and world.target.full_name in board_view


def test_opening_someone_elses_full_record_is_logged_and_nothing_else_is(world, as_role):
    """clubs.access.RecordView.logged: a leader or staff opening a record writes an access
    row; the board (name and class only) and the pupil reading their own page do not."""
    from clubs.models import RecordAccess

    def opens(role, pupil):
        as_role(role).get(reverse("clubs:member_detail", kwargs={
            "slug": world.club.slug, "pupil_id": pupil.pk}))
        return list(RecordAccess.objects.filter(pupil=pupil).values_list("user__username",
                                                                           flat=True))

    assert opens("board", world.target) == []
    assert opens("pupil", world.own) == []
    assert opens("leader", world.target) == ["leader"]
    assert sorted(opens("staff", world.target)) == ["leader", "staff"]


def test_the_member_page_links_the_roster_only_for_those_it_opens_for(world, as_role):
    """RecordView.sees_roster: the board's and leaders' member page links the roster;
    a pupil's own page does not (the roster answers 403 to them)."""
    roster = reverse("clubs:club_detail", kwargs={"slug": world.club.slug})

    def page(role, pupil):
        return as_role(role).get(reverse("clubs:member_detail", kwargs={
            "slug": world.club.slug, "pupil_id": pupil.pk})).content.decode()

    assert f'href="{roster}"' in page("board", world.target)
    assert f'href="{roster}"' in page("leader", world.target)
    assert f'href="{roster}"' not in page("pupil", world.own)
