from django.urls import path

from cms import feeds, views

app_name = "cms"

urlpatterns = [
    path("library/", views.library, name="library"),
    path("news/rss.xml", feeds.NewsRssFeed(), name="news_rss"),
    path("news/atom.xml", feeds.NewsAtomFeed(), name="news_atom"),
]
