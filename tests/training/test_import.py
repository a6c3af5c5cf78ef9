"""Bulk import of nominees: a preview with an error per row (unknown ward, impossible date
of birth, the same person twice), nothing written until confirmed, then the good rows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from training.models import Enrolment

pytestmark = pytest.mark.django_db

CSV = """Danh sách đề cử
Họ và tên;Ngày sinh;Cơ quan;Phường/xã;Điện thoại;Email
Lê Văn Tám;12/03/1985;UBND phường;Phường Ninh Kiều;0905111222;
Phạm Thị Hoa;01/01/1990;Trường THCS;Phường Không Có;0905333444;
Đỗ Minh;31/02/1990;Hội LHPN;Phường Ninh Kiều;0905555666;
Lê Văn Tám;12/03/1985;UBND phường;Phường Ninh Kiều;0905 111 222;
Võ An;05/05/2030;Đoàn TN;Phường Ninh Kiều;;an@example.org
"""


def _upload(staff_client, klass, content=CSV, name="de-cu.csv"):
    return staff_client.post(f"/training/manage/{klass.slug}/import/",
                             {"file": SimpleUploadedFile(name, content.encode())})


def test_preview_shows_row_errors_and_writes_nothing_then_confirm_nominates(
    staff_client, klass
):
    response = _upload(staff_client, klass)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Phường, xã không có trong danh sách: “Phường Không Có”." in page
    assert page.count("Ngày sinh này không hợp lệ.") == 2  # 31/02 and 2030
    assert "Người này đã có ở một dòng phía trên của tệp." in page
    assert page.count("data-row-error") == 4
    assert not Enrolment.objects.exists()
    signed = page.split('name="rows" value="')[1].split('"')[0]
    response = staff_client.post(f"/training/manage/{klass.slug}/import/", {"rows": signed})
    assert response.status_code == 302
    (enrolment,) = Enrolment.objects.all()
    assert enrolment.participant.full_name == "Lê Văn Tám"
    assert enrolment.source == Enrolment.Source.NOMINATION
    # Imported again: the person already in the class is refused on their row.
    page = _upload(staff_client, klass).content.decode()
    assert "Người này đã có trong lớp." in page


def test_an_altered_preview_or_a_bad_file_writes_nothing(staff_client, klass):
    response = staff_client.post(f"/training/manage/{klass.slug}/import/", {"rows": "x:y"})
    assert response.status_code == 400 and "tải tệp lên lại" in response.content.decode()
    response = _upload(staff_client, klass, content="a,b\n1,2\n")
    assert response.status_code == 400 and "Họ và tên" in response.content.decode()
    response = _upload(staff_client, klass, name="de-cu.pdf")
    assert response.status_code == 400
    assert not Enrolment.objects.exists()
