from ckeditor_uploader import views as editor_views
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.urls import include, path
from django.views.decorators.cache import never_cache

from .sitemaps import SITEMAPS
from .views import (
    AccessibilityStatementView,
    HomeView,
    editor_upload,
    favicon,
    healthz,
    robots_txt,
    sitemap_index,
    sitemap_section,
)

handler400 = "almere.views.bad_request"
handler403 = "almere.views.permission_denied"
handler404 = "almere.views.page_not_found"
handler500 = "almere.views.server_error"

# Outside the language prefix: what machines fetch, and the admin, which speaks
# the editor's own language (from the browser). The root and every address of a
# public page without its prefix (/press/…, as the site had before it was in two
# languages) are sent on by LocaleMiddleware to the prefix of the language the
# browser prefers: a 302 that varies on Accept-Language and Cookie.
urlpatterns = [
    path("favicon.ico", favicon),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap_index, {"sitemaps": SITEMAPS}, name="sitemap_xml"),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_section,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    # The editor's upload views sit under the admin path, staff-only like the admin.
    path(
        f"{settings.ADMIN_PATH}ckeditor/upload/",
        staff_member_required(editor_upload),
        name="ckeditor_upload",
    ),
    path(
        f"{settings.ADMIN_PATH}ckeditor/browse/",
        never_cache(staff_member_required(editor_views.browse)),
        name="ckeditor_browse",
    ),
    path(settings.ADMIN_PATH, admin.site.urls),
]

# The public site, once per language: /en/…, /nl/….
urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("city/", include("cityprofile.urls")),
    path("press/", include("pressroom.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("search/", include("search.urls")),
    path("accessibility/", AccessibilityStatementView.as_view(), name="accessibility"),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
