"""Production's static storage gives the manifest's hashed URLs, worked out once."""

import json

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from config.static_storage import StaticFilesStorage


def test_urls_are_the_manifests_and_are_remembered(tmp_path, settings):
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(json.dumps({
        "version": "1.1",
        "hash": "x",
        "paths": {"css/a.css": "css/a.0123456789ab.css"},
    }))
    ours = StaticFilesStorage(location=tmp_path, base_url="/static/")
    theirs = CompressedManifestStaticFilesStorage(location=tmp_path, base_url="/static/")
    assert ours.url("css/a.css") == theirs.url("css/a.css") == "/static/css/a.0123456789ab.css"
    assert ours.known_urls == {"css/a.css": "/static/css/a.0123456789ab.css"}
    assert ours.url("css/a.css") == "/static/css/a.0123456789ab.css"
    # A name missing from the manifest still fails loudly, and is not remembered.
    for storage in (ours, theirs):
        with pytest.raises(ValueError):
            storage.url("missing.css")
    assert "missing.css" not in ours.known_urls
