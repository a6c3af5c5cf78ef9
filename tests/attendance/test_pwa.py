"""Issue 16, point 10: the installable web app. The manifest and icons, a service worker
at the site root that keeps the scanner's shell and an offline page, and nothing that
names a pupil (docs/attendance-offline.md)."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_the_manifest_makes_the_app_installable():
    manifest = json.loads(Path(finders.find("manifest.webmanifest")).read_text(encoding="utf-8"))
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/attendance/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/"))


def test_the_service_worker_is_served_at_the_root_and_keeps_only_the_shell(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    body = response.content.decode()
    shell = re.search(r"const SHELL = \[(.*?)\];", body, re.S).group(1)
    kept = re.findall(r'"([^"]+)"', shell)
    assert "/checkin/offline/" in body and "/static/vendor/jsqr/jsQR.js" in kept
    # Nothing that answers with pupils: no API, roster, live lists or check-in results.
    assert not [url for url in kept if re.search(r"/api/|/live|/checkin/p/|/clubs/", url)]
    for url in kept:
        assert client.get(url).status_code == 200, url


def test_the_offline_page_says_no_connection_try_again(client):
    page = client.get("/checkin/offline/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Không có kết nối" in page and "thử lại" in page


def test_check_in_pages_install_the_worker_and_name_the_manifest(client):
    page = client.get("/checkin/code/").content.decode()
    assert "js/sw-register" in page and 'rel="manifest"' in page
