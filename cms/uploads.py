"""What a document upload must look like inside, not only by its name (OWASP ASVS 5.2).

A file named worksheet.pdf that holds an HTML page or an SVG with script would be served
from our own origin; here its first bytes must match what its extension promises."""

import os
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

SNIFF_BYTES = 4096
# Markup a browser might render as a page or a script-carrying image.
MARKUP_SIGNS = (
    b"<!doctype",
    b"<html",
    b"<svg",
    b"<script",
    b"<?xml",
    b"<body",
    b"<iframe",
    b"<head",
    b"<object",
    b"<embed",
    b"<a ",
    b"<img",
    b"<meta",
    b"<style",
)
ZIP_FORMATS = {"docx", "pptx", "xlsx", "odt", "odp", "ods"}
TEXT_FORMATS = {"txt", "csv"}


def document_problem(upload) -> str | None:
    """A translated reason why `upload` must be refused, or None when it is acceptable.

    Leaves the file position where it found it."""
    extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    if extension not in settings.WAGTAILDOCS_EXTENSIONS:
        return _("Files of type “%(ext)s” cannot be uploaded. Allowed types: %(allowed)s.") % {
            "ext": extension or "?",
            "allowed": ", ".join(settings.WAGTAILDOCS_EXTENSIONS),
        }
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(SNIFF_BYTES)
        upload.seek(0)
        problem = _content_problem(extension, head, upload)
    finally:
        upload.seek(position)
    return problem


def _content_problem(extension: str, head: bytes, upload) -> str | None:
    mismatch = _("This file's content does not match its “.%(ext)s” extension.") % {
        "ext": extension
    }
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    # Binary formats are judged by their signature; markup anywhere in a text file, or at
    # the start of any file, is what a browser could be tricked into rendering.
    looks_like_markup = lowered.startswith(b"<") or (
        extension in TEXT_FORMATS and any(sign in lowered for sign in MARKUP_SIGNS)
    )
    if looks_like_markup:
        return _("Web pages and SVG images cannot be uploaded as documents.")
    if not head:
        return _("The file is empty.")
    if extension == "pdf":
        return None if head.startswith(b"%PDF-") else mismatch
    if extension in ZIP_FORMATS:
        if not head.startswith(b"PK\x03\x04"):
            return mismatch
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return mismatch
        if "[Content_Types].xml" not in names and "mimetype" not in names:
            return mismatch
        if any(name.lower().endswith((".html", ".htm", ".svg", ".js")) for name in names):
            return _("Web pages and SVG images cannot be uploaded as documents.")
        return None
    if extension in TEXT_FORMATS:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the sniff boundary is fine.
            if exc.start < len(head) - 4:
                return mismatch
        return mismatch if b"\x00" in head else None
    return None
