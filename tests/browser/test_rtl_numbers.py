"""Inside Arabic (right-to-left) text, times, dates, grade ranges and the hotline number
still read left to right: "07:30–11:30", never "11:30–07:30". Checked on screen, by where
the browser draws each part."""

import datetime as dt
from datetime import date
from random import Random

import pytest
from django.utils import timezone

from cms import demo as cms_demo
from cms.models import CentreContactSettings
from demo import accounts as demo_accounts
from demo.context import DemoContext
from sessions.models import ClubSession
from tests.factories.clubs import ClubFactory
from tests.factories.sessions import ClubSessionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Where on screen the first character of each of two texts is drawn, inside `selector`.
LEFT_OF_EACH = """([selector, first, second]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const left = (text) => {
    for (let node = walker.currentNode; node; node = walker.nextNode()) {
      const at = node.nodeType === 3 ? node.data.indexOf(text) : -1;
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        return range.getBoundingClientRect().left;
      }
    }
    return null;
  };
  const a = left(first);
  walker.currentNode = root;
  return [a, left(second)];
}"""


@pytest.fixture
def arabic_site(live_server):
    ctx = DemoContext(rng=Random(2024), today=date(2024, 9, 1), write=lambda line: None)
    demo_accounts.build(ctx)
    cms_demo.build(ctx)
    CentreContactSettings.objects.update(hotline="1800 1567", hotline_hours="7:30–21:00")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    starts = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(7, 30)))
    ClubSessionFactory(
        title="يوم مفتوح للمهارات الحياتية",
        audience=ClubSession.Audience.PUBLIC,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=4),
        club=ClubFactory(),
    )
    return ctx


def _assert_left_to_right(page, selector, first, second):
    left_first, left_second = page.evaluate(LEFT_OF_EACH, [selector, first, second])
    assert left_first is not None and left_second is not None, (selector, first, second)
    assert left_first < left_second, f"{selector}: {second!r} is drawn before {first!r}"


def test_arabic_event_list_and_material_keep_numbers_left_to_right(
    page, live_server, arabic_site, screenshot
):
    page.goto(f"{live_server.url}/ar/su-kien/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    _assert_left_to_right(page, ".event-list .event-when", "07:30", "11:30")
    day = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    _assert_left_to_right(page, ".event-list .event-when", day[:2], day[-4:])
    # The hotline number keeps its groups, and its hours their order.
    _assert_left_to_right(page, ".hotline a", "1800", "1567")
    _assert_left_to_right(page, ".hotline", "7:30", "21:00")
    screenshot("arabic-events")

    page.goto(f"{live_server.url}/ar/thu-vien/an-toan-tren-mang/")
    grades = page.locator(".grade-range").inner_text()
    first, last = grades.split("–")
    _assert_left_to_right(page, ".grade-range", first, last)
    screenshot("arabic-material")
