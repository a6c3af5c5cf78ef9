"""Documents: only the allowed types, checked by extension and by content; served through
Wagtail's serve view as downloads."""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile

from cms.uploads import document_problem
from cms.worksheets import docx_bytes, pdf_bytes
from tests.factories.cms import add_worksheet

pytestmark = pytest.mark.django_db

Document = get_document_model()


def _upload(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )


@pytest.fixture
def editor_client(client, centre_editor):
    profile = UserProfile.get_for_user(centre_editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(centre_editor)
    return client


def test_a_real_pdf_worksheet_is_accepted(editor_client):
    response = _upload(editor_client, "phieu.pdf", pdf_bytes("Worksheet", ["Name: ...."]))
    assert response.status_code == 302
    assert Document.objects.filter(title="phieu.pdf").exists()


def test_a_real_docx_worksheet_is_accepted(editor_client):
    response = _upload(editor_client, "phieu.docx", docx_bytes("Phiếu", ["Họ tên"]))
    assert response.status_code == 302
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("trang.html", b"<html><body><script>alert(1)</script></body></html>"),
        ("hinh.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("chuong-trinh.exe", b"MZ\x90\x00"),
    ],
)
def test_html_svg_and_other_types_are_refused_by_extension(editor_client, name, content):
    response = _upload(editor_client, name, content)
    assert response.status_code == 200
    assert Document.objects.count() == 0
    assert "file" in response.context["form"].errors


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("worksheet.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("worksheet.txt", b"Hello <script>alert(1)</script>"),
        ("slides.pptx", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
        ("notes.csv", b"a,b\n<svg onload=alert(1)>"),
    ],
)
def test_markup_disguised_with_an_allowed_extension_is_refused(editor_client, name, content):
    response = _upload(editor_client, name, content)
    assert response.status_code == 200
    assert Document.objects.count() == 0
    errors = " ".join(response.context["form"].errors["file"])
    assert "Web pages and SVG images cannot be uploaded" in errors


def test_a_file_whose_content_does_not_match_its_extension_is_refused(editor_client):
    response = _upload(editor_client, "slides.pdf", b"PK\x03\x04 not a pdf at all")
    assert Document.objects.count() == 0
    assert "does not match" in " ".join(response.context["form"].errors["file"])


def test_an_office_file_carrying_an_html_page_inside_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/evil.html", "<script>alert(1)</script>")
    upload = SimpleUploadedFile("bai.docx", buffer.getvalue())
    assert "Web pages" in document_problem(upload)


def test_only_office_pdf_and_text_types_are_allowed():
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert not {"html", "htm", "svg", "js", "xml", "exe"} & set(settings.WAGTAILDOCS_EXTENSIONS)


def test_documents_are_served_by_the_serve_view_as_downloads(client):
    document = add_worksheet("Phiếu bài tập")
    assert document.url.startswith("/documents/")
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"PK\x03\x04")
