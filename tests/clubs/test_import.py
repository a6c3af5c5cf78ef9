import io
import unicodedata

import openpyxl
import pytest
import tablib
from django.urls import reverse
from django.utils import timezone

from clubs import roster_import, roster_read
from clubs.models import MemberCard, Membership, Pupil, RosterImport
from clubs.services import ClubError
from tests.factories.clubs import LeaderAssignmentFactory, MembershipFactory

pytestmark = pytest.mark.django_db
THIS_YEAR = timezone.localdate().year

VI_HEADINGS = ["STT", "Họ và tên", "Giới tính", "Năm sinh", "Khối", "Lớp", "Mã thành viên",
               "Họ tên phụ huynh", "Quan hệ", "Số điện thoại phụ huynh"]


def xlsx(headings, rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def windows_1258(text: str) -> bytes:
    """What Excel on a Vietnamese Windows saves as plain "CSV": letters precomposed where
    the code page has them, else base letter plus combining tone mark."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            try:
                out += (base + "".join(marks)).encode("cp1258")
            except UnicodeEncodeError:
                out += unicodedata.normalize("NFC", base + marks[0]).encode("cp1258")
                out += "".join(marks[1:]).encode("cp1258")
    return out


def csv_bytes(headings, rows, encoding="utf-8") -> bytes:
    lines = [",".join(headings)] + [",".join(str(v) for v in r) for r in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


@pytest.fixture
def leader_club(client):
    assignment = LeaderAssignmentFactory()
    client.force_login(assignment.user)
    return assignment.club


def upload(client, club, name, content):
    url = reverse("clubs:import_upload", kwargs={"slug": club.slug})
    return client.post(url, {"file": _file(name, content)})


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


GOOD = [
    [1, "Nguyễn Thị Ánh Tuyết", "Nữ", 2011, 8, "8A1", "TA-001", "Nguyễn Văn Sáu", "Bố",
     "0907123456"],
    [2, "Trần Quốc Đạt", "Nam", 2012, 7, "7A3", "", "Lê Thị Hạnh", "Mẹ", "0918000111"],
]


def test_vietnamese_xlsx_previews_then_confirm_imports_all(client, leader_club):
    response = upload(client, leader_club, "Danh sách CLB.xlsx", xlsx(VI_HEADINGS, GOOD))
    assert response.status_code == 302
    pending = RosterImport.objects.get()
    assert not Pupil.objects.exists()  # the preview wrote nothing
    preview = client.get(response["Location"]).content.decode()
    assert "Nguyễn Thị Ánh Tuyết" in preview and "Trần Quốc Đạt" in preview
    confirmed = client.post(response["Location"], {"confirm": "1"})
    assert confirmed.status_code == 302
    pupils = {p.full_name: p for p in Pupil.objects.all()}
    tuyet = pupils["Nguyễn Thị Ánh Tuyết"]
    assert (tuyet.gender, tuyet.birth_year, tuyet.grade, tuyet.class_name, tuyet.member_code,
            tuyet.guardian_phone) == ("female", 2011, 8, "8A1", "TA-001", "0907123456")
    assert pupils["Trần Quốc Đạt"].member_code  # generated
    # Both are under 16 and have no consent yet: on the roster, awaiting it.
    assert Membership.objects.filter(club=leader_club, status="pending").count() == 2
    assert not Membership.objects.filter(club=leader_club, status="active").exists()
    assert MemberCard.objects.filter(revoked_at__isnull=True).count() == 2
    pending.refresh_from_db()
    assert pending.status == "done" and pending.rows == []
    # A second confirm (double tap) imports nothing more.
    client.post(response["Location"], {"confirm": "1"})
    assert Pupil.objects.count() == 2


def test_english_csv_with_bom_and_semicolons(client, leader_club):
    content = "\ufeffFull name;Year of birth;Class;Guardian's phone\n" \
              "Huỳnh Ngọc Trâm;2010;10A2;0939 111 222\n"
    response = upload(client, leader_club, "roster.csv", content.encode("utf-8"))
    assert response.status_code == 302
    client.post(response["Location"], {"confirm": "1"})
    pupil = Pupil.objects.get()
    assert (pupil.full_name, pupil.grade, pupil.class_name) == ("Huỳnh Ngọc Trâm", 10, "10A2")


def test_problems_point_at_row_and_column_and_block_confirm(client, leader_club):
    rows = [
        [1, "Phan Văn An", "Nam", THIS_YEAR + 1, 8, "8A1", "C1", "", "", ""],   # future year
        [2, "", "Nữ", 2012, 8, "8A1", "C2", "", "", ""],                        # no name
        [3, "Lý Thu", "Nữ", 2012, 15, "8A1", "C1", "", "", ""],                # bad grade, dup
        [4, "Tô Mai", "Gái", "năm 2012", 8, "8A1", "", "", "", ""],              # gender, year
    ]
    response = upload(client, leader_club, "loi.xlsx", xlsx(VI_HEADINGS, rows))
    pending = RosterImport.objects.get()
    found = {(p["row"], p["column"], p["code"]) for p in pending.problems}
    assert {(2, "birth_year", "future_year"), (3, "full_name", "required"),
            (4, "grade", "bad_grade"), (4, "member_code", "code_repeated"),
            (5, "gender", "bad_gender"), (5, "birth_year", "bad_year")} <= found
    page = client.get(response["Location"]).content.decode()
    assert "Row 4, column “Member code”" in page or "Dòng 4, cột “Mã thành viên”" in page
    client.post(response["Location"], {"confirm": "1"})
    assert not Pupil.objects.exists()


def test_problem_messages_are_translated(client, leader_club):
    rows = [[1, "Phan Văn An", "Nam", THIS_YEAR + 1, 8, "8A1", "", "", "", ""]]
    response = upload(client, leader_club, "loi.xlsx", xlsx(VI_HEADINGS, rows))
    vi = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Dòng 2, cột “Năm sinh”" in vi and "tương lai" in vi
    en = client.get("/en" + response["Location"]).content.decode()
    assert "Row 2, column “Year of birth”" in en and "in the future" in en


def test_already_active_member_code_is_an_error(client, leader_club):
    existing = MembershipFactory(club=leader_club, pupil__member_code="OLD-1")
    rows = [[1, existing.pupil.full_name, "Nữ", 2012, 8, "8A1", "OLD-1", "", "", ""]]
    upload(client, leader_club, "a.xlsx", xlsx(VI_HEADINGS, rows))
    codes = {p["code"] for p in RosterImport.objects.get().problems}
    assert "already_active" in codes


def test_likely_duplicates_need_a_tick(client, leader_club):
    existing = MembershipFactory(club=leader_club, pupil__full_name="Đặng Thị Lụa",
                                 pupil__class_name="8A1")
    rows = [[1, "Đặng Thị  Lụa", "Nữ", 2012, 8, "8A1", "", "", "", ""],
            [2, "Võ Văn Kiệt", "Nam", 2012, 8, "8A2", "", "", "", ""],
            [3, "võ văn kiệt", "Nam", 2012, 8, "8a2", "", "", "", ""]]
    response = upload(client, leader_club, "d.xlsx", xlsx(VI_HEADINGS, rows))
    codes = {(p["row"], p["code"]) for p in RosterImport.objects.get().problems}
    assert codes == {(2, "likely_duplicate_club"), (4, "likely_duplicate_file")}
    page = client.get(response["Location"]).content.decode()
    assert existing.pupil.member_code in page
    client.post(response["Location"], {"confirm": "1"})
    assert Pupil.objects.count() == 1
    client.post(response["Location"], {"confirm": "1", "duplicates_ok": "on"})
    assert Pupil.objects.count() == 4


def test_stale_preview_writes_nothing(client, leader_club):
    rows = [[1, "Mai Anh", "Nữ", 2012, 8, "8A1", "NEW-9", "", "", ""],
            [2, "Mai Em", "Nữ", 2012, 8, "8A1", "", "", "", ""]]
    response = upload(client, leader_club, "s.xlsx", xlsx(VI_HEADINGS, rows))
    MembershipFactory(pupil__member_code="NEW-9")  # taken after the preview
    page = client.post(response["Location"], {"confirm": "1"}, follow=True).content.decode()
    assert Pupil.objects.count() == 1
    assert "upload the file again" in page or "tải tệp lên lại" in page


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("a.xlsx", b"PK\x03\x04 this is not really a workbook", "bad_file"),
        ("a.xlsx", b"Full name,Year of birth\nA,2012\n", "bad_file"),
        ("a.csv", windows_1258("Họ và tên,Năm sinh,Lớp\nNguyễn Văn Ánh,2012,8A1\n"),
         "bad_encoding"),
        ("a.pdf", b"%PDF-1.4", "bad_extension"),
        ("a.csv", "Họ và tên,Lớp\nAn,8A1\n".encode(), "missing_column"),
        ("a.csv", "Họ và tên,Năm sinh\nAn,2012\n".encode(), "missing_grade_or_class"),
        ("a.csv", "Họ và tên,Năm sinh,Lớp\n".encode(), "empty"),
    ],
)
def test_bad_files_get_a_message_and_write_nothing(client, leader_club, name, content, code):
    with pytest.raises(ClubError) as exc:
        roster_import.roster_import_preview(
            club=leader_club, by=None, file_name=name, content=content
        )
    assert exc.value.code == code
    response = upload(client, leader_club, name, content)
    assert response.status_code == 200
    assert str(exc.value.message) in response.content.decode()
    assert not RosterImport.objects.exists() and not Pupil.objects.exists()


def test_bad_file_via_ajax_gets_json_error(client, leader_club):
    url = reverse("clubs:import_upload", kwargs={"slug": leader_club.slug})
    response = client.post(url, {"file": _file("a.pdf", b"%PDF")},
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and response.json()["error"]


def test_hundreds_of_rows_in_constant_queries(client, leader_club, django_assert_max_num_queries):
    rows = [[i, f"Học Sinh Số {i}", "Nam", 2011, 8, f"8A{i % 5 + 1}", "", "", "", ""]
            for i in range(600)]
    response = upload(client, leader_club, "big.xlsx", xlsx(VI_HEADINGS, rows))
    # bulk_create batches (SQLite allows 999 parameters a statement): a few dozen queries
    # for 600 rows, never one per row.
    with django_assert_max_num_queries(40):
        client.post(response["Location"], {"confirm": "1"})
    assert Membership.objects.filter(club=leader_club).count() == 600


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_export_round_trips_through_import(client, leader_club, file_format):
    upload_resp = upload(client, leader_club, "x.xlsx", xlsx(VI_HEADINGS, GOOD))
    client.post(upload_resp["Location"], {"confirm": "1"})
    response = client.get(reverse("clubs:roster_export", kwargs={
        "slug": leader_club.slug, "file_format": file_format}))
    assert response.status_code == 200
    if file_format == "csv":
        data = tablib.Dataset().load(response.content.decode("utf-8-sig"), format="csv")
    else:
        data = tablib.Dataset().load(response.content, format="xlsx")
    assert "Họ và tên" in data.headers
    names = sorted(r[data.headers.index("Họ và tên")] for r in data)
    assert names == ["Nguyễn Thị Ánh Tuyết", "Trần Quốc Đạt"]
    # The exported file reads back: every code is already active here.
    pending = roster_import.roster_import_preview(club=leader_club, by=None,
                                            file_name=f"e.{file_format}",
                                            content=response.content)
    assert {p["code"] for p in pending.problems} == {"already_active"}


def test_zip_bomb_xlsx_is_refused():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    club = LeaderAssignmentFactory().club
    with pytest.raises(ClubError) as exc:
        roster_import.roster_import_preview(club=club, by=None, file_name="b.xlsx",
                                      content=out.getvalue())
    assert exc.value.code == "too_big_unpacked"


DDE = "-2+3+cmd|' /C calc'!A0"
HYPERLINK = '+1+HYPERLINK("http://x")'
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_keeps_formula_like_cells_as_text(client, leader_club, file_format):
    """OWASP's rule, through the download (issue 10, defect 8): no cell starts with
    = + - @ tab or CR; each such text gets a leading apostrophe, and reads back."""
    MembershipFactory(club=leader_club, pupil__full_name='=HYPERLINK("http://x")',
                      pupil__guardian_name=DDE, pupil__guardian_relationship=HYPERLINK,
                      pupil__guardian_phone="+84901234567", pupil__class_name="@8A1",
                      pupil__member_code="M-1")
    MembershipFactory(club=leader_club, pupil__full_name="\rTrần An",
                      pupil__guardian_name="-Bà Lan", pupil__member_code="M-2")
    response = client.get(reverse("clubs:roster_export", kwargs={
        "slug": leader_club.slug, "file_format": file_format}))
    if file_format == "csv":
        import csv

        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    cells = [c for row in rows for c in row if isinstance(c, str)]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    first = next(r for r in rows if "HYPERLINK(\"http" in r[1])
    assert first[:2] == ["M-1", "'=HYPERLINK(\"http://x\")"]
    assert first[5:9] == ["'@8A1", "'" + DDE, "'" + HYPERLINK, "'+84901234567"]
    assert "'-Bà Lan" in cells
    # The CR stays behind the apostrophe (csv may turn it into a line feed in the cell).
    assert [c for c in cells if c.endswith("Trần An")] in (["'\rTrần An"], ["'\nTrần An"])
    # The file reads back as typed: the same pupils, already members here.
    pending = roster_import.roster_import_preview(club=leader_club, by=None,
                                            file_name=f"e.{file_format}",
                                            content=response.content)
    by_code = {r["member_code"]: r for r in pending.rows}
    assert by_code["M-1"]["guardian_name"] == DDE
    assert by_code["M-1"]["guardian_relationship"] == HYPERLINK
    assert by_code["M-1"]["guardian_phone"] == "+84901234567"
    assert {p["code"] for p in pending.problems} == {"already_active"}


def test_preview_older_than_a_day_lapses(client, leader_club):
    import time_machine

    response = upload(client, leader_club, "x.xlsx", xlsx(VI_HEADINGS, GOOD))
    with time_machine.travel(timezone.now() + roster_import.PENDING_LIFETIME + timezone.timedelta(
            minutes=1)):
        client.force_login(leader_club.leader_assignments.get().user)  # sessions last 12 h
        page = client.post(response["Location"], {"confirm": "1"}, follow=True)
        assert not Pupil.objects.exists()
        assert "more than a day old" in page.content.decode() or "hơn một ngày" in \
            page.content.decode()
        # The next upload clears the lapsed rows: children's data is not kept around.
        upload(client, leader_club, "y.xlsx", xlsx(VI_HEADINGS, GOOD))
    first = RosterImport.objects.order_by("created_at").first()
    assert first.status == "discarded" and first.rows == []


def test_title_rows_above_headings_and_excel_dates_and_numbers(client, leader_club):
    import datetime

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH THÀNH VIÊN CLB THANH THIẾU NIÊN HỒNG"])
    sheet.append(["Năm học 2024-2025"])
    sheet.append([])
    sheet.append(["STT", "Họ tên", "Ngày sinh", "Lớp", "SĐT phụ huynh"])
    sheet.append([1, "Châu Ngọc Hân", datetime.datetime(2011, 3, 14), "8A4", 907123456])
    sheet.append([])
    sheet.append([2, "Lâm Gia Bảo", "2012", "7A1", "0918 222 333"])
    sheet.append([3, "", "2012", "7A1", ""])
    out = io.BytesIO()
    book.save(out)
    pending = roster_import.roster_import_preview(club=leader_club, by=None, file_name="t.xlsx",
                                            content=out.getvalue())
    assert [(r["line"], r["full_name"], r["birth_year"], r["grade"]) for r in pending.rows][:2] \
        == [(5, "Châu Ngọc Hân", 2011, 8), (7, "Lâm Gia Bảo", 2012, 7)]
    assert pending.rows[0]["guardian_phone"] == "0907123456"
    assert [(p["row"], p["column"], p["code"]) for p in pending.problems] == [
        (8, "full_name", "required")]


def test_csv_row_numbers_survive_blank_lines_and_a_title(client, leader_club):
    content = ("Danh sách CLB\n\nHọ và tên;Năm sinh;Lớp\nAn;2012;8A1\n\nBình;20x2;8A2\n")
    pending = roster_import.roster_import_preview(club=leader_club, by=None, file_name="t.csv",
                                            content=content.encode())
    assert [(p["row"], p["column"], p["code"]) for p in pending.problems] == [
        (6, "birth_year", "bad_year")]


@pytest.mark.parametrize("ext", ["csv", "xlsx"])
def test_random_bytes_never_crash_the_reader(ext):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    club = LeaderAssignmentFactory().club

    @settings(max_examples=60, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.one_of(
        st.binary(max_size=400),
        st.binary(max_size=400).map(lambda b: b"PK\x03\x04" + b),
        st.text(max_size=300).map(lambda t: ("Họ và tên,Năm sinh,Lớp\n" + t).encode()),
    ))
    def check(content):
        try:
            pending = roster_import.roster_import_preview(club=club, by=None,
                                                    file_name=f"f.{ext}", content=content)
        except ClubError as exc:
            assert exc.code in {"bad_file", "bad_encoding", "empty", "missing_column",
                                "missing_grade_or_class", "too_big"}
        else:
            assert all(p["code"] in roster_import.MESSAGES for p in pending.problems)
            for p in pending.problems:
                roster_import.problem_message(p)  # every message formats

    check()
    assert not Pupil.objects.exists()


def xlsx_repeating(row_xml: bytes, times: int, *, headings=("Họ và tên", "Năm sinh", "Lớp"),
                   dimension: bytes = b"") -> bytes:
    """A real workbook whose sheet repeats ``row_xml`` (rows without numbers, as some
    writers save them) ``times`` times under the headings: 1.8 million rows of one
    number make the issue's 115 KB file that unpacks to 47 MB, built in well under a
    second (zlib squeezes the repetition). The sheet declares ``dimension`` (by default
    none, as such writers do; openpyxl then reads every row)."""
    import re
    import zipfile

    book = openpyxl.Workbook()
    book.active.append(list(headings))
    template = io.BytesIO()
    book.save(template)
    out = io.BytesIO()
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", row_xml * times + b"</sheetData>")
                data = re.sub(rb"<dimension [^>]*/>", dimension, data)
            dst.writestr(info.filename, data)
    return out.getvalue()


PUPIL_ROW = ('<row><c t="inlineStr"><is><t>Lê Văn An</t></is></c><c><v>2012</v></c>'
             '<c t="inlineStr"><is><t>8A1</t></is></c></row>').encode()


@pytest.fixture
def rows_parsed(monkeypatch):
    """How many sheet rows openpyxl's XML parser produced (whoever called it)."""
    from openpyxl.worksheet._reader import WorkSheetParser

    count = {"rows": 0}
    parse = WorkSheetParser.parse

    def counting(self):
        for row in parse(self):
            count["rows"] += 1
            yield row

    monkeypatch.setattr(WorkSheetParser, "parse", counting)
    return count


def test_a_small_file_that_unpacks_to_millions_of_rows_is_refused_unread(
        client, leader_club, rows_parsed):
    """Issue 10, defect 9: 1.8 million rows in a 115 KB file. The zip's declared sizes
    refuse it before any row is parsed, with a message saying what to do."""
    content = xlsx_repeating(b"<row><c><v>1</v></c></row>", 1_800_000)
    assert len(content) < 200 * 1024
    response = upload(client, leader_club, "danh-sach.xlsx", content)
    assert response.status_code == 200
    message = str(roster_import.MESSAGES["too_big_unpacked"]) % {"max": roster_read.MAX_ROWS}
    assert message in response.content.decode() and "Copy only" not in message  # Vietnamese
    assert rows_parsed["rows"] == 0
    assert not RosterImport.objects.exists() and not Pupil.objects.exists()


def test_a_sheet_over_the_row_limit_is_read_only_up_to_the_limit(
        client, leader_club, rows_parsed):
    row = PUPIL_ROW
    response = upload(client, leader_club, "lon.xlsx", xlsx_repeating(row, 30_000))
    assert response.status_code == 200
    message = str(roster_import.MESSAGES["too_many_rows"]) % {"max": roster_read.MAX_ROWS}
    assert message in response.content.decode()
    assert rows_parsed["rows"] <= roster_read.HEADING_SEARCH_ROWS + roster_read.MAX_ROWS + 2
    assert not RosterImport.objects.exists()


def test_a_sheet_of_endless_empty_rows_is_refused_with_its_own_message(
        client, leader_club, rows_parsed):
    response = upload(client, leader_club, "trong.xlsx", xlsx_repeating(b"<row/>", 500_000))
    message = str(roster_import.MESSAGES["too_many_sheet_rows"]) % {
        "max": roster_read.MAX_SHEET_ROWS
    }
    assert message in response.content.decode()
    assert rows_parsed["rows"] <= roster_read.MAX_SHEET_ROWS + 1
    assert not RosterImport.objects.exists()


def test_rows_beyond_a_wrong_declared_dimension_are_still_read(client, leader_club):
    """Streaming mode trusts the sheet's <dimension> unless told not to: a file claiming
    A1:C1 must not lose its members."""
    row = PUPIL_ROW
    content = xlsx_repeating(row, 3, dimension=b'<dimension ref="A1:C1"/>')
    response = upload(client, leader_club, "sai.xlsx", content)
    assert response.status_code == 302
    assert len(RosterImport.objects.get().rows) == 3
