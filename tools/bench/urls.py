from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import cache_control

from almere.urls import urlpatterns as site


# Never kept by the page cache: the yardstick measures Django itself.
@cache_control(no_store=True)
def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal/", minimal), *site]
