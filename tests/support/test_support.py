"""Support given to members: recorded by centre social workers only, refused when the
input is wrong (nothing written), counted by the yearly report."""

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from reports.selectors import SchoolYear, yearly_report
from support.models import SupportRecord
from tests.factories.accounts import StaffFactory, UserFactory
from tests.factories.clubs import (
    BoardRoleFactory,
    ClubFactory,
    LeaderAssignmentFactory,
    MembershipFactory,
    PupilFactory,
)
from tests.factories.sessions import vn

pytestmark = pytest.mark.django_db
NOW = vn(2025, 3, 10, 9)


@pytest.fixture(autouse=True)
def _vietnamese_urls():
    with translation.override("vi"), time_machine.travel(NOW):
        yield


@pytest.fixture
def member():
    return MembershipFactory(club=ClubFactory(slug="clb-a"), pupil__gender="female")


def url(membership, lang="/en"):
    return f"{lang}/support/{membership.club.slug}/members/{membership.pupil_id}/"


GOOD = {"kind": "scholarship", "given_on": "2025-03-01", "donor": "Quỹ Bảo trợ trẻ em",
        "value": "2000000", "description": "Học bổng học kỳ II"}


def test_staff_record_support_and_read_it_back(client, member):
    client.force_login(StaffFactory())
    response = client.post(url(member), GOOD)
    assert response.status_code == 302
    page = client.get(url(member))
    assert "Quỹ Bảo trợ trẻ em" in page.text and "2,000,000" in page.text
    record = SupportRecord.objects.get()
    assert (record.value, record.kind, record.club_id) == (2_000_000, "scholarship",
                                                           member.club_id)
    assert record.recorded_by.is_centre_staff


@pytest.mark.parametrize(("field", "value", "message"), [
    ("value", "-5000", "a whole amount above 0"),
    ("value", "0", "a whole amount above 0"),
    ("value", "900000000000", "a whole amount above 0"),
    ("value", "abc", "Enter a whole number"),
    ("given_on", "2025-03-11", "The date is in the future"),
    ("given_on", "1999-12-31", "before 2000"),
    ("donor", "   ", "This field is required"),
    ("kind", "cash", "Select a valid choice"),
])
def test_bad_input_gives_a_message_and_writes_nothing(client, member, field, value, message):
    client.force_login(StaffFactory())
    response = client.post(url(member), {**GOOD, field: value})
    assert response.status_code == 400
    assert message in response.text
    assert not SupportRecord.objects.exists()


def test_messages_are_translated(client, member):
    client.force_login(StaffFactory())
    response = client.post(url(member, lang=""), {**GOOD, "given_on": "2025-04-01"})
    assert "Ngày này còn ở tương lai" in response.text


def test_leader_board_member_and_others_cannot_see_or_record(client, member):
    leader = LeaderAssignmentFactory(club=member.club).user
    other = LeaderAssignmentFactory(club=ClubFactory()).user
    board_user = UserFactory()
    BoardRoleFactory(membership=MembershipFactory(
        club=member.club, pupil=PupilFactory(user=board_user)))
    for user, status in ((leader, 403), (board_user, 403), (other, 404)):
        client.force_login(user)
        assert client.get(url(member)).status_code == status
        assert client.post(url(member), GOOD).status_code == status
    assert not SupportRecord.objects.exists()
    client.logout()
    assert client.get(url(member)).status_code == 302


def test_report_counts_members_supported_and_value_by_kind_and_donor(member):
    from support.services import support_record_add

    staff = StaffFactory()
    for kind, value, donor in (("scholarship", 2_000_000, "Quỹ A"), ("food", 300_000, "Quỹ A"),
                               ("scholarship", 1_000_000, "Quỹ B")):
        support_record_add(pupil=member.pupil, club=member.club, kind=kind,
                           given_on=dt.date(2025, 2, 1), donor=donor, value=value, by=staff)
    other = MembershipFactory(club=member.club)
    support_record_add(pupil=other.pupil, club=member.club, kind="learning_tools",
                       given_on=dt.date(2024, 3, 1), donor="Quỹ B", value=500_000, by=staff)
    report = yearly_report(year=SchoolYear(2024), include_sensitive=True)
    section = next(s for s in report.sections if s.key == "support")
    headline = {h.key: (h.value, h.previous) for h in section.headline}
    assert headline == {"supported": (1, 1), "support-value": (3_300_000, 500_000)}
    by_kind = {row[0]: row[1:] for row in report.table("support-kind").rows}
    assert by_kind["Học bổng"] == [1, 2, 3_000_000]
    by_donor = {row[0]: row[1:] for row in report.table("support-donor").rows}
    assert by_donor == {"Quỹ A": [1, 2, 2_300_000], "Quỹ B": [1, 1, 1_000_000]}
    # Not for a reader who may not see support records (the training part stays).
    sections = yearly_report(year=SchoolYear(2024), include_sensitive=False).sections
    assert "support" not in {s.key for s in sections}


def test_leaders_report_page_has_no_support_section(client, member):
    leader = LeaderAssignmentFactory(club=member.club).user
    client.force_login(leader)
    page = client.get("/en/reports/")
    assert page.status_code == 200
    assert 'data-section="support"' not in page.text
    client.force_login(StaffFactory())
    assert 'data-section="support"' in client.get("/en/reports/").text
