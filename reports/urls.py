from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.yearly, name="yearly"),
    path("clubs/<slug:slug>/topics/", views.topic_gaps, name="topic_gaps"),
]
