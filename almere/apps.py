from django.apps import AppConfig
from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from PIL import Image


def _sync_staff_groups(*, using, apps=global_apps, **kwargs) -> None:
    # `flush` sends the signal without the migration state's apps.
    from .staff import sync_staff_groups

    sync_staff_groups(apps=apps, using=using)


class AlmereConfig(AppConfig):
    """Shared pieces: base layout context, rich text, dates, demo commands."""

    name = "almere"
    verbose_name = _("Almere site")

    def ready(self) -> None:
        # Also after `flush`, which empties the groups the data migration made.
        post_migrate.connect(_sync_staff_groups, sender=self)
        from . import checks  # noqa: F401  (registers them)

        # Any change to the content starts a new generation of cached pages.
        from .pagecache import connect_signals

        connect_signals()
        # Pillow warns, then refuses, when an image it opens has more pixels than
        # this: whatever opens one (an upload's check, the editor, the resized
        # copies), a decompression bomb is never decoded.
        Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS


class AlmereAdminConfig(AdminConfig):
    default_site = "almere.admin.AlmereAdminSite"
