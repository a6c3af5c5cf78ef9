from django.urls import path

from sessions import calendar_views, trial_views, views

app_name = "sessions"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("week/", views.session_week, name="week"),
    path("month/", views.session_month, name="month"),
    path("new/", views.session_create, name="create"),
    path("<int:pk>/", views.session_detail, name="detail"),
    path("<int:pk>/edit/", views.session_edit, name="edit"),
    path("<int:pk>/cancel/", views.session_cancel, name="cancel"),
    path("<int:pk>/calendar.ics", calendar_views.session_ics, name="ics"),
    path("<int:pk>/mock-trial/", trial_views.trial_create, name="trial_create"),
    path("mock-trials/", trial_views.trial_list, name="trials"),
    path("mock-trials/<int:pk>/", trial_views.trial_detail, name="trial"),
    path("mock-trials/<int:pk>/cast/<int:cast_pk>/remove/", trial_views.trial_uncast,
         name="trial_uncast"),
    path("mock-trials/<int:pk>/programme/", trial_views.trial_programme, name="programme"),
    path("calendars/", calendar_views.calendars, name="calendars"),
    path("calendars/renew/", calendar_views.calendar_renew, name="calendar_renew"),
    path("events/", calendar_views.public_events, name="public_events"),
]
