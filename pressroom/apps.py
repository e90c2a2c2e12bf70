from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressroomConfig(AppConfig):
    """Press releases, their topics and contacts, from draft to published."""

    name = "pressroom"
    verbose_name = _("Press room")

    def ready(self) -> None:
        from . import signals

        signals.connect()
