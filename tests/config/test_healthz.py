"""/healthz: 200 only when the database, Redis (when configured) and the migrations are in
order; 503 with the reason otherwise, within 5 s, never a 500. The failures are real: a
closed port, a server that accepts connections and never answers, a migration record
removed."""

import socket
import time

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings

URL = "/healthz"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def silent_server():
    """A port that accepts TCP connections (the kernel's backlog) and never answers."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    yield s.getsockname()[1]
    s.close()


def get_timed(client):
    started = time.monotonic()
    response = client.get(URL)
    return response, time.monotonic() - started


@pytest.mark.django_db
def test_all_in_order_is_200(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_an_unapplied_migration_is_503(client):
    MigrationRecorder.Migration.objects.filter(app="attendance").order_by("-id")[:1].get().delete()
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "problems": ["1 migrations not applied"]}


@pytest.mark.django_db
@pytest.mark.parametrize(("server", "within"), [("closed", 2), ("silent", 5)])
def test_redis_down_or_hanging_is_503_within_5_seconds(client, silent_server, server, within):
    port = closed_port() if server == "closed" else silent_server
    with override_settings(REDIS_URL=f"redis://127.0.0.1:{port}/0"):
        response, took = get_timed(client)
    assert response.status_code == 503
    assert response.json()["problems"] == ["redis unavailable"]
    assert took < within


@pytest.mark.redis
@pytest.mark.django_db
def test_the_configured_redis_is_checked(client, settings):
    assert settings.REDIS_URL
    assert client.get(URL).status_code == 200


@pytest.mark.django_db
def test_anything_but_get_or_head_is_405(client):
    assert client.post(URL).status_code == 405
    assert client.head(URL).status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_database_down_or_hanging_is_503_within_5_seconds(client, silent_server):
    original = connection.settings_dict["PORT"]
    try:
        for port, within in ((closed_port(), 2), (silent_server, 5)):
            connection.close()
            connection.settings_dict["PORT"] = port
            response, took = get_timed(client)
            assert response.status_code == 503
            assert response.json()["problems"] == ["database unavailable"]
            assert took < within
    finally:
        connection.close()
        connection.settings_dict["PORT"] = original
    assert client.get(URL).status_code == 200


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["lalanh.example.org"], SECURE_SSL_REDIRECT=True)
def test_asked_by_address_over_http_as_a_load_balancer_does(client):
    """Production refuses other hosts and redirects to HTTPS; /healthz answers anyway."""
    assert client.get("/healthz", HTTP_HOST="127.0.0.1:8001").status_code == 200
    assert client.get("/", HTTP_HOST="127.0.0.1:8001").status_code == 400
    assert client.get("/", HTTP_HOST="lalanh.example.org").status_code == 301
