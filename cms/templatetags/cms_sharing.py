from django import template

from cms import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def share_image(context, page):
    """The page's picture for link previews (og:image), or None."""
    return selectors.share_image(page=page, request=context.get("request"))
