import datetime
import json
import re

from ckeditor_uploader import views as editor_views
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import ValidationError
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseRedirect,
    JsonResponse,
)
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from cityprofile.models import CityProfile, KeyFigure
from partnerships.models import Partnership
from pressroom.models import PressRelease

from . import schema
from .meta import DEFAULT_DESCRIPTION, SITE_NAME, Crumb, PageMeta, PageMetaMixin
from .uploads import clean_image

LATEST_RELEASES = 3


class HomeView(PageMetaMixin, TemplateView):
    template_name = "home.html"

    def get_page_meta(self, context):
        return PageMeta(
            SITE_NAME,
            DEFAULT_DESCRIPTION,
            structured_data=schema.home_page(self.request),
        )

    def get_context_data(self, **kwargs):
        releases = PressRelease.objects.published().for_cards()
        return super().get_context_data(
            profile=CityProfile.objects.first(),
            key_figures=KeyFigure.objects.on_home_page(),
            latest_releases=releases[:LATEST_RELEASES],
            partnerships=Partnership.objects.published()
            .active()
            .select_related("city"),
            **kwargs,
        )


class AccessibilityStatementView(PageMetaMixin, TemplateView):
    template_name = "accessibility.html"
    # The date of the last review of the statement against the checks it names.
    reviewed_on = datetime.date(2026, 11, 29)

    def get_page_meta(self, context):
        return PageMeta(
            "Accessibility statement",
            "How accessible this website of the City of Almere is, how it is "
            "checked, what is known not to work, and how to report a problem.",
            crumbs=[Crumb("Accessibility statement", reverse("accessibility"))],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reviewed_on=self.reviewed_on,
            contact_email=settings.ACCESSIBILITY_CONTACT_EMAIL,
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


def sitemap_index(
    request: HttpRequest, sitemaps: dict[str, type[Sitemap]]
) -> HttpResponse:
    """Django's sitemap index, naming only the sections that have pages."""
    sections = {name: section() for name, section in sitemaps.items()}
    with_pages = {
        name: section for name, section in sections.items() if section.paginator.count
    }
    return sitemap_views.index(request, with_pages, sitemap_url_name="sitemap_section")


# Staff-only addresses below these URL names; a preview's address is its prefix
# followed by the number of what it shows.
PREVIEWS = ("pressroom:preview", "partnerships:preview")


def _staff_only_paths() -> list[str]:
    previews = [reverse(name, args=[0]).removesuffix("0/") for name in PREVIEWS]
    return [reverse("admin:index"), *previews]


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the site, not the admin or previews; it names the sitemap."""
    lines = [
        "User-agent: *",
        # Before "Allow: /": some crawlers take the first rule that matches.
        *(f"Disallow: {path}" for path in _staff_only_paths()),
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_xml'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def _from_another_site(request: HttpRequest) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin is not None and origin != f"{request.scheme}://{request.get_host()}"


# The number of the editor's callback, when the upload came from its image dialog.
_CALLBACK_NUMBER = re.compile(r"[0-9]{1,9}")
# A JavaScript string inside a <script> element: nothing in it can end the element.
_JS_IN_HTML = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _refused_upload(callback: str, message: str) -> HttpResponse:
    """The refusal in CKEditor's terms, so that the editor shows the message.

    CKEditor 4 uploads with XHR and reads JSON; posting from a frame instead
    (``filebrowserUploadMethod: "form"``), it expects a script calling it back.
    Either way the answer is 200, or CKEditor shows no message of ours.
    """
    if callback:
        text = json.dumps(message).translate(_JS_IN_HTML)
        return HttpResponse(
            "<script>window.parent.CKEDITOR.tools.callFunction"
            f"({callback}, '', {text});</script>"
        )
    return JsonResponse({"uploaded": 0, "error": {"message": message}})


@csrf_exempt
def editor_upload(request: HttpRequest) -> HttpResponse:
    """The editor's image upload, checked and cleaned before django-ckeditor's
    view stores it.

    That view is exempt from CSRF checks, because CKEditor 4 does not send
    Django's token; a post made by another site is refused here instead. The
    image passes the same checks as any other (``almere.uploads.clean_image``)
    and is stored re-encoded, without its metadata, under a safe name.
    """
    if _from_another_site(request):
        return HttpResponseForbidden(
            "Uploads are accepted from this site's editor only."
        )
    callback = request.GET.get("CKEditorFuncNum", "")
    if callback and not _CALLBACK_NUMBER.fullmatch(callback):
        # django-ckeditor writes it into a script as it is.
        return HttpResponseBadRequest("CKEditorFuncNum must be a number.")
    if "upload" not in request.FILES:
        return HttpResponseBadRequest("Choose an image file to upload.")
    try:
        request.FILES["upload"] = clean_image(request.FILES["upload"])
    except ValidationError as error:
        return _refused_upload(callback, " ".join(error.messages))
    return editor_views.upload(request)
