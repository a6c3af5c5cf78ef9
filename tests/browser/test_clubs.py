"""A club leader on a phone imports a roster file, reads the preview, confirms, and opens
the printable card sheet. Screenshots of each step land in test-artifacts/."""

import io
import re

import openpyxl
import pytest
import zxingcpp
from django.utils import timezone
from PIL import Image

from clubs import selectors
from clubs.models import Membership
from tests.factories.clubs import LeaderAssignmentFactory, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def roster_file(path, existing_name):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["STT", "Họ và tên", "Giới tính", "Năm sinh", "Lớp", "Họ tên phụ huynh",
                  "Quan hệ", "Số điện thoại phụ huynh"])
    families = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ"]
    given = ["Thị Ánh", "Văn Đạt", "Ngọc Trâm", "Minh Khôi", "Thu Hà", "Quốc Bảo", "Mỹ Duyên"]
    # A high-school club: grades 10-12, 16 to 18 this year, members at once.
    this_year = timezone.localdate().year
    for i in range(150):
        grade = 10 + i % 3
        sheet.append([i + 1, f"{families[i % 6]} {given[i % 7]} {i:03d}", ["Nữ", "Nam"][i % 2],
                      this_year - 6 - grade, f"{grade}A{i % 3 + 1}", "Phụ huynh", "Mẹ",
                      "0901000000"])
    # Already on the roster, and 15: imported anyway, they wait for a guardian's consent.
    sheet.append([151, existing_name, "Nữ", this_year - 15, "8A1", "", "", ""])
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(out.getvalue())
    return path


def test_leader_imports_roster_and_prints_cards(page, live_server, login, screenshot, tmp_path):
    assignment = LeaderAssignmentFactory(user__username="cothuy", club__name="CLB Hồng Thạnh An")
    club = assignment.club
    existing = MembershipFactory(club=club, pupil__school=club.school,
                                 pupil__full_name="Đặng Thị Lụa", pupil__class_name="8A1")
    login("cothuy")

    page.goto(f"{live_server.url}/clubs/")
    page.get_by_role("link", name=re.compile("CLB Hồng Thạnh An")).click()
    page.get_by_role("link", name="Nhập danh sách").click()
    screenshot("1-upload")

    page.set_input_files("input[type=file]",
                         str(roster_file(tmp_path / "danh-sach.xlsx", existing.pupil.full_name)))
    page.get_by_role("button", name="Đọc tệp và xem trước").click()
    page.wait_for_url(re.compile(r"/import/[0-9a-f-]+/$"))
    warnings = page.locator("#import-warnings")
    assert "Dòng 152, cột “Họ và tên”" in warnings.inner_text()
    assert existing.pupil.member_code in warnings.inner_text()
    assert page.locator("#preview-table tbody tr.table-warning").count() == 1
    # Nothing is written before the confirmation.
    assert Membership.objects.filter(club=club).count() == 1
    screenshot("2-preview")

    page.get_by_label("Tôi đã kiểm tra các dòng có thể trùng: vẫn nhập").check()
    page.get_by_role("button", name="Nhập tất cả 151 thành viên").click()
    page.wait_for_url(re.compile(rf"/clubs/{club.slug}/$"))
    assert "Đã nhập 151 thành viên" in page.locator(".messages").inner_text()
    counts = page.locator("#counts").inner_text()
    assert "151 thành viên đang sinh hoạt" in counts and "1 đang chờ đồng ý" in counts
    screenshot("3-roster")

    # At 360 px (a small Android phone) neither the roster nor a member page scrolls
    # sideways.
    page.set_viewport_size({"width": 360, "height": 780})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("#roster a").first.click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot("3b-member-360px")
    page.go_back()
    page.wait_for_load_state()

    page.get_by_role("link", name="In thẻ").click()
    page.wait_for_load_state()
    # The member added by hand before the import has no card yet: the sheet offers one.
    assert page.locator(".print-card").count() == 150
    page.get_by_role("button", name="Cấp 1 thẻ còn thiếu").click()
    page.wait_for_load_state()
    assert page.locator(".print-card").count() == 151
    screenshot("4-card-sheet")
    # Print it as Chromium would on A4: 10 cards a page, controls hidden.
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.emulate_media(media="print")
    assert page.locator(".no-print").first.is_hidden()
    printed = screenshot("5-card-sheet-print")
    # The printed codes read back as check-in URLs of valid cards.
    first_page = Image.open(printed).crop((0, 0, 794, 1123))
    texts = [r.text for r in zxingcpp.read_barcodes(first_page)]
    assert len(texts) >= 8
    for text in texts:
        secret = text.split("/checkin/card/")[1].strip("/")
        assert selectors.card_lookup(secret=secret).status == "valid"
    pdf = page.pdf(path=str(printed.with_suffix(".pdf")), prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 16  # 151 cards, 10 a page
    assert Membership.objects.filter(club=club, status="active").count() == 151
    assert Membership.objects.filter(club=club, status="pending").count() == 1
