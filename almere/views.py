import datetime
import json
import logging
import re

from ckeditor_uploader import views as editor_views
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.template import loader
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.html import escape, format_html
from django.utils.timezone import is_aware
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from cityprofile.models import CityProfile, KeyFigure
from partnerships.models import Partnership
from pressroom.models import PressRelease

from . import schema
from .i18n import site_languages
from .meta import DEFAULT_DESCRIPTION, SITE_NAME, Crumb, PageMeta, PageMetaMixin
from .uploads import clean_image

LATEST_RELEASES = 3
# The partnerships begun most recently; the partnerships page has them all.
HOME_PARTNERSHIPS = 6
# Seconds readers and crawlers are asked to wait while the database is unavailable.
RETRY_AFTER = 30

logger = logging.getLogger(__name__)


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
            .select_related("city")
            .order_by("-started_on", "pk")[:HOME_PARTNERSHIPS],
            **kwargs,
        )


class AccessibilityStatementView(PageMetaMixin, TemplateView):
    template_name = "accessibility.html"
    # The date of the last review of the statement against the checks it names.
    reviewed_on = datetime.date(2026, 11, 29)

    def get_page_meta(self, context):
        title = gettext("Accessibility statement")
        return PageMeta(
            title,
            gettext(
                "How accessible this website of the City of Almere is, how it is "
                "checked, what is known not to work, and how to report a problem."
            ),
            crumbs=[Crumb(title, reverse("accessibility"))],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reviewed_on=self.reviewed_on,
            contact_email=settings.ACCESSIBILITY_CONTACT_EMAIL,
            **kwargs,
        )


# The error pages render from the request alone, never from the database: they
# must work when it is what failed. Search engines are told to skip them.


def _error_meta(title: str, description: str) -> PageMeta:
    return PageMeta(title, description, crumbs=[Crumb(title)], noindex=True)


def _render_error(request: HttpRequest, template: str, meta: PageMeta, **context):
    return loader.render_to_string(template, {"page_meta": meta, **context}, request)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    meta = _error_meta(
        gettext("Bad request"),
        gettext("The website of the City of Almere could not understand this request."),
    )
    return HttpResponseBadRequest(_render_error(request, "400.html", meta))


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    meta = _error_meta(
        gettext("Access denied"),
        gettext("This page of the website of the City of Almere is not open to you."),
    )
    return HttpResponseForbidden(_render_error(request, "403.html", meta))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token: the reason is logged, not shown."""
    meta = _error_meta(
        gettext("Form not sent"),
        gettext(
            "A form sent to the website of the City of Almere was refused because "
            "it had expired."
        ),
    )
    html = _render_error(request, "403.html", meta, csrf_failure=True)
    return HttpResponseForbidden(html)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    meta = _error_meta(
        gettext("Page not found"),
        gettext(
            "There is no page at this address on the website of the City of Almere."
        ),
    )
    return HttpResponseNotFound(_render_error(request, "404.html", meta))


def bare_server_error() -> str:
    """For when even the site's layout cannot be rendered: a page of its own."""
    return format_html(
        "<!doctype html><html lang={}><meta charset=utf-8>"
        "<title>{} · {}</title><h1>{}</h1><p>{}</p>",
        translation.get_language() or settings.LANGUAGE_CODE,
        gettext("Something went wrong"),
        SITE_NAME,
        gettext("Something went wrong"),
        gettext(
            "The page could not be shown because of an error on our side. "
            "Please try again in a few minutes."
        ),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    meta = _error_meta(
        gettext("Something went wrong"),
        gettext(
            "The website of the City of Almere could not show this page because of "
            "an error on its side."
        ),
    )
    try:
        html = _render_error(request, "500.html", meta)
    except Exception:
        # The error may lie in what every page renders (a template tag, a context
        # processor), and then the layout fails again: a bare page has to do.
        logger.exception("The 500 page could not be rendered in the site's layout")
        html = bare_server_error()
    response = HttpResponseServerError(html)
    add_never_cache_headers(response)
    return response


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """While the database is unreachable (see almere.middleware)."""
    meta = _error_meta(
        gettext("Temporarily unavailable"),
        gettext(
            "The website of the City of Almere cannot show pages just now. Please "
            "try again in a few minutes."
        ),
    )
    response = HttpResponse(_render_error(request, "503.html", meta), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    # Neither browsers nor a cache in front may keep the outage once it is over.
    add_never_cache_headers(response)
    return response


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: 200 while the database answers, 503 when it does not.

    Connecting gives up after DATABASE_CONNECT_TIMEOUT seconds on PostgreSQL.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check failed: %s", str(error).strip())
        return HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain"
        )
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask for /favicon.ico on pages that name no icon, such as the admin."""
    return HttpResponseRedirect(static("img/favicon.svg"))


@require_safe
def sitemap_index(
    request: HttpRequest, sitemaps: dict[str, type[Sitemap]]
) -> HttpResponse:
    """Django's sitemap index, naming only the sections that have pages."""
    sections = {name: section() for name, section in sitemaps.items()}
    with_pages = {
        name: section for name, section in sections.items() if section.paginator.count
    }
    return sitemap_views.index(request, with_pages, sitemap_url_name="sitemap_section")


@require_safe
def sitemap_section(
    request: HttpRequest, sitemaps: dict[str, type[Sitemap]], section: str
) -> HttpResponse:
    """Django's sitemap of one section, its XML written by :func:`urlset_xml`
    rather than by its template: a page of a thousand releases took 60 ms in
    the template and takes a few here. Django still pages the section, answers
    404 for a page that does not exist and sets Last-Modified."""
    response = sitemap_views.sitemap(request, sitemaps, section=section)
    if isinstance(response, TemplateResponse) and not response.is_rendered:
        response.content = urlset_xml(response.context_data["urlset"])
    return response


def urlset_xml(urlset: list[dict]) -> str:
    """The XML Django's ``sitemap.xml`` template writes for these entries."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url in urlset:
        parts = [f"<url><loc>{escape(url['location'])}</loc>"]
        if lastmod := url["lastmod"]:
            if isinstance(lastmod, datetime.datetime):
                lastmod = timezone.localtime(lastmod) if is_aware(lastmod) else lastmod
            parts.append(f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>")
        if changefreq := url["changefreq"]:
            parts.append(f"<changefreq>{escape(changefreq)}</changefreq>")
        if priority := url["priority"]:
            parts.append(f"<priority>{escape(priority)}</priority>")
        parts += [
            f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}"'
            f' href="{escape(alternate["location"])}"/>'
            for alternate in url["alternates"]
        ]
        parts.append("</url>")
        lines.append("".join(parts))
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


# Staff-only addresses below these URL names; a preview's address is its prefix
# followed by the number of what it shows.
PREVIEWS = ("pressroom:preview", "partnerships:preview")


def _staff_only_paths() -> list[str]:
    previews = []
    for language in site_languages():
        with translation.override(language):
            previews += [
                reverse(name, args=[0]).removesuffix("0/") for name in PREVIEWS
            ]
    return [reverse("admin:index"), *previews]


@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the site, not the admin or previews; it names the sitemap.

    It changes only with a deploy: kept an hour by crawlers and a CDN, and never
    in the page cache, which would cost it a query.
    """
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
