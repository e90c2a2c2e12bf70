from django.urls import path

from . import feeds, views

app_name = "partnerships"

urlpatterns = [
    path("", views.PartnershipListView.as_view(), name="list"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme"),
    path("preview/<int:pk>/", views.PartnershipPreviewView.as_view(), name="preview"),
    path("<slug:slug>/", views.PartnershipDetailView.as_view(), name="detail"),
    path("<slug:slug>/feed/", feeds.PartnershipReleasesFeed(), name="feed"),
    path(
        "<slug:slug>/feed/atom/", feeds.PartnershipReleasesAtomFeed(), name="atom_feed"
    ),
]
