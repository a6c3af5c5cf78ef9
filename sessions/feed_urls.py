"""Language-neutral calendar feed URLs: calendar apps keep them for years."""

from django.urls import path

from sessions import feed_views

app_name = "feeds"

# Addresses are secrets.token_urlsafe (A-Z a-z 0-9 - _): the slug converter's alphabet. Any
# other character (a NUL byte, which PostgreSQL refuses in a query) is a plain 404.

urlpatterns = [
    path("public.ics", feed_views.public_feed, name="public"),
    path("centre.ics", feed_views.centre_feed, name="centre"),
    path("club/<slug:slug>.ics", feed_views.club_feed, name="club"),
    path("member/<slug:token>.ics", feed_views.member_feed, name="member"),
    path("t/<slug:token>.ics", feed_views.token_feed, name="token"),
]
