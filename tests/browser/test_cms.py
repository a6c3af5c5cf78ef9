"""A phone-sized anonymous visitor reads, switches language, searches and downloads; an
Arabic page renders right-to-left; an editor opens the page editor under our CSP."""

import re
from datetime import date
from pathlib import Path
from random import Random

import pytest
from playwright.sync_api import expect

from cms import demo as cms_demo
from cms.models import MaterialPage
from demo import accounts as demo_accounts
from demo.accounts import DEMO_PASSWORD
from demo.context import DemoContext
from tests.browser.conftest import ARTIFACTS

# serialized_rollback: the flush between transactional tests would drop the rows
# migrations create (Wagtail's root page and locale, the editors group and workflow).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo_site(live_server):
    ctx = DemoContext(rng=Random(2024), today=date(2024, 9, 1), write=lambda line: None)
    demo_accounts.build(ctx)
    cms_demo.build(ctx)
    return ctx


MENU_BUTTON = re.compile("Open the menu|Mở trình đơn|Ouvrir le menu|فتح القائمة", re.I)


def _switch_language(page, code: str) -> None:
    # The menu button reads in the page's language, Arabic included.
    page.get_by_role("button", name=MENU_BUTTON).click()
    # Wait for the collapse animation to finish, or the dropdown opens inside a clipped box.
    expect(page.locator("#site-nav")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    page.locator(".language-switcher .dropdown-toggle").click()
    link = page.locator(f".language-switcher a[hreflang='{code}']")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_load_state()


def test_visitor_reads_switches_searches_and_downloads(
    page, live_server, demo_site, screenshot, tmp_path
):
    page.goto(f"{live_server.url}/thu-vien/vong-tron-an-toan/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vòng tròn an toàn: ai là người em tin cậy?"
    )
    screenshot("material-vi")

    _switch_language(page, "en")
    assert page.url == f"{live_server.url}/en/thu-vien/vong-tron-an-toan/"
    expect(page.get_by_role("heading", level=1)).to_have_text("My safety circle: who can I trust?")

    page.get_by_role("link", name="Materials library").first.click()
    page.get_by_label("Topic").select_option("self_protection")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert "topic=self_protection" in page.url
    results = page.locator(".material-card h3")
    expect(results).to_have_count(2)
    expect(results.filter(has_text="My safety circle")).to_have_count(1)
    expect(page.locator(".material-card", has_text="Spotting drugs")).to_have_count(0)
    screenshot("search-topic")

    page.locator(".material-card", has_text="My safety circle").get_by_role("link").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Download Worksheet")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert Path(saved).read_bytes().startswith(b"%PDF-")


def test_arabic_page_is_right_to_left(page, live_server, demo_site, screenshot):
    page.goto(f"{live_server.url}/ar/thu-vien/an-toan-tren-mang/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "الأمان على الإنترنت: حماية المعلومات الشخصية"
    )
    # Bootstrap's RTL sheet puts the brand on the right edge of the bar.
    brand = page.locator(".navbar-brand").bounding_box()
    toggler = page.locator(".navbar-toggler").bounding_box()
    assert brand["x"] > toggler["x"]
    screenshot("arabic-rtl")
    _switch_language(page, "vi")
    assert page.url == f"{live_server.url}/thu-vien/an-toan-tren-mang/"
    expect(page.locator("html")).to_have_attribute("dir", "ltr")


def test_centre_editor_opens_the_page_editor_under_the_csp(
    page, live_server, demo_site, login, screenshot
):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    login("staff", DEMO_PASSWORD)
    material = MaterialPage.objects.get(slug="vong-tron-an-toan", locale__language_code="vi")
    page.goto(f"{live_server.url}/admin/pages/{material.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value("Vòng tròn an toàn: ai là người em tin cậy?")
    # The StreamField is drawn by Wagtail's JavaScript: seeing its blocks means scripts ran.
    expect(page.locator("[data-contentpath='body'] [data-streamfield-child]").first).to_be_visible(
        timeout=15000
    )
    screenshot("admin-editor")
    assert [v for v in violations if "script" in v.lower()] == []


def test_an_editor_sees_the_preview_and_its_checks_beside_the_editor(
    browser, live_server, demo_site
):
    """The preview panel frames the admin's own preview URL: blocked by frame-ancestors
    'none' it stayed empty, and the Checks panel silently found nothing."""
    refused = []
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.on("console", lambda m: refused.append(m.text) if "frame-ancestors" in m.text else None)
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("staff")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{live_server.url}/admin/")
    material = MaterialPage.objects.get(slug="vong-tron-an-toan", locale__language_code="vi")
    page.goto(f"{live_server.url}/admin/pages/{material.pk}/edit/")

    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(
        "Vòng tròn an toàn: ai là người em tin cậy?", timeout=20_000
    )
    page.locator("[data-side-panel-toggle='checks']").click()
    # The checks read the previewed page: its words are counted once it is framed.
    expect(page.locator("[data-content-word-count]")).to_have_text(re.compile(r"^\d+$"))
    page.screenshot(path=str(ARTIFACTS / "admin-preview-checks.png"))
    assert refused == []
    context.close()
