from ckeditor_uploader import views as editor_views
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.templatetags.static import static
from django.views.generic import TemplateView

from cityprofile.models import CityProfile, KeyFigure


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            profile=CityProfile.objects.first(),
            key_figures=KeyFigure.objects.on_home_page(),
            **kwargs,
        )


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask for /favicon.ico on pages that name no icon, such as the admin."""
    return HttpResponseRedirect(static("img/favicon.svg"))


def editor_upload(request: HttpRequest) -> HttpResponse:
    """The editor's image upload, answering a post without a file with a 400."""
    if "upload" not in request.FILES:
        return HttpResponseBadRequest("Choose an image file to upload.")
    return editor_views.upload(request)
