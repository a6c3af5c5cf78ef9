"""News as RSS 2.0 and Atom 1.0, one feed per language (the URL's language prefix picks
the news index of that language). Links are absolute, from the Wagtail site's root URL,
like the pages' canonical URLs."""

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms import selectors

FEED_LENGTH = 20


@dataclass
class NewsSource:
    index: object
    request: object


class NewsRssFeed(Feed):
    def get_object(self, request, *args, **kwargs):
        index = selectors.news_index_for_language(get_language())
        if index is None:
            raise Http404(_("There is no news in this language."))
        return NewsSource(index=index, request=request)

    def title(self, source):
        return f"{source.index.title} · {_('Lá Lành')}"

    def link(self, source):
        return source.index.get_full_url(source.request)

    def feed_url(self, source):
        return selectors.site_root_url(source.request) + source.request.path

    def description(self, source):
        return source.index.intro or _(
            "News of the school social-work clubs of the city social-work centre."
        )

    def items(self, source):
        stories = list(selectors.news_in(index=source.index)[:FEED_LENGTH])
        for story in stories:
            story.feed_link = story.get_full_url(source.request)
        return stories

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.intro

    def item_link(self, story):
        return story.feed_link

    def item_pubdate(self, story):
        return timezone.make_aware(datetime.combine(story.date, time(0, 0)))

    def item_updateddate(self, story):
        return story.last_published_at


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
