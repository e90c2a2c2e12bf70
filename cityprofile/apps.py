from django.apps import AppConfig


class CityprofileConfig(AppConfig):
    name = "cityprofile"
    verbose_name = "City profile"
