"""The report reads through the apps' selectors, in the same number of queries for a
small centre and a bigger one."""

import ast
from pathlib import Path

import pytest

from reports.selectors import ReportScope, SchoolYear, yearly_report
from tests.factories.attendance import AttendanceFactory
from tests.factories.clubs import ClubFactory, MembershipFactory
from tests.factories.sessions import ClubSessionFactory, vn
from tests.reports.conftest import NOW

REPORT_QUERIES = 13  # 5 per year compared, topics (2), members over the years (1)
# The whole centre's report adds the training part: 7 queries for each year compared.
CENTRE_REPORT_QUERIES = REPORT_QUERIES + 14


def test_report_takes_the_same_queries_for_two_clubs_and_twenty(
    centre, django_assert_num_queries
):
    with django_assert_num_queries(CENTRE_REPORT_QUERIES):
        yearly_report(year=SchoolYear(2024), now=NOW)
    for _ in range(18):
        club = ClubFactory()
        pupil = MembershipFactory(club=club).pupil
        session = ClubSessionFactory(club=club, starts_at=vn(2024, 10, 12, 14))
        AttendanceFactory(session=session, pupil=pupil)
    with django_assert_num_queries(CENTRE_REPORT_QUERIES):
        report = yearly_report(year=SchoolYear(2024), now=NOW)
    assert len(report.per_club) == 20


@pytest.mark.django_db
def test_a_leaders_report_takes_the_same_queries(centre, django_assert_num_queries):
    from clubs.access import ClubRole, clubs_visible_to

    leader = centre[2]
    scope = ReportScope(clubs=clubs_visible_to(leader, at_least=ClubRole.LEADER))
    with django_assert_num_queries(REPORT_QUERIES):
        yearly_report(year=SchoolYear(2024), now=NOW, scope=scope)
    # Narrowed to a gender, guests (who have none) are not counted: two queries fewer.
    with django_assert_num_queries(REPORT_QUERIES - 2):
        yearly_report(year=SchoolYear(2024), now=NOW, scope=ReportScope(gender="female"))


def test_reports_query_no_other_apps_models():
    """reports/ imports no app's models: every figure comes through a selector."""
    root = Path(__file__).resolve().parents[2] / "reports"
    for path in root.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and not node.module.startswith(
                "django."
            ):
                assert not node.module.endswith(".models"), f"{path.name}: {node.module}"
            assert not (isinstance(node, ast.Attribute) and node.attr == "objects"), path.name
