"""Every sessions URL for every role: other clubs' objects are 404, too-low roles 403,
anonymous visitors go to the sign-in page (public pages excepted)."""

import pytest

from sessions.trial_services import mock_trial_create
from tests.factories.clubs import LeaderAssignmentFactory
from tests.factories.sessions import ClubSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(club):
    session = ClubSessionFactory(club=club, kind="mock_trial")
    trial = mock_trial_create(hearing=session, case_title="Vụ án", legal_topic="abuse")
    return session, trial


def urls(session, trial):
    return {
        "detail": f"/en/sessions/{session.pk}/",
        "edit": f"/en/sessions/{session.pk}/edit/",
        "cancel": f"/en/sessions/{session.pk}/cancel/",
        "trial": f"/en/sessions/mock-trials/{trial.pk}/",
        "programme": f"/en/sessions/mock-trials/{trial.pk}/programme/",
        "trial_create": f"/en/sessions/{session.pk}/mock-trial/",
    }


EXPECTED = {
    # role: {url name: status}
    "anonymous": dict.fromkeys(
        ["detail", "edit", "cancel", "trial", "programme", "trial_create"], 302),
    "other_leader": dict.fromkeys(
        ["detail", "edit", "cancel", "trial", "programme", "trial_create"], 404),
    "member": {"detail": 200, "edit": 403, "cancel": 403, "trial": 200, "programme": 403,
               "trial_create": 403},
    "leader": {"detail": 200, "edit": 200, "cancel": 200, "trial": 200, "programme": 200,
               "trial_create": 302},
    "staff": {"detail": 200, "edit": 200, "cancel": 200, "trial": 200, "programme": 200,
              "trial_create": 302},
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_access_matrix(client, role, objects, member, leader, staff, other_club):
    users = {"member": member.user, "leader": leader, "staff": staff,
             "other_leader": LeaderAssignmentFactory(club=other_club).user}
    if role in users:
        client.force_login(users[role])
    for name, url in urls(*objects).items():
        assert client.get(url).status_code == EXPECTED[role][name], (role, name)


def test_public_pages_need_no_sign_in(client):
    assert client.get("/en/sessions/events/").status_code == 200
    assert client.get("/feeds/public.ics").status_code == 200
    for url in ("/en/sessions/", "/en/sessions/week/", "/en/sessions/month/",
                "/en/sessions/new/", "/en/sessions/calendars/", "/en/sessions/mock-trials/"):
        assert client.get(url).status_code == 302, url
