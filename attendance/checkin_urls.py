"""Language-neutral check-in URLs: they are printed on cards and drawn in QR codes, so
they never change with the reader's language."""

from django.urls import path

from attendance import checkin_views, pwa

app_name = "checkin"

urlpatterns = [
    path("p/<str:token>/", checkin_views.projector_checkin, name="projector"),
    path("code/", checkin_views.typed_code_checkin, name="code"),
    path("card/<str:secret>/", checkin_views.card_link, name="card"),
    path("offline/", pwa.offline, name="offline"),
]
