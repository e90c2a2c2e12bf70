from ckeditor_uploader import views as editor_views
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseRedirect,
)
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from cityprofile.models import CityProfile, KeyFigure
from partnerships.models import Partnership
from pressroom.models import PressRelease

from . import schema
from .meta import DEFAULT_DESCRIPTION, SITE_NAME, Crumb, PageMeta, PageMetaMixin


class HomeView(PageMetaMixin, TemplateView):
    template_name = "home.html"

    def get_page_meta(self, context):
        return PageMeta(
            SITE_NAME,
            DEFAULT_DESCRIPTION,
            structured_data=schema.home_page(self.request),
        )

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


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The site's 404 page, in the site's layout; search engines are told to skip it."""
    meta = PageMeta(
        "Page not found",
        "There is no page at this address on the website of the City of Almere.",
        crumbs=[Crumb("Page not found")],
        noindex=True,
    )
    html = loader.render_to_string("404.html", {"page_meta": meta}, request)
    return HttpResponseNotFound(html)


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
