from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SearchConfig(AppConfig):
    """The site search over what every app declares in its ``search.py``."""

    name = "search"
    verbose_name = "Site search"

    def ready(self) -> None:
        from . import signals

        autodiscover_modules("search")
        signals.connect()
