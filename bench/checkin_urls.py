"""The site's URLs plus /bench/insert/: a minimal Django view doing one INSERT."""

import uuid

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from attendance.models import CheckinNonce
from config.urls import urlpatterns as site_urlpatterns


@csrf_exempt
def one_insert(request):
    row = CheckinNonce.objects.create(scope="bench", nonce=uuid.uuid4().hex, response={})
    return JsonResponse({"id": row.pk})


urlpatterns = [path("bench/insert/", one_insert), *site_urlpatterns]
