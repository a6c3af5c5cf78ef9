"""From admission to a certificate anyone can check: the participant's phone checks in by
the projected code, staff confirm completion and issue, the PDF's QR opens the
verification page (valid, then revoked), made-up or altered codes are refused."""

import datetime as dt
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest
import time_machine
import zxingcpp
from PIL import Image

from attendance.tokens import projector_token_make
from places.models import Commune
from tests.factories.training import APPLY_AT
from tests.training.conftest import APPLICANT
from training import services
from training.links import participant_key
from training.models import Certificate, Enrolment, TrainingAttendance


def _run(tool: str, *args: str) -> str:
    return subprocess.run(  # noqa: S603 - a poppler tool with fixed arguments
        [shutil.which(tool) or f"/usr/bin/{tool}", *args],
        capture_output=True, text=True, check=True,
    ).stdout


def pdf_page_image(pdf, folder) -> Image.Image:
    """The PDF's first page as a reader sees it (150 dpi PNG, poppler's pdftoppm)."""
    _run("pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(folder / "page"))
    return Image.open(folder / "page.png")


def _admitted(klass, **details):
    data = {**{k: v for k, v in APPLICANT.items() if k != "consent"}, **details}
    data["date_of_birth"] = dt.date.fromisoformat(data["date_of_birth"])
    data["commune"] = Commune.objects.get(pk=data["commune"])
    enrolment = services.enrolment_apply(
        training_class=klass, details=services.ApplicantDetails(**data), consent=True,
        notice_version="2026-01", now=APPLY_AT,
    )
    return services.enrolment_admit(enrolment=enrolment, actor=None)


def _check_in_everywhere(client, klass, enrolment, *, skip=()):
    key = participant_key(enrolment.participant)
    assert client.get(f"/training/me/{key}/").status_code == 200  # links this phone
    for session in klass.sessions.order_by("starts_at"):
        if session.programme_module.position in skip:
            continue
        with time_machine.travel(session.starts_at + dt.timedelta(minutes=5), tick=False):
            token = projector_token_make(session_id=session.pk)
            response = client.get(f"/checkin/p/{token}/")
        assert response.status_code == 200, response.content.decode()
        assert 'data-outcome="ok"' in response.content.decode()


def test_a_participant_checks_in_by_the_projected_code(client, klass):
    enrolment = _admitted(klass)
    _check_in_everywhere(client, klass, enrolment)
    assert TrainingAttendance.objects.filter(enrolment=enrolment, status="present").count() == 3


def test_a_phone_not_admitted_to_the_class_is_refused_and_nothing_written(client, klass):
    enrolment = _admitted(klass)
    services.enrolment_withdraw(enrolment=enrolment)
    key = participant_key(enrolment.participant)
    client.get(f"/training/me/{key}/")
    session = klass.sessions.first()
    with time_machine.travel(session.starts_at, tick=False):
        response = client.get(f"/checkin/p/{projector_token_make(session_id=session.pk)}/")
    assert 'data-code="participant_not_enrolled"' in response.content.decode()
    assert not TrainingAttendance.objects.exists()


def test_a_made_up_private_link_is_not_found(client, klass):
    assert client.get("/training/me/1-0123456789abcdef0123456789abcdef/").status_code == 404
    assert client.get("/training/me/nonsense/").status_code == 404


def test_completion_counts_modules_and_shows_who_is_close(client, staff_client, klass):
    done = _admitted(klass)
    close = _admitted(klass, full_name="Trần Văn Bình", phone="0911000111", email="b@x.org",
                      date_of_birth="1985-02-02")
    _check_in_everywhere(client, klass, done)
    client.cookies.clear()
    _check_in_everywhere(client, klass, close, skip=(2, 3))
    page = staff_client.get("/training/manage/ctxh-2026/completion/").content.decode()
    assert f'data-enrolment="{done.pk}" data-completed="yes"' in page
    assert f'data-enrolment="{close.pk}" data-completed="no"' in page
    staff_client.post("/training/manage/ctxh-2026/completion/")
    done.refresh_from_db()
    assert done.completed and done.completion_snapshot["hours"] == "12.0"


def test_a_certificate_needs_a_completion(staff_client, klass):
    _admitted(klass)
    response = staff_client.post("/training/manage/ctxh-2026/certificates/", follow=True)
    assert "xác nhận danh sách hoàn thành trước khi cấp" in response.content.decode()
    assert not Certificate.objects.exists()


def _issue(client, staff_client, klass):
    enrolment = _admitted(klass)
    _check_in_everywhere(client, klass, enrolment)
    staff_client.post("/training/manage/ctxh-2026/completion/")
    with time_machine.travel("2026-04-02 10:00 +07:00", tick=False):
        staff_client.post("/training/manage/ctxh-2026/certificates/")
    return enrolment, Certificate.objects.get()


def test_serials_count_per_year_and_code_and_a_curriculum_change_rewrites_nothing(
    client, staff_client, klass
):
    enrolment, certificate = _issue(client, staff_client, klass)
    assert certificate.serial == "2026/CTXH/0001"
    assert certificate.hours == 12 and certificate.valid_until == dt.date(2028, 4, 2)
    klass.programme.modules.update(hours=10)
    klass.programme.title = "Tên mới"
    klass.programme.save()
    with time_machine.travel("2026-05-01 10:00 +07:00", tick=False):
        new = services.certificate_reissue(certificate=certificate, actor=None)
    assert new.serial == "2026/CTXH/0002"
    assert (new.hours, new.programme_title) == (12, "Kỹ năng công tác xã hội")
    certificate.refresh_from_db()
    assert certificate.revoked_on == dt.date(2026, 5, 1) and new.replaces == certificate


@pytest.mark.django_db
def test_the_pdf_qr_opens_the_verification_page(client, staff_client, klass, tmp_path):
    enrolment, certificate = _issue(client, staff_client, klass)
    key = participant_key(enrolment.participant)
    response = client.get(f"/training/me/{key}/certificates/{certificate.code}.pdf")
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(response.content)
    image = pdf_page_image(pdf, tmp_path)
    text = _run("pdftotext", str(pdf), "-")
    assert "Nguyễn Thị Thúy" in text and "2026/CTXH/0001" in text
    fonts = _run("pdffonts", str(pdf))
    assert "Noto-Serif" in fonts or "NotoSerif" in fonts
    assert image.width > image.height  # landscape
    (barcode,) = zxingcpp.read_barcodes(image)
    url = urlsplit(barcode.text)
    path = f"{url.path}?{url.query}"
    page = client.get(path).content.decode()
    assert 'data-state="valid"' in page and 'data-signature="valid"' in page
    assert "Nguyễn Thị Thúy" in page

    staff_client.post(f"/training/certificates/{certificate.pk}/revoke/", {"reason": "Gian lận"})
    page = client.get(path).content.decode()
    assert 'data-state="revoked"' in page


def test_made_up_and_altered_codes(client, staff_client, klass):
    _enrolment, certificate = _issue(client, staff_client, klass)
    response = client.get("/verify/AAAAAAAAAAAAAAAA/")
    assert response.status_code == 404 and 'data-state="unknown"' in response.content.decode()
    assert "Nguyễn" not in response.content.decode()
    tampered = client.get(f"/verify/{certificate.code}/?d=TExDMXxmYWtl&s=AAAA")
    assert 'data-signature="invalid"' in tampered.content.decode()
    assert client.get("/verify/public-key.pem").content.startswith(b"-----BEGIN PUBLIC KEY")


def test_revoking_needs_a_reason(client, staff_client, klass):
    _enrolment, certificate = _issue(client, staff_client, klass)
    staff_client.post(f"/training/certificates/{certificate.pk}/revoke/", {"reason": ""})
    certificate.refresh_from_db()
    assert certificate.revoked_on is None
    assert Enrolment.objects.get().completed


@pytest.mark.django_db
def test_the_certificate_carries_the_centre_profile_name_and_logo(client, staff_client, klass):
    from django.core.cache import cache
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from cms.models import CentreContactSettings
    from tests.factories.cms import build_site
    from training.certificates import certificate_centre

    build_site(languages=("vi",))
    logo = get_image_model().objects.create(title="Logo", file=get_test_image_file())
    CentreContactSettings.objects.update(
        name="Trung tâm Công tác xã hội tỉnh Quảng Ninh", logo=logo)
    cache.clear()
    name, logo_uri = certificate_centre()
    assert name == "Trung tâm Công tác xã hội tỉnh Quảng Ninh"
    assert logo_uri.startswith("data:image/png;base64,")
    enrolment, certificate = _issue(client, staff_client, klass)
    pdf = staff_client.get(f"/training/certificates/{certificate.pk}.pdf").content
    text = subprocess.run(  # noqa: S603
        [shutil.which("pdftotext") or "/usr/bin/pdftotext", "-", "-"], input=pdf,
        capture_output=True, check=True).stdout.decode()
    assert "TỈNH QUẢNG NINH" in " ".join(text.split())
