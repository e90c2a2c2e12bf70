from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    """Partner cities, the agreements with them, and what happened since."""

    name = "partnerships"
    verbose_name = _("Partnerships")
