"""Issue 16, point 9: an import with a bad row. All-or-nothing stays the default; the
preview also offers to import only the valid rows, and the refused rows with their errors
as an XLSX to correct."""

import io

import openpyxl
import pytest

from clubs.models import MemberCard, Membership, Pupil, RosterImport
from tests.clubs.test_import import GOOD, VI_HEADINGS, upload, xlsx
from tests.factories.clubs import LeaderAssignmentFactory

pytestmark = pytest.mark.django_db
BAD = [3, "Tô Mai", "Gái", "năm 2012", 8, "8A1", "", "", "", ""]  # gender, year


@pytest.fixture
def leader_club(client):
    assignment = LeaderAssignmentFactory()
    client.force_login(assignment.user)
    return assignment.club


def _preview(client, club):
    response = upload(client, club, "lop.xlsx", xlsx(VI_HEADINGS, [*GOOD, BAD]))
    return response["Location"]


def test_all_or_nothing_stays_the_default(client, leader_club):
    url = _preview(client, leader_club)
    page = client.get(url).content.decode()
    assert 'name="confirm"' not in page  # no "import all" with errors
    assert 'name="confirm_valid"' in page and "2" in page
    client.post(url, {"confirm": "1"})
    assert not Pupil.objects.exists()
    assert RosterImport.objects.get().status == "pending"


def test_the_leader_imports_the_valid_rows_only(client, leader_club):
    url = _preview(client, leader_club)
    response = client.post(url, {"confirm_valid": "1"})
    assert response.status_code == 302
    assert sorted(Pupil.objects.values_list("full_name", flat=True)) == [
        "Nguyễn Thị Ánh Tuyết", "Trần Quốc Đạt"]
    assert Membership.objects.filter(club=leader_club).count() == 2
    assert MemberCard.objects.count() == 2
    done = RosterImport.objects.get()
    assert done.status == "done" and done.imported_count == 2 and done.rows == []
    client.post(url, {"confirm_valid": "1"})  # a second click imports nothing more
    assert Pupil.objects.count() == 2


def test_the_refused_rows_download_as_xlsx_with_their_errors(client, leader_club):
    url = _preview(client, leader_club)
    page = client.get(url).content.decode()
    download = f"{url}refused.xlsx"
    assert f'href="{download}"' in page
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2  # the headings and the one refused row
    assert rows[0][0] == "Họ và tên" and rows[0][-1] == "Lỗi"
    refused = dict(zip(rows[0], rows[1], strict=True))
    assert refused["Họ và tên"] == "Tô Mai"
    assert refused["Giới tính"] == "Gái" and refused["Năm sinh"] == "năm 2012"
    assert "Giới tính" in refused["Lỗi"] and "Năm sinh" in refused["Lỗi"]


def test_refused_rows_file_for_own_pending_imports_only(client, leader_club):
    url = _preview(client, leader_club)
    other = LeaderAssignmentFactory()
    client.force_login(other.user)
    assert client.get(f"{url}refused.xlsx").status_code == 404
    client.force_login(LeaderAssignmentFactory(club=leader_club).user)
    clean = upload(client, leader_club, "ok.xlsx", xlsx(VI_HEADINGS, GOOD))["Location"]
    assert f"{clean}refused.xlsx" not in client.get(clean).content.decode()
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(f"{clean}refused.xlsx").content))
    assert len(list(sheet.active.iter_rows())) == 1  # the headings only
    client.post(clean, {"confirm": "1"})
    assert client.get(f"{clean}refused.xlsx").status_code == 404  # once imported


def test_a_file_with_no_valid_row_imports_nothing(client, leader_club):
    url = upload(client, leader_club, "x.xlsx", xlsx(VI_HEADINGS, [BAD]))["Location"]
    page = client.get(url).content.decode()
    assert 'name="confirm_valid"' not in page
    response = client.post(url, {"confirm_valid": "1"}, follow=True)
    assert not Pupil.objects.exists()
    assert "Không có dòng nào" in response.content.decode()
