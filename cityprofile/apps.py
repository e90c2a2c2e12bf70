from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CityprofileConfig(AppConfig):
    name = "cityprofile"
    verbose_name = _("City profile")
