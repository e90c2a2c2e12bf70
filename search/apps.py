from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The site search over what every app declares in its ``search.py``."""

    name = "search"
    verbose_name = _("Site search")

    def ready(self) -> None:
        from . import signals

        autodiscover_modules("search")
        signals.connect()
