"""Type names shared by the apps' signatures."""

from typing import TYPE_CHECKING

from django.utils.functional import Promise

if TYPE_CHECKING:
    # django-stubs' lazy-string type: what gettext_lazy returns, as Django's APIs expect it.
    from django_stubs_ext import StrOrPromise as StrOrPromise
else:
    StrOrPromise = str | Promise
