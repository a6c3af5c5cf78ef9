"""The demo site: a real home page at the site root, materials in Vietnamese and English
across every topic, an Arabic page, news from the seeds; a second run changes nothing."""

from datetime import date
from random import Random

import pytest
from wagtail.models import Page, Site

from cms import demo as cms_demo
from cms.models import HomePage, MaterialPage, MockTrialCasePage, NewsPage
from cms.taxonomy import Topic
from demo import accounts as demo_accounts
from demo.context import DemoContext

pytestmark = pytest.mark.django_db


def _build():
    ctx = DemoContext(rng=Random(2024), today=date(2024, 9, 1), write=lambda line: None)
    demo_accounts.build(ctx)
    cms_demo.build(ctx)
    return ctx


def test_demo_site_is_complete_and_idempotent(client):
    ctx = _build()
    counts = (Page.objects.count(), MaterialPage.objects.count(), NewsPage.objects.count())
    _build()
    assert (Page.objects.count(), MaterialPage.objects.count(), NewsPage.objects.count()) == counts

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()

    vietnamese = MaterialPage.objects.live().filter(locale__language_code="vi")
    english = MaterialPage.objects.live().filter(locale__language_code="en")
    assert vietnamese.count() >= 12 and english.count() == vietnamese.count()
    assert set(vietnamese.values_list("topic", flat=True)) == set(Topic.values)
    assert MockTrialCasePage.objects.filter(locale__language_code="vi").exists()
    assert MaterialPage.objects.live().filter(locale__language_code="ar").exists()
    assert ctx.users["staff"].groups.filter(name="Centre editors").exists()

    home = client.get("/").text
    assert "Tài liệu nổi bật" in home or "Featured materials" in home or "Vòng tròn" in home
    news = client.get("/tin-tuc/").text
    assert "23 Câu lạc bộ Thanh thiếu niên Hồng" in news
    assert "Nguyễn Thị Thúy Hoa" not in client.get("/tin-tuc/thanh-vien-clb-thanh-an/").text
    material = client.get("/thu-vien/vong-tron-an-toan/")
    assert material.status_code == 200
    assert "/documents/" in material.text
    assert '<html lang="ar" dir="rtl">' in client.get("/ar/thu-vien/an-toan-tren-mang/").text
