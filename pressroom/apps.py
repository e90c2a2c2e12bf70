from django.apps import AppConfig


class PressroomConfig(AppConfig):
    """Press releases, their topics and contacts, from draft to published."""

    name = "pressroom"
    verbose_name = "Press room"

    def ready(self) -> None:
        from . import signals

        signals.connect()
