from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class AlmereConfig(AppConfig):
    """Shared pieces: base layout context, rich text, dates, demo commands."""

    name = "almere"
    verbose_name = "Almere site"


class AlmereAdminConfig(AdminConfig):
    default_site = "almere.admin.AlmereAdminSite"
