"""Demo public site: a home page per language, the materials library (Vietnamese and
English, one material in Arabic to show right-to-left), news from the seed articles and a
worksheet. Idempotent: pages are found by slug and locale, documents by title."""

import uuid
from datetime import date

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site

from cms.demo_data import MATERIALS, MOCK_TRIAL, NEWS, SITE, WORKSHEETS
from cms.models import (
    CentreContactSettings,
    HomePage,
    MaterialIndexPage,
    MaterialPage,
    MockTrialCasePage,
    NewsIndexPage,
    NewsPage,
    PublicEventsPage,
)
from cms.worksheets import docx_bytes, pdf_bytes
from demo.context import DemoContext

LANGUAGES = ["vi", "en", "fr", "ar"]

def build(ctx: DemoContext) -> None:
    with transaction.atomic():
        locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
        homes = _site_pages(locales)
        worksheets = _worksheets()
        libraries = {code: _child(homes[code], MaterialIndexPage) for code in LANGUAGES}
        count = 0
        for material in MATERIALS:
            _material(material, libraries, worksheets, MaterialPage)
            count += 1
        _material(MOCK_TRIAL, libraries, worksheets, MockTrialCasePage)
        news_indexes = {code: _child(homes[code], NewsIndexPage) for code in LANGUAGES}
        for story in NEWS:
            _news(story, news_indexes)
        _editors(ctx)
        site = Site.objects.get(is_default_site=True)
        _centre_profile(site)
    ctx.shared["cms_home"] = homes["vi"]
    ctx.write(f"CMS: home in {len(LANGUAGES)} languages, {count + 1} materials, {len(NEWS)} news")


# The demo centre: Cần Thơ's city social-work centre, under today's Thành phố Cần Thơ.
DEMO_PROFILE = {
    "name": "Trung tâm Công tác xã hội thành phố Cần Thơ",
    "name_en": "Cần Thơ City Social Work Centre",
    "short_name": "CTXH Cần Thơ",
    "address": "Số 1 đường Ví Dụ, phường Ninh Kiều",
    "email": "ctxh@lalanh.example",
    "hotline": "1800 1106",
    "hotline_hours": "7:00–21:00",
    "national_hotline": "111",
    "national_hotline_hours": "24/7",
}


def _centre_profile(site) -> None:
    """Fill the profile once; a centre that has edited it keeps its own."""
    from places.selectors import province_by_code

    contact = CentreContactSettings.for_site(site)
    if contact.name:
        return
    for key, value in DEMO_PROFILE.items():
        setattr(contact, key, value)
    contact.province = province_by_code("92")
    contact.save()


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _site_pages(locales) -> dict:
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=locales["vi"], depth=2).first()
    if home is None:
        title, intro = _title_intro(SITE["home"]["vi"])
        home = root.add_child(
            instance=HomePage(title=title, slug="trang-chu", intro=intro, locale=locales["vi"])
        )
        _publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, is_default_site=True, root_page=home
        )
    if site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    # Wagtail's "Welcome to your new Wagtail site!" placeholder is no longer reachable.
    Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ).delete()

    homes = {"vi": home}
    for code in LANGUAGES[1:]:
        title, intro = _title_intro(SITE["home"][code])
        homes[code] = _translation(home, locales[code], title=title, intro=intro)
    for key, model in (
        ("library", MaterialIndexPage),
        ("news", NewsIndexPage),
        ("events", PublicEventsPage),
    ):
        page = _child(home, model)
        if page is None:
            title, intro = _title_intro(SITE[key]["vi"])
            page = _publish(
                home.add_child(
                    instance=model(
                        title=title, slug=SITE[key]["slug"], intro=intro, locale=locales["vi"]
                    )
                )
            )
        for code in LANGUAGES[1:]:
            title, intro = _title_intro(SITE[key][code])
            _translation(page, locales[code], title=title, intro=intro)
    return homes


def _title_intro(text: dict) -> tuple[str, str]:
    return text["title"], text["intro"]


def _child(parent: Page, model):
    return model.objects.child_of(parent).first()


def _translation(source: Page, locale: Locale, **fields) -> Page:
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    copy = source.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    return _publish(copy)


def _stream(blocks: list, worksheet) -> list[dict]:
    stream = []
    for block in blocks:
        kind = block[0]
        if kind == "h":
            value, block_type = {"heading_text": block[1], "size": "h2"}, "heading"
        elif kind == "p":
            value, block_type = block[1], "paragraph"
        elif kind == "steps":
            steps = [{"title": t, "minutes": m, "instructions": i} for t, m, i in block[2]]
            value, block_type = {"title": block[1], "steps": steps}, "activity_steps"
        elif kind == "q":
            value, block_type = {"title": block[1], "questions": block[2]}, "discussion_questions"
        elif kind == "tip":
            value, block_type = {"text": block[1]}, "tip"
        elif kind == "doc" and worksheet is not None:
            value = {"document": worksheet.pk, "kind": "worksheet", "description": ""}
            block_type = "document"
        else:
            continue
        stream.append({"type": block_type, "value": value, "id": str(uuid.uuid4())})
    return stream


def _material_fields(material: dict, code: str, worksheets: dict) -> dict:
    text = material[code]
    fields = {
        "title": text["title"],
        "intro": text["intro"],
        "body": _stream(text["body"], worksheets.get(code, worksheets["en"])),
    }
    if "case_summary" in text:
        fields["case_summary"] = text["case_summary"]
        fields["legal_basis"] = text["legal_basis"]
        fields["roles"] = [
            {"type": "role", "value": {"role": role, "brief": brief}, "id": str(uuid.uuid4())}
            for role, brief in text["roles"]
        ]
    return fields


def _material(material: dict, libraries: dict, worksheets: dict, model) -> None:
    library = libraries["vi"]
    page = model.objects.child_of(library).filter(slug=material["slug"]).first()
    if page is None:
        page = model(
            slug=material["slug"],
            locale=library.locale,
            topic=material["topic"],
            format=material["format"],
            grade_min=material["grades"][0],
            grade_max=material["grades"][1],
            duration_minutes=material["minutes"],
            featured=material.get("featured", False),
            **_material_fields(material, "vi", worksheets),
        )
        library.add_child(instance=page)
        _publish(page)
    for code in ("en", "ar"):
        if code in material:
            _translation(
                page, libraries[code].locale, **_material_fields(material, code, worksheets)
            )


def _news(story: dict, indexes: dict) -> None:
    index = indexes["vi"]
    page = NewsPage.objects.child_of(index).filter(slug=story["slug"]).first()
    if page is None:
        text = story["vi"]
        page = NewsPage(
            slug=story["slug"],
            locale=index.locale,
            date=date.fromisoformat(story["date"]),
            title=text["title"],
            intro=text["intro"],
            body=_stream(text["body"], None),
        )
        index.add_child(instance=page)
        _publish(page)
    for code in ("en", "fr"):
        if code in story:
            text = story[code]
            _translation(
                page,
                indexes[code].locale,
                title=text["title"],
                intro=text["intro"],
                body=_stream(text["body"], None),
            )


def _worksheets() -> dict:
    Document = get_document_model()
    documents = {}
    for code, sheet in WORKSHEETS.items():
        title, filename = sheet["title"], sheet["file"]
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title)
            make = docx_bytes if filename.endswith(".docx") else pdf_bytes
            document.file.save(filename, ContentFile(make(title, sheet["lines"])), save=False)
            document._set_document_file_metadata()
            document.save()
        documents[code] = document
    return documents


def _editors(ctx: DemoContext) -> None:
    memberships = {"staff": "Centre editors", "volunteer": "Material contributors"}
    for username, group_name in memberships.items():
        user = ctx.users.get(username)
        group = Group.objects.filter(name=group_name).first()
        if user is not None and group is not None:
            user.groups.add(group)
