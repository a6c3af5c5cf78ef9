from django import template

from cms.search_text import highlight as highlight_words

register = template.Library()


@register.simple_tag
def highlight(text, words):
    """`text` with the reader's search words marked, in whatever spelling the text uses."""
    return highlight_words(text, words or [])
