from django.urls import path

from . import views

app_name = "cityprofile"

urlpatterns = [
    path("", views.CityOverviewView.as_view(), name="overview"),
    path("key-figures.csv", views.key_figures_csv, name="key_figures_csv"),
    path("indicators/<slug:slug>.csv", views.indicator_csv, name="indicator_csv"),
    path("<slug:slug>/", views.ProfilePageDetailView.as_view(), name="page"),
]
