from django.http import HttpResponse
from django.urls import path

from almere.urls import urlpatterns as site


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal/", minimal), *site]
