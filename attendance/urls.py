from django.urls import path

from attendance import views

app_name = "attendance"

urlpatterns = [
    path("", views.index, name="index"),
    path("sessions/<int:pk>/", views.session_live, name="live"),
    path("sessions/<int:pk>/live/", views.session_live_fragment, name="live_fragment"),
    path("sessions/<int:pk>/mark/", views.session_mark, name="mark"),
    path("sessions/<int:pk>/mark-rest/", views.session_mark_rest, name="mark_rest"),
    path("sessions/<int:pk>/undo/<int:attendance_id>/", views.session_undo, name="undo"),
    path("sessions/<int:pk>/guests/", views.session_guests, name="guests"),
    path(
        "sessions/<int:pk>/guests/<int:guest_id>/remove/",
        views.session_guest_remove,
        name="guest_remove",
    ),
    path("sessions/<int:pk>/projector/", views.projector, name="projector"),
    path("sessions/<int:pk>/projector/state/", views.projector_state, name="projector_state"),
    path("sessions/<int:pk>/scanner/", views.scanner, name="scanner"),
    path("devices/", views.devices, name="devices"),
    path("devices/<int:device_id>/revoke/", views.device_revoke, name="device_revoke"),
]
