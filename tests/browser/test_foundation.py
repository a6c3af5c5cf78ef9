import re

import pytest
from playwright.sync_api import expect

from tests.factories.accounts import LeaderUserFactory
from tests.factories.cms import build_site

# serialized_rollback: keep the rows migrations create (Wagtail's root page and locale)
# across the flush between transactional tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_home_page_loads_in_vietnamese_and_switches_to_english(page, live_server, screenshot):
    build_site(languages=("vi", "en"))
    response = page.goto(f"{live_server.url}/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "vi"
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    screenshot("home-vi")

    page.get_by_role("button", name="Mở trình đơn").click()
    expect(page.locator("#site-nav")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    page.locator(".language-switcher .dropdown-toggle").click()
    page.locator(".language-switcher a[hreflang='en']").click()
    page.wait_for_url(f"{live_server.url}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot("home-en")


def test_language_switch_keeps_the_current_page(page, live_server, screenshot):
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Đăng nhập").is_visible()

    page.get_by_role("button", name="Mở trình đơn").click()
    expect(page.locator("#site-nav")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    page.get_by_role("button", name="Ngôn ngữ: Tiếng Việt").click()
    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/en/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Sign in").is_visible()
    screenshot("english")


def test_leader_signs_in_on_a_phone(page, live_server, login, screenshot):
    LeaderUserFactory(username="codung", display_name="Trần Thị Mỹ Dung")
    login("codung")
    assert page.url.endswith("/en/accounts/")
    assert page.get_by_role("heading", name="Hello, Trần Thị Mỹ Dung").is_visible()
    # The phone layout collapses the menu behind the toggler.
    assert page.get_by_role("button", name="Open the menu").is_visible()
    # Nothing sticks out sideways on a 390 px phone: no horizontal scrolling.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot("signed-in")
