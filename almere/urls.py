from ckeditor_uploader import views as editor_views
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.urls import include, path
from django.views.decorators.cache import never_cache

from .views import HomeView, editor_upload, favicon

handler404 = "almere.views.page_not_found"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("city/", include("cityprofile.urls")),
    path("press/", include("pressroom.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("favicon.ico", favicon),
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

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
