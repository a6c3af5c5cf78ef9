from django.urls import path

from training import verify_views

app_name = "verify"

urlpatterns = [
    path("public-key.pem", verify_views.public_key, name="public_key"),
    path("public-key.json", verify_views.public_key_json, name="public_key_json"),
    path("<str:code>/", verify_views.certificate, name="certificate"),
]
