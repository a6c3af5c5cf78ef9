"""Wagtail's admin exports (site history, redirects...) keep formula-like text as text in
CSV (issue 10, defect 8): an editor's page title cannot run in a colleague's Excel."""

import csv
import io

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from cms.models import NewsIndexPage
from tests.factories.accounts import StaffFactory
from tests.factories.cms import publish

pytestmark = pytest.mark.django_db
DDE = "-2+3+cmd|' /C calc'!A0"
HYPERLINK = '+1+HYPERLINK("http://x")'


def _cells(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(is_superuser=True, username="quantri"))
    return client


def test_site_history_csv_keeps_a_formula_title_as_text(admin_client):
    publish(Page.get_first_root_node().add_child(instance=NewsIndexPage(title=DDE, slug="tin-dde")))
    cells = _cells(admin_client.get("/admin/reports/site-history/?export=csv"))
    assert "'" + DDE in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_redirects_csv_keeps_a_formula_link_as_text(admin_client):
    Redirect.objects.create(old_path="/cu", redirect_link=HYPERLINK)
    cells = _cells(admin_client.get("/admin/redirects/?export=csv"))
    assert "'" + HYPERLINK in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
