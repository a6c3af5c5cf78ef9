"""Issue 16, point 10 in a real browser: a leader who opened the scanner once opens it
again with no connection; a pupil's check-in link without a connection shows "no
connection, try again" instead of the browser's error."""

import pytest

from tests.browser.conftest import PHONE
from tests.browser.test_attendance import sign_in
from tests.factories.attendance import CheckinSessionFactory
from tests.factories.clubs import LeaderAssignmentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_scanner_opens_offline_after_one_visit(browser, live_server):
    session = CheckinSessionFactory(title="Sinh hoạt tầng hầm")
    leader = LeaderAssignmentFactory(club=session.club).user
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server.url, leader.username)
    scanner = f"{live_server.url}/attendance/sessions/{session.pk}/scanner/"
    page.goto(scanner)
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.reload()  # now under the worker's control, which keeps this page
    assert page.evaluate("!!navigator.serviceWorker.controller")
    context.set_offline(True)
    page.goto(scanner)
    assert page.locator("h1").inner_text() == "Sinh hoạt tầng hầm"
    page.goto(f"{live_server.url}/checkin/p/some-code/")
    assert "Không có kết nối" in page.locator("h1").inner_text()
    assert "thử lại" in page.content()
    # What the worker keeps: the shell and the offline page, never a pupil's answer.
    kept = page.evaluate("""async () => {
        const out = [];
        for (const name of await caches.keys()) {
          for (const r of await (await caches.open(name)).keys()) out.push(new URL(r.url).pathname);
        }
        return out;
    }""")
    assert f"/attendance/sessions/{session.pk}/scanner/" in kept
    assert not [url for url in kept if "/api/" in url or "/live" in url or "/checkin/p/" in url]
    context.close()
