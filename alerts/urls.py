from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [path("<slug:slug>/", views.club_warnings, name="club_warnings")]
