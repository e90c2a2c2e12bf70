from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    """Partner cities, the agreements with them, and what happened since."""

    name = "partnerships"
