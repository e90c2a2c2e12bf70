from django.contrib import admin
from django.db import models


class AlmereAdminSite(admin.AdminSite):
    site_header = "Almere CMS"
    site_title = "Almere CMS"
    index_title = "Content"
    site_url = "/"


class HttpsLinksMixin:
    """Links typed without a scheme ("www.almere.nl") are taken as https."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


RECORD_FIELDS = ("created_at", "updated_at")
# For admins that set fieldsets: the record times, folded away.
RECORD_FIELDSET = ("Record", {"classes": ["collapse"], "fields": RECORD_FIELDS})


class ContentAdmin(HttpsLinksMixin, admin.ModelAdmin):
    """The admin of a piece of content: its record times shown, never edited."""

    readonly_fields = RECORD_FIELDS


class ContentInline(HttpsLinksMixin, admin.TabularInline):
    pass
