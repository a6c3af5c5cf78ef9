"""Check-in in a real Chromium: a leader's scanner reading a card through a (fake) camera,
and a pupil's phone following the projected code."""

import base64
import datetime
import io
import shutil
import subprocess

import pytest
import qrcode
import time_machine
import zxingcpp
from django.utils import timezone
from PIL import Image

from attendance.models import Attendance
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.factories.attendance import CheckinSessionFactory, member_with_card
from tests.factories.clubs import LeaderAssignmentFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-Strong-test-passw0rd"


def sign_in(page, base_url, username):
    page.goto(f"{base_url}/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def camera_video_of(text: str, folder) -> str:
    """A y4m 'camera' filming a QR code of `text`, checked with zxing-cpp first."""
    png = folder / "card.png"
    qrcode.make(text, border=4).save(png)
    assert zxingcpp.read_barcodes(Image.open(png))[0].text == text
    y4m = folder / "card.y4m"
    subprocess.run(  # noqa: S603 - fixed arguments, test helper
        [
            shutil.which("ffmpeg") or "/usr/bin/ffmpeg",
            "-y", "-loglevel", "error", "-loop", "1", "-i", str(png), "-vf",
            "scale=400:400:flags=neighbor,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=white,"
            "format=yuv420p",
            "-r", "10", "-t", "2", str(y4m),
        ],
        check=True,
    )
    return str(y4m)


@pytest.fixture
def camera_browser(playwright, tmp_path):
    """A Chromium of its own whose camera films a file (set before launch: Chromium reads
    the file at each getUserMedia, so tests write it first)."""
    launched = []

    def launch(video_text: str):
        video = camera_video_of(video_text, tmp_path)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                *CHROMIUM_ARGS,
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                f"--use-file-for-fake-video-capture={video}",
            ],
        )
        launched.append(browser)
        return browser

    yield launch
    for browser in launched:
        browser.close()


def test_the_leader_scanner_reads_a_card_through_the_camera(camera_browser, live_server):
    session = CheckinSessionFactory()
    leader = LeaderAssignmentFactory(club=session.club).user
    pupil, card = member_with_card(session.club)
    browser = camera_browser(f"{live_server.url}/checkin/card/{card.secret}/")
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="vi-VN")
    context.grant_permissions(["camera"], origin=live_server.url)
    page = context.new_page()
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    sign_in(page, live_server.url, leader.username)
    page.goto(f"{live_server.url}/attendance/sessions/{session.pk}/scanner/")
    # The camera works under the page's Permissions-Policy, which allows only this page.
    assert page.evaluate("document.featurePolicy.allowsFeature('camera')") is True
    status = page.locator("#scanner-status")
    status.and_(page.locator("[data-outcome=ok]")).wait_for(timeout=15_000)
    assert pupil.full_name in page.locator("#scanner-name").inner_text()
    page.locator("#scanner-count").filter(has_text="1").wait_for(timeout=20_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "attendance-scanner-green.png"))
    row = Attendance.objects.get(session=session)
    assert (row.pupil, row.method, row.recorded_by) == (pupil, "card", leader)
    # The card stays in view: the scanner must not record it again or turn red.
    page.wait_for_timeout(1500)
    assert Attendance.objects.filter(session=session).count() == 1
    assert page.locator("#scanner-queue").get_attribute("data-waiting") == "0"
    assert missing == []  # nothing the page loads is missing (/favicon.ico: tests/config)
    context.close()


def test_offline_scans_wait_on_the_phone_and_sync_once(browser, live_server):
    session = CheckinSessionFactory()
    leader = LeaderAssignmentFactory(club=session.club).user
    cards = [member_with_card(session.club)[1] for _ in range(3)]
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server.url, leader.username)
    page.goto(f"{live_server.url}/attendance/sessions/{session.pk}/scanner/")
    context.set_offline(True)
    for card in cards:
        page.evaluate("s => document.getElementById('scanner').lalanhScan(s)", card.secret)
    page.locator("#scanner-queue[data-waiting='3']").wait_for(timeout=5_000)
    assert Attendance.objects.count() == 0
    queued = page.evaluate(f"localStorage.getItem('lalanh.scanq.{session.pk}')")
    assert all(c.pupil.full_name not in queued for c in cards)  # no names on the phone
    # Simulate the same queue being sent twice: once by the page, once replayed by hand.
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.locator("#scanner-queue[data-waiting='0']").wait_for(timeout=15_000)
    replay = page.evaluate(
        """async (q) => {
            const csrf = document.querySelector('input[name=csrfmiddlewaretoken]').value;
            const r = await fetch('/api/attendance/checkins/batch', {method: 'POST',
              headers: {'Content-Type': 'application/json', 'X-CSRFToken': csrf},
              body: JSON.stringify({items: JSON.parse(q)})});
            return (await r.json()).results.map(x => x.outcome + (x.replayed ? '*' : ''));
        }""",
        queued,
    )
    assert replay == ["ok*", "ok*", "ok*"]
    assert Attendance.objects.filter(session=session).count() == 3
    context.close()


def test_the_projected_code_checks_a_phone_in_and_expires(browser, live_server, settings):
    """The live server runs in this process, so the clock it reads is moved here: the
    code stays valid however slow the machine is, until the clock jumps past its slot and
    grace (time-machine does not move the monotonic clock Playwright's waits use)."""
    rotate, grace = settings.ATTENDANCE_CODE_ROTATE_SECONDS, settings.ATTENDANCE_CODE_GRACE_SECONDS
    traveller = time_machine.travel(timezone.now(), tick=False)
    clock = traveller.start()
    try:
        _projected_code_checks_in_and_expires(browser, live_server, clock, rotate + grace)
    finally:
        traveller.stop()


def _projected_code_checks_in_and_expires(browser, live_server, clock, lifetime):
    session = CheckinSessionFactory()
    leader = LeaderAssignmentFactory(club=session.club).user
    pupil, card = member_with_card(session.club)

    screen = browser.new_context(viewport={"width": 1280, "height": 720}, locale="vi-VN")
    projector = screen.new_page()
    sign_in(projector, live_server.url, leader.username)
    projector.goto(f"{live_server.url}/attendance/sessions/{session.pk}/projector/")
    qr = projector.locator("#projector-qr[src^='data:image/png']")
    qr.wait_for(timeout=10_000)
    png = base64.b64decode(qr.get_attribute("src").split(",", 1)[1])
    url = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))[0].text
    ARTIFACTS.mkdir(exist_ok=True)
    projector.locator("#projector-code", has_text=" ").wait_for()
    projector.screenshot(path=str(ARTIFACTS / "attendance-projector-screen.png"))
    assert url.startswith(f"{live_server.url}/checkin/p/")

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="vi-VN")
    pupil_page = phone.new_page()
    pupil_page.goto(f"{live_server.url}/checkin/card/{card.secret}/")
    pupil_page.get_by_role("button", name="Liên kết điện thoại này").click()
    pupil_page.locator("[data-outcome=paired]").wait_for()
    pupil_page.goto(url)
    pupil_page.locator("[data-outcome=ok]").wait_for()
    assert "Đã điểm danh" in pupil_page.content()
    ARTIFACTS.mkdir(exist_ok=True)
    pupil_page.screenshot(path=str(ARTIFACTS / "attendance-projector-phone-ok.png"))
    assert Attendance.objects.get(session=session).pupil == pupil
    projector.locator("#projector-count").filter(has_text="1").wait_for(timeout=10_000)

    clock.shift(datetime.timedelta(seconds=lifetime + 1))  # past the slot and its grace
    pupil_page.goto(url)
    refused = pupil_page.locator("[data-outcome=refused]")
    refused.wait_for()
    assert refused.get_attribute("data-code") == "token_expired"
    assert "hết hạn" in refused.inner_text()
    pupil_page.screenshot(path=str(ARTIFACTS / "attendance-projector-phone-expired.png"))
    assert Attendance.objects.filter(session=session).count() == 1
    screen.close()
    phone.close()


def test_the_live_roster_updates_without_a_reload(browser, live_server):
    from attendance.services import checkin_record

    session = CheckinSessionFactory()
    leader = LeaderAssignmentFactory(club=session.club).user
    pupil, card = member_with_card(session.club)
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server.url, leader.username)
    page.goto(f"{live_server.url}/attendance/sessions/{session.pk}/")
    assert pupil.full_name in page.locator("[data-list=missing]").inner_text()
    page.evaluate("window.__sameDocument = true")
    checkin_record(session=session, method="card", actor=leader, card_secret=card.secret)
    page.locator("[data-list=in]", has_text=pupil.full_name).wait_for(timeout=10_000)
    assert page.locator("[data-count=in]").inner_text() == "1"
    assert page.evaluate("window.__sameDocument") is True  # no reload happened
    context.close()
