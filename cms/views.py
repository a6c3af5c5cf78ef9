from django.shortcuts import redirect
from django.utils.translation import get_language

from cms.models import MaterialIndexPage


def library(request):
    """A stable URL for the menu (/thu-vien/ is whatever editors named it): send the reader
    to the materials library in their language, or to the home page if there is none."""
    library_page = (
        MaterialIndexPage.objects.live().filter(locale__language_code=get_language()).first()
    )
    if library_page is None:
        library_page = MaterialIndexPage.objects.live().order_by("depth", "path").first()
    return redirect(library_page.get_url(request) if library_page else "/")
