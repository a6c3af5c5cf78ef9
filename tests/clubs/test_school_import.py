"""Importing schools through the staff page: preview with row errors, nothing saved
while any row is wrong, everything saved on confirm."""

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Site

from clubs.models import School
from cms.models import CentreContactSettings
from places.selectors import province_by_code
from tests.factories.accounts import LeaderUserFactory, StaffFactory
from tests.factories.clubs import SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def upload(client, text, name="truong.csv", encoding="utf-8"):
    return client.post(reverse("clubs:school_import"),
                       {"file": SimpleUploadedFile(name, text.encode(encoding))})


def test_a_clean_file_previews_then_imports_and_updates_existing_schools(staff_client):
    SchoolFactory(name="Trường THCS Cũ", level=School.Level.UPPER_SECONDARY)
    response = upload(staff_client, "Tên trường;Cấp;Phường/xã;Tỉnh/thành phố\n"
                                    "Trường THCS Mới;THCS;Ninh Kiều;Cần Thơ\n"
                                    "Trường THCS Cũ;THCS;Xã Thạnh An;92\n")
    assert response.status_code == 200
    page = response.text
    assert 'id="import-errors"' not in page and "Phường Ninh Kiều" in page
    assert not School.objects.filter(name="Trường THCS Mới").exists()  # a preview only
    payload = response.context["preview"].payload
    done = staff_client.post(reverse("clubs:school_import"), {"payload": payload}, follow=True)
    assert "Đã nhập 2 trường." in done.text
    new = School.objects.get(name="Trường THCS Mới")
    assert (new.province.code, new.commune.name) == ("92", "Phường Ninh Kiều")
    old = School.objects.get(name="Trường THCS Cũ")
    assert (old.level, old.commune.name) == (School.Level.LOWER_SECONDARY, "Xã Thạnh An")


def test_row_errors_are_shown_and_nothing_is_saved(staff_client):
    before = School.objects.count()
    response = upload(staff_client,
                      "Tên trường,Cấp,Phường/xã,Tỉnh/thành phố\n"
                      "Trường A,THCS,Phường Cái Khế,Cần Thơ\n"
                      ",THPT,Phường Cái Khế,Cần Thơ\n"
                      "Trường B,Tiểu học,Phường Cái Khế,Cần Thơ\n"
                      "Trường C,THPT,Phường Cái Khế,Quảng Ninh\n"
                      "Trường D,THPT,Phường Không Có,Cần Thơ\n"
                      "Trường A,THPT,Xã Thạnh An,Cần Thơ\n"
                      "Trường E,THPT,Xã Thạnh An,Tỉnh Hậu Giang\n")
    page = response.text
    assert 'id="import-errors"' in page and 'id="confirm-form"' not in page
    for message in ("Dòng 3: Thiếu tên trường.",
                    "Dòng 4: Không rõ cấp học “Tiểu học”",
                    "Dòng 5: “Phường Cái Khế” thuộc Thành phố Cần Thơ, "
                    "không thuộc Tỉnh Quảng Ninh.",
                    "Dòng 6: Thành phố Cần Thơ không có phường, xã “Phường Không Có”.",
                    "Dòng 7: Trường này đã có ở dòng 2.",
                    "Dòng 8: Không có tỉnh, thành phố “Tỉnh Hậu Giang”."):
        assert message in page
    assert School.objects.count() == before


def test_without_a_province_column_the_centres_province_is_used(staff_client):
    response = upload(staff_client, "Tên trường,Cấp,Phường/xã\nTrường F,THPT,Cái Khế\n")
    assert "Chưa có tỉnh, thành phố" in response.text
    setting = CentreContactSettings.for_site(Site.objects.get(is_default_site=True))
    setting.province = province_by_code("92")
    setting.save()
    response = upload(staff_client, "Tên trường,Cấp,Phường/xã\nTrường F,THPT,Cái Khế\n")
    assert 'id="confirm-form"' in response.text


def test_an_xlsx_file_is_read(staff_client):
    sheet = tablib.Dataset(headers=["Tên trường", "Cấp", "Phường/xã", "Tỉnh/thành phố"])
    sheet.append(["Trường G", "THPT", "Phường Tân An", "Thành phố Cần Thơ"])
    response = staff_client.post(reverse("clubs:school_import"), {
        "file": SimpleUploadedFile("truong.xlsx", sheet.export("xlsx"))})
    assert response.context["preview"].payload


@pytest.mark.parametrize(("name", "content", "message"), [
    ("truong.pdf", b"%PDF", "Hãy chọn tệp .xlsx hoặc .csv."),
    ("truong.csv", "Tên trường,Cấp\nTrường Ơ,THCS\n".encode("cp1258", "replace") + b"\xff",
     "không ở dạng UTF-8"),
    ("truong.xlsx", b"PK\x03\x04 not really", "Không đọc được tệp"),
    ("truong.csv", "Cấp,Phường/xã\nTHCS,Cái Khế\n".encode(), "Không tìm thấy cột tên trường"),
])
def test_unreadable_files_get_a_clear_message(staff_client, name, content, message):
    response = staff_client.post(reverse("clubs:school_import"),
                                 {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.text


def test_an_altered_or_outdated_preview_saves_nothing(staff_client):
    response = upload(staff_client, "Tên trường,Cấp,Phường/xã,Tỉnh/thành phố\n"
                                    "Trường H,THCS,Phường Tân An,Cần Thơ\n")
    payload = response.context["preview"].payload
    tampered = staff_client.post(reverse("clubs:school_import"),
                                 {"payload": payload[:-3] + "abc"}, follow=True)
    assert "Bản xem trước đã cũ hoặc bị sửa" in tampered.text
    SchoolFactory(name="Trường H")  # someone added it meanwhile
    late = staff_client.post(reverse("clubs:school_import"), {"payload": payload}, follow=True)
    assert "đã thay đổi sau khi xem trước" in late.text
    assert School.objects.filter(name="Trường H").count() == 1


def test_only_centre_staff_import_schools(client):
    client.force_login(LeaderUserFactory())
    assert client.get(reverse("clubs:school_import")).status_code == 403
    assert upload(client, "Tên trường,Cấp,Phường/xã\nX,THCS,Cái Khế\n").status_code == 403
