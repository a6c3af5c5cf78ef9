import pytest

from tests.factories.accounts import LeaderUserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_language_switch_keeps_the_current_page(page, live_server, screenshot):
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Đăng nhập").is_visible()

    page.get_by_role("button", name="Mở trình đơn").click()
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
    assert page.viewport_size["width"] <= 400
    screenshot("signed-in")
