"""The report leaves as XLSX (one sheet per table), CSV and PDF; an export meant to leave
the centre hides small counts so no pupil can be singled out."""

import csv
import io

import pytest
import time_machine
from openpyxl import load_workbook

from reports.exports import suppress_column
from tests.factories.accounts import StaffFactory
from tests.reports.conftest import NOW

pytestmark = pytest.mark.django_db


def test_small_counts_are_hidden_and_cannot_be_worked_back():
    assert suppress_column([120, 3, 40]) == [120, "<5", "x"]  # the smallest other hidden too
    assert suppress_column([120, 3, 0]) == [120, "<5", "<5"]  # two hidden: no second needed
    assert suppress_column([12, 7]) == [12, 7]
    assert suppress_column([3]) == ["<5"]


@time_machine.travel(NOW)
def test_xlsx_has_one_sheet_per_table_and_the_page_totals(client, centre):
    client.force_login(StaffFactory())
    response = client.get("/en/reports/?year=2024&format=xlsx")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml")
    book = load_workbook(io.BytesIO(response.content))
    # the headline, the eight tables, the people trained, and (staff) support by kind
    # and by donor
    assert book.sheetnames == [
        "Headline", "Sessions by month", "Reached by school", "Reached by grade",
        "Reached by gender", "Topics", "Attendance rate", "Members by year", "Clubs",
        "Trained by group", "Trained by organisation", "Trained by ward",
        "Support by kind", "Support by donor"]
    headline = {row[0]: row[1] for row in book["Headline"].iter_rows(min_row=3, values_only=True)}
    assert headline["pupils reached (members and guests)"] == 252
    clubs = list(book["Clubs"].iter_rows(min_row=3, values_only=True))
    assert {row[0]: row[5] for row in clubs}["CLB Thạnh An"] == 3


@time_machine.travel(NOW)
def test_shared_xlsx_hides_counts_under_five(client, centre):
    client.force_login(StaffFactory())
    book = load_workbook(io.BytesIO(
        client.get("/en/reports/?year=2024&format=xlsx&shared=1").content))
    gender = list(book["Reached by gender"].iter_rows(min_row=3, values_only=True))
    assert gender[0][1] == "<5"
    clubs = list(book["Clubs"].iter_rows(min_row=3, values_only=True))
    assert {row[5] for row in clubs} == {"<5"}


@time_machine.travel(NOW)
def test_csv_holds_every_table_and_keeps_formula_like_names_as_text(client, centre):
    ours, theirs, _leader = centre
    ours.name = "-2+3+cmd|' /C calc'!A0"
    ours.save(update_fields=["name"])
    theirs.school.name = '=HYPERLINK("http://x")'
    theirs.school.save(update_fields=["name"])
    client.force_login(StaffFactory())
    download = client.get("/en/reports/?year=2024&format=csv")
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert rows[0][:3] == ["Club", "School", "Province"]  # the clubs by default
    assert "'-2+3+cmd|' /C calc'!A0" in cells
    assert "'=HYPERLINK(\"http://x\")" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))
                and not _number(c)]
    by_month = client.get("/en/reports/?year=2024&format=csv&table=sessions&shared=1")
    rows = list(csv.reader(io.StringIO(by_month.content.decode("utf-8-sig"))))
    assert rows[1][0] == "09/2024" and rows[-1][0] == "Total" and len(rows) == 14
    reached = client.get("/en/reports/?year=2024&format=csv&table=reached-gender&shared=1")
    assert "<5" in reached.content.decode("utf-8-sig")


@time_machine.travel(NOW)
def test_xlsx_names_stay_text(client, centre):
    ours = centre[0]
    ours.name = '=HYPERLINK("http://x","y")'
    ours.save(update_fields=["name"])
    client.force_login(StaffFactory())
    book = load_workbook(io.BytesIO(client.get("/en/reports/?year=2024&format=xlsx").content))
    names = [row[0] for row in book["Clubs"].iter_rows(min_row=3, values_only=True)]
    assert "'=HYPERLINK(\"http://x\",\"y\")" in names


@time_machine.travel(NOW)
def test_pdf_prints_the_report_with_its_charts(client, centre, tmp_path):
    import shutil
    import subprocess

    client.force_login(StaffFactory())
    response = client.get("/en/reports/?year=2024&format=pdf&shared=1")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        path = tmp_path / "report.pdf"
        path.write_bytes(response.content)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True,  # noqa: S603,S607
                              text=True, check=True).stdout
        assert "Figures for the school year 2024-2025" in text
        assert "CLB Thạnh An" in text and "<5" in text


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
