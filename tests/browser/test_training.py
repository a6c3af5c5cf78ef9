"""Point 14 of the training issue, on a phone: a participant applies; staff admit them;
the participant's phone checks in by the projected code at each session; staff confirm
completion and issue certificates; the participant downloads the PDF; its QR (the PDF
rendered to an image, decoded with zxing-cpp) opens the verification page: valid, and
after revocation, revoked."""

import datetime as dt
import re

import pytest
import zxingcpp
from django.core import mail
from django.utils import timezone

from attendance.tokens import projector_token_make
from tests.browser.conftest import PHONE
from tests.factories.accounts import StaffFactory
from tests.factories.training import class_make
from tests.training.test_certificates import pdf_page_image
from training.models import Enrolment, TrainingAttendance

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-Strong-test-passw0rd"


def test_from_application_to_a_verified_then_revoked_certificate(
    browser, page, live_server, tmp_path, screenshot
):
    now = timezone.now()
    klass = class_make(first=now - dt.timedelta(minutes=10))
    klass.applications_open_at = now - dt.timedelta(days=1)
    klass.applications_close_at = now + dt.timedelta(days=1)
    klass.save()
    # Three sessions open for check-in now (one per module).
    for i, session in enumerate(klass.sessions.order_by("starts_at")):
        session.starts_at = now - dt.timedelta(minutes=10 - i)
        session.ends_at = session.starts_at + dt.timedelta(hours=2)
        session.save()
    staff_user = StaffFactory(username="daotao")
    base = live_server.url

    # The participant applies on their phone.
    page.goto(f"{base}/training/{klass.slug}/apply/")
    page.fill("#id_full_name", "Nguyễn Thị Thúy")
    page.fill("#id_date_of_birth", "1990-05-17")
    page.fill("#id_organisation", "UBND phường Ninh Kiều")
    page.fill("#id_position", "Cộng tác viên")
    page.select_option("#id_commune", label="Phường Ninh Kiều, Cần Thơ")
    page.fill("#id_phone", "0905123456")
    page.fill("#id_email", "thuy@example.org")
    page.check("#id_consent")
    screenshot("apply")
    page.get_by_role("button", name="Đăng ký").click()
    assert page.locator('[data-status="pending"]').is_visible()

    # Staff admit them (their own browser).
    staff = browser.new_context(viewport=PHONE, locale="vi-VN")
    desk = staff.new_page()
    desk.goto(f"{base}/en/accounts/login/")
    desk.get_by_label("Username").fill(staff_user.username)
    desk.get_by_label("Password").fill(PASSWORD)
    desk.get_by_role("button", name="Sign in").click()
    desk.goto(f"{base}/en/training/manage/{klass.slug}/")
    desk.get_by_role("button", name="Admit").click()
    assert Enrolment.objects.get().status == "admitted"
    (message,) = mail.outbox
    # The e-mail names the configured public address; here the live server stands for it.
    link = base + re.search(r"/training/me/\S+/", message.body).group(0)

    # The e-mailed link opens their page and links the phone; each session's projected
    # code is then opened by the phone's camera app.
    page.goto(link)
    for session in klass.sessions.all():
        page.goto(f"{base}/checkin/p/{projector_token_make(session_id=session.pk)}/")
        assert page.locator('[data-outcome="ok"]').is_visible()
    screenshot("checked-in")
    assert TrainingAttendance.objects.count() == 3

    # Staff confirm completion and issue.
    desk.goto(f"{base}/en/training/manage/{klass.slug}/completion/")
    desk.get_by_role("button", name="Confirm this list").click()
    desk.goto(f"{base}/en/training/manage/{klass.slug}/")
    desk.get_by_role("button", name="Issue certificates for the confirmed list").click()
    assert desk.locator("[data-serial]").count() == 1

    # The participant downloads the PDF from their page.
    page.goto(link)
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về (PDF)").click()
    pdf = tmp_path / "certificate.pdf"
    download.value.save_as(pdf)
    (barcode,) = zxingcpp.read_barcodes(pdf_page_image(pdf, tmp_path))
    assert barcode.text.startswith(f"{base}/verify/")
    page.goto(barcode.text)
    assert page.locator('[data-state="valid"][data-signature="valid"]').is_visible()
    screenshot("valid")

    # Staff revoke it; the same QR now says revoked.
    desk.get_by_label("Reason for revoking").fill("Cấp nhầm")
    desk.get_by_role("button", name="Revoke").click()
    page.goto(barcode.text)
    assert page.locator('[data-state="revoked"]').is_visible()
    screenshot("revoked")
    staff.close()
