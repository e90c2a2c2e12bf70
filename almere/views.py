from ckeditor_uploader import views as editor_views
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseRedirect,
)
from django.templatetags.static import static
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from cityprofile.models import CityProfile, KeyFigure
from partnerships.models import Partnership
from pressroom.models import PressRelease


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            profile=CityProfile.objects.first(),
            key_figures=KeyFigure.objects.on_home_page(),
            latest_releases=PressRelease.objects.published().for_cards()[:3],
            partnerships=Partnership.objects.published()
            .active()
            .select_related("city"),
            **kwargs,
        )


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask for /favicon.ico on pages that name no icon, such as the admin."""
    return HttpResponseRedirect(static("img/favicon.svg"))


def _from_another_site(request: HttpRequest) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin is not None and origin != f"{request.scheme}://{request.get_host()}"


@csrf_exempt
def editor_upload(request: HttpRequest) -> HttpResponse:
    """The editor's image upload, checked before django-ckeditor's view runs.

    That view is exempt from CSRF checks, because CKEditor 4 does not send
    Django's token; a post made by another site is refused here instead.
    """
    if _from_another_site(request):
        return HttpResponseForbidden(
            "Uploads are accepted from this site's editor only."
        )
    if "upload" not in request.FILES:
        return HttpResponseBadRequest("Choose an image file to upload.")
    return editor_views.upload(request)
