"""Build a small public site for tests: a Vietnamese home with library, news and events,
English translations of the home and library, and helpers to add materials."""

import uuid
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site

from cms.models import (
    CentreContactSettings,
    HomePage,
    MaterialIndexPage,
    MaterialPage,
    NewsIndexPage,
    NewsPage,
    PublicEventsPage,
)
from cms.worksheets import docx_bytes


@dataclass
class SiteTree:
    locales: dict
    homes: dict
    libraries: dict
    news: dict
    events: Page
    extra: dict = field(default_factory=dict)


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page: Page, code: str, **fields) -> Page:
    copy = page.copy_for_translation(Locale.objects.get(language_code=code)).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    return publish(copy)


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html, "id": str(uuid.uuid4())}


def build_site(languages=("vi", "en", "ar")) -> SiteTree:
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in languages}
    root = Page.get_first_root_node()
    home = publish(
        root.add_child(
            instance=HomePage(
                title="Lá Lành", slug="trang-chu", intro="Trang chủ", locale=locales["vi"]
            )
        )
    )
    site, _ = Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    CentreContactSettings.objects.get_or_create(site=site)
    homes = {"vi": home}
    for code in languages[1:]:
        homes[code] = translate(home, code, title=f"Lá Lành {code}")
    library = publish(
        home.add_child(
            instance=MaterialIndexPage(title="Thư viện", slug="thu-vien", locale=locales["vi"])
        )
    )
    libraries = {"vi": library}
    if "en" in languages:
        libraries["en"] = translate(library, "en", title="Library")
    news = publish(
        home.add_child(
            instance=NewsIndexPage(title="Tin tức", slug="tin-tuc", locale=locales["vi"])
        )
    )
    events = publish(
        home.add_child(
            instance=PublicEventsPage(title="Sự kiện", slug="su-kien", locale=locales["vi"])
        )
    )
    return SiteTree(
        locales=locales, homes=homes, libraries=libraries, news={"vi": news}, events=events
    )


def add_material(library: Page, *, live: bool = True, **overrides) -> MaterialPage:
    values = {
        "title": "An toàn trên mạng",
        "slug": f"tai-lieu-{uuid.uuid4().hex[:8]}",
        "intro": "Bảo vệ thông tin cá nhân trên mạng.",
        "topic": "online_safety",
        "format": "session_plan",
        "grade_min": 6,
        "grade_max": 9,
        "duration_minutes": 45,
        "locale": library.locale,
        "body": [paragraph("<p>Không chia sẻ mật khẩu.</p>")],
    }
    values.update(overrides)
    page = library.add_child(instance=MaterialPage(live=live, **values))
    if live:
        return publish(page)
    page.save_revision()
    return page


def add_news(index: Page, **overrides) -> NewsPage:
    values = {
        "title": "Tin mới",
        "slug": f"tin-{uuid.uuid4().hex[:8]}",
        "intro": "Tóm tắt.",
        "locale": index.locale,
        "body": [paragraph("<p>Nội dung.</p>")],
    }
    values.update(overrides)
    return publish(index.add_child(instance=NewsPage(**values)))


def add_worksheet(title: str = "Phiếu bài tập") -> object:
    Document = get_document_model()
    document = Document(title=title)
    document.file.save("phieu.docx", ContentFile(docx_bytes(title, ["Họ tên: ...."])), save=False)
    document._set_document_file_metadata()
    document.save()
    return document
