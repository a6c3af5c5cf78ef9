"""/api/ (language-neutral): the scanner API and its OpenAPI schema (/api/openapi.json)."""

from attendance.api import api

app_name = "api"

urlpatterns = api.urls[0]
