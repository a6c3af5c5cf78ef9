"""Mock trials: casting from the organising clubs only, understudies, audience, programme."""

import pytest

from sessions import exceptions as exc
from sessions.models import MockTrialCast
from sessions.trial_services import mock_trial_add_rehearsal, mock_trial_cast, mock_trial_create
from tests.factories.clubs import LeaderAssignmentFactory, MembershipFactory, SchoolFactory
from tests.factories.sessions import ClubSessionFactory, vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def trial(club):
    hearing = ClubSessionFactory(club=club, kind="mock_trial", title="Phiên tòa giả định",
                                 starts_at=vn(2024, 11, 20, 8), capacity=400)
    return mock_trial_create(hearing=hearing, case_title="Vụ án bạo lực mạng",
                             legal_topic="cyberbullying", summary="Một học sinh bị bắt nạt.")


def test_cast_lead_and_understudy(trial, member, club):
    understudy = MembershipFactory(club=club, pupil__school=club.school).pupil
    mock_trial_cast(trial=trial, pupil=member, role="judge")
    mock_trial_cast(trial=trial, pupil=understudy, role="judge", is_understudy=True)
    assert trial.cast.filter(role="judge").count() == 2
    with pytest.raises(exc.CastPartTaken):
        mock_trial_cast(trial=trial, pupil=understudy, role="judge")
    assert trial.cast.count() == 2


def test_several_witnesses_by_part(trial, member, club):
    other = MembershipFactory(club=club).pupil
    mock_trial_cast(trial=trial, pupil=member, role="witness", part="Nhân chứng 1")
    mock_trial_cast(trial=trial, pupil=other, role="witness", part="Nhân chứng 2")
    assert trial.cast.filter(role="witness").count() == 2


def test_pupil_from_another_club_is_refused(trial, other_club):
    outsider = MembershipFactory(club=other_club, pupil__full_name="Trần Văn Ngoài").pupil
    with pytest.raises(exc.CastNotMember) as raised:
        mock_trial_cast(trial=trial, pupil=outsider, role="prosecutor")
    assert "Trần Văn Ngoài" in str(raised.value.message)
    assert raised.value.code == "cast_not_member"
    assert MockTrialCast.objects.count() == 0


def test_guest_club_members_may_be_cast(trial, other_club):
    trial.hearing.guest_clubs.add(other_club)
    guest = MembershipFactory(club=other_club).pupil
    mock_trial_cast(trial=trial, pupil=guest, role="bailiff")
    assert trial.cast.count() == 1


def test_former_member_is_refused(trial, club):
    former = MembershipFactory(club=club, status="alumni").pupil
    with pytest.raises(exc.CastNotMember):
        mock_trial_cast(trial=trial, pupil=former, role="clerk")


def test_hearing_must_be_a_mock_trial_session(club):
    with pytest.raises(exc.NotAHearing):
        mock_trial_create(hearing=ClubSessionFactory(club=club, kind="activity"),
                          case_title="x", legal_topic="drugs")


def test_outsider_cast_through_the_page_shows_message_in_vietnamese(client, trial, leader,
                                                                    other_club):
    outsider = MembershipFactory(club=other_club, pupil__full_name="Trần Văn Ngoài").pupil
    client.force_login(leader)
    response = client.post(f"/sessions/mock-trials/{trial.pk}/", {
        "action": "cast", "cast-role": "prosecutor", "cast-pupil": outsider.pk,
    })
    assert response.status_code == 200
    assert "không phải là thành viên" in response.content.decode()
    assert MockTrialCast.objects.count() == 0


def test_programme_lists_cast_in_court_order_and_audience(client, trial, leader, member, club):
    clerk = MembershipFactory(club=club, pupil__full_name="Lê Thư Ký").pupil
    mock_trial_cast(trial=trial, pupil=clerk, role="clerk")
    mock_trial_cast(trial=trial, pupil=member, role="judge")
    rehearsal = ClubSessionFactory(club=club, kind="rehearsal", starts_at=vn(2024, 11, 13, 14))
    mock_trial_add_rehearsal(trial=trial, session=rehearsal)
    client.force_login(leader)
    client.post(f"/en/sessions/mock-trials/{trial.pk}/", {
        "action": "audience", "aud-school": SchoolFactory(name="THCS An Hòa").pk,
        "aud-class_name": "7A3", "aud-expected": "42"})
    page = client.get(f"/en/sessions/mock-trials/{trial.pk}/programme/").content.decode()
    assert page.index(member.full_name) < page.index("Lê Thư Ký")  # judge before clerk
    assert "Cyber-bullying" in page and "42" in page
    detail = client.get(f"/en/sessions/mock-trials/{trial.pk}/").content.decode()
    assert "THCS An Hòa" in detail and rehearsal.title in detail


def test_programme_is_for_organisers_and_trial_hidden_from_other_clubs(client, trial, member,
                                                                       other_club):
    client.force_login(member.user)
    assert client.get(f"/en/sessions/mock-trials/{trial.pk}/").status_code == 200
    assert client.get(f"/en/sessions/mock-trials/{trial.pk}/programme/").status_code == 403
    other_leader = LeaderAssignmentFactory(club=other_club).user
    client.force_login(other_leader)
    assert client.get(f"/en/sessions/mock-trials/{trial.pk}/").status_code == 404


def test_trial_pages_query_count_does_not_grow_with_the_cast(client, trial, leader, club,
                                                             django_assert_max_num_queries):
    client.force_login(leader)
    mock_trial_cast(trial=trial, pupil=MembershipFactory(club=club).pupil, role="judge")
    urls = (f"/en/sessions/mock-trials/{trial.pk}/",
            f"/en/sessions/mock-trials/{trial.pk}/programme/")
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(40) as few:
            client.get(url)
        counts[url] = len(few.captured_queries)
    for n, role in enumerate(["witness"] * 6 + ["assessor"] * 2):
        mock_trial_cast(trial=trial, pupil=MembershipFactory(club=club).pupil, role=role,
                        part=str(n))
    for n in range(5):
        mock_trial_add_rehearsal(trial=trial, session=ClubSessionFactory(
            club=club, kind="rehearsal", starts_at=vn(2024, 11, 1 + n, 14)))
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200
