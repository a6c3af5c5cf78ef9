"""The roster on a phone (390 px, Fast 3G through the DevTools Protocol): a tick changes
the row in place and keeps the scroll position; ticks made offline wait in the phone's
queue and are recorded once; an idle live view stays under 25 KB a minute."""

import pytest

from attendance.models import Attendance
from tests.browser.conftest import PHONE
from tests.browser.test_attendance import sign_in
from tests.factories.attendance import CheckinSessionFactory, member_with_card
from tests.factories.clubs import LeaderAssignmentFactory

pytestmark = pytest.mark.django_db(transaction=True)
FAST_3G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8,
           "uploadThroughput": 750e3 / 8}


def phone(browser, live_server, session):
    """A leader's phone on the roster, on Fast 3G; `received` maps each URL to the bytes of
    its answers on the wire (headers included; a 304 counts its headers)."""
    leader = LeaderAssignmentFactory(club=session.club).user
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server.url, leader.username)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", FAST_3G)
    urls, sent_bytes, answer_bytes = {}, {}, {}

    def sent(event):  # the request's own headers count too
        sent_bytes[event["requestId"]] = sum(
            len(name) + len(value) + 4 for name, value in event["headers"].items())

    def answered(event):  # the headers: all a 304 has (the DevTools report it as aborted)
        urls[event["requestId"]] = event["response"]["url"]
        answer_bytes[event["requestId"]] = event["response"]["encodedDataLength"]

    def finished(event):  # headers and body
        answer_bytes[event["requestId"]] = event["encodedDataLength"]

    cdp.on("Network.requestWillBeSentExtraInfo", sent)
    cdp.on("Network.responseReceived", answered)
    cdp.on("Network.loadingFinished", finished)
    page.goto(f"{live_server.url}/attendance/sessions/{session.pk}/")
    page.evaluate("window.__sameDocument = true")

    def received():
        out = {}
        for request_id, url in list(urls.items()):
            out.setdefault(url, []).append(
                sent_bytes.get(request_id, 0) + answer_bytes.get(request_id, 0))
        return out

    def forget():
        for seen in (urls, sent_bytes, answer_bytes):
            seen.clear()

    received.clear = forget
    page.cdp = cdp
    return context, page, received


def test_ticking_the_25th_pupil_keeps_the_place_and_costs_under_5_kb(browser, live_server):
    session = CheckinSessionFactory()
    for _ in range(45):
        member_with_card(session.club)
    context, page, received = phone(browser, live_server, session)
    row = page.locator("[data-list=missing] li[data-pupil]").nth(24)
    pupil_id = row.get_attribute("data-pupil")
    row.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 120)")
    before = page.evaluate("window.scrollY")
    assert before > 1000
    row.locator("button[value=present]").click()
    page.locator(f"[data-list=in] li[data-pupil='{pupil_id}']").wait_for(timeout=10_000)
    assert page.evaluate("window.scrollY") == before
    assert page.evaluate("window.__sameDocument") is True  # no reload
    assert page.locator("[data-count=in]").inner_text() == "1"
    assert page.locator("[data-count=missing]").inner_text() == "44"
    ticks = [n for url, sizes in received().items() if url.endswith("/mark/") for n in sizes]
    assert len(ticks) == 1 and ticks[0] < 5_000
    assert Attendance.objects.get().pupil_id == int(pupil_id)
    # The filter hides the rows that do not match.
    page.fill("#roster-filter", "zzz")
    assert page.locator("[data-list=missing] li[data-pupil]:visible").count() == 0
    context.close()


def test_three_ticks_offline_are_recorded_once_online(browser, live_server):
    session = CheckinSessionFactory()
    pupils = [member_with_card(session.club)[0] for _ in range(5)]
    context, page, _received = phone(browser, live_server, session)
    # Offline through the same DevTools session that throttles (a second one, such as
    # context.set_offline's, would be overridden by this one's "online" conditions).
    page.cdp.send("Network.emulateNetworkConditions", {**FAST_3G, "offline": True})
    for pupil in pupils[:3]:
        page.locator(f"li[data-pupil='{pupil.pk}'] button[value=present]").click()
    page.locator("#roster-queue[data-waiting='3']").wait_for(timeout=5_000)
    assert Attendance.objects.count() == 0
    queued = page.evaluate(f"localStorage.getItem('lalanh.tickq.{session.pk}')")
    assert all(p.full_name not in queued for p in pupils)  # no names on the phone
    page.cdp.send("Network.emulateNetworkConditions", FAST_3G)
    # No "online" event is needed: the page also retries its queue at every poll.
    page.locator("#roster-queue[data-waiting='0']").wait_for(state="attached", timeout=20_000)
    assert page.locator("#roster-queue").is_hidden()
    assert Attendance.objects.filter(session=session).count() == 3
    # The same queue sent again (a second tab, a retry): nothing is recorded twice.
    replayed = page.evaluate(
        """async (q) => {
            const csrf = document.querySelector('input[name=csrfmiddlewaretoken]').value;
            const out = [];
            for (const item of JSON.parse(q)) {
              const r = await fetch(item.action, {method: 'POST',
                headers: {'Accept': 'application/json', 'X-CSRFToken': csrf},
                body: new URLSearchParams({pupil: item.pupil, status: item.status,
                                           nonce: item.nonce, ticked_at: item.ticked_at})});
              out.push((await r.json()).replayed);
            }
            return out;
        }""",
        queued,
    )
    assert replayed == [True, True, True]
    assert Attendance.objects.filter(session=session).count() == 3
    assert page.locator("[data-count=in]").inner_text() == "3"
    context.close()


def test_an_idle_live_view_uses_under_25_kb_a_minute_and_pauses_when_hidden(
    browser, live_server, settings
):
    # One poll a second for 12 s: the requests of a minute at the default 5 s interval,
    # with their real bytes on the wire (headers included).
    settings.ATTENDANCE_LIVE_POLL_SECONDS = 1
    session = CheckinSessionFactory()
    for _ in range(45):
        member_with_card(session.club)
    context, page, received = phone(browser, live_server, session)
    # The first poll learns the ETag: wait for it (not a fixed time) before counting.
    for _ in range(120):
        if any(url.endswith("/live/") for url in received()):
            break
        page.wait_for_timeout(250)
    page.wait_for_timeout(250)  # let that first answer finish before forgetting it
    received.clear()

    def polls():
        return [n for url, sizes in received().items() if url.endswith("/live/") for n in sizes]

    # Wait for the polls rather than a fixed time: a loaded machine may run them late.
    for _ in range(120):
        if len(polls()) >= 8:
            break
        page.wait_for_timeout(500)
    polls = polls()
    assert len(polls) >= 8  # about one a second, each slowed by Fast 3G's latency
    per_minute = max(polls) * 60 / 5  # the default: 12 polls a minute
    assert per_minute < 25_000, per_minute
    page.evaluate("""() => {
        Object.defineProperty(document, 'hidden', {value: true, configurable: true});
        document.dispatchEvent(new Event('visibilitychange'));
    }""")
    received.clear()
    page.wait_for_timeout(3_000)
    assert not [u for u in received() if u.endswith("/live/")]
    context.close()
