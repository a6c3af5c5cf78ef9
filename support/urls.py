from django.urls import path

from support import views

app_name = "support"

urlpatterns = [
    path("<slug:slug>/members/<int:pupil_id>/", views.member_support, name="member_support"),
]
