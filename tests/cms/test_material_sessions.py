"""A session shows its materials; to signed-in leaders, a material shows the sessions that
used it (issue 6, point 6)."""

import pytest

from tests.factories.accounts import UserFactory
from tests.factories.clubs import LeaderAssignmentFactory, MembershipFactory
from tests.factories.cms import add_material, build_site, translate
from tests.factories.sessions import ClubSessionFactory, vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    site = build_site(languages=("vi", "en"))
    material = add_material(site.libraries["vi"], title="Phòng chống xâm hại")
    english = translate(material, "en", title="Preventing abuse")
    ours = LeaderAssignmentFactory()
    theirs = LeaderAssignmentFactory()
    used = ClubSessionFactory(
        club=ours.club, title="Buổi 1: Vùng cơ thể riêng tư", starts_at=vn(2024, 10, 5, 14)
    )
    used.materials.add(material)
    other = ClubSessionFactory(club=theirs.club, title="Buổi ở CLB khác")
    other.materials.add(material)
    ClubSessionFactory(club=ours.club, title="Buổi không dùng tài liệu")
    return material, english, ours.user, used


def test_leader_sees_their_clubs_sessions_that_used_the_material(client, setting):
    material, english, leader, used = setting
    client.force_login(leader)
    page = client.get(material.url).text
    assert "Buổi 1: Vùng cơ thể riêng tư" in page
    assert "Buổi ở CLB khác" not in page
    assert "Buổi không dùng tài liệu" not in page
    # The same material read in English lists the same session.
    assert "Buổi 1: Vùng cơ thể riêng tư" in client.get(english.url).text


def test_anonymous_readers_and_pupils_see_no_sessions(client, setting):
    material, _english, _leader, used = setting
    assert used.title not in client.get(material.url).text
    pupil = UserFactory()
    MembershipFactory(club=used.club, pupil__user=pupil)
    client.force_login(pupil)
    assert used.title not in client.get(material.url).text


def test_session_page_links_its_live_materials(client, setting):
    material, _english, leader, used = setting
    draft = add_material(material.get_parent().specific, title="Bản nháp", live=False)
    used.materials.add(draft)
    client.force_login(leader)
    page = client.get(f"/en/sessions/{used.pk}/").text
    assert material.url in page and "Phòng chống xâm hại" in page
    assert "Bản nháp" not in page
