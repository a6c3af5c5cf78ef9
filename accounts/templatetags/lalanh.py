import unicodedata

from django import template

register = template.Library()


@register.filter
def nfc(value):
    """Compose Unicode text (Django's own name for Vietnamese is decomposed, which breaks
    search and matching for people typing precomposed Vietnamese)."""
    return unicodedata.normalize("NFC", str(value))
