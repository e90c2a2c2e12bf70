from django.urls import path, register_converter

from . import converters, feeds, views

register_converter(converters.YearConverter, "yyyy")
register_converter(converters.MonthConverter, "mm")

app_name = "pressroom"

urlpatterns = [
    path("", views.PressReleaseListView.as_view(), name="list"),
    path("feed/", feeds.LatestReleasesFeed(), name="feed"),
    path("feed/atom/", feeds.LatestReleasesAtomFeed(), name="atom_feed"),
    path("topics/<slug:slug>/", views.TopicReleaseListView.as_view(), name="topic"),
    path("topics/<slug:slug>/feed/", feeds.TopicReleasesFeed(), name="topic_feed"),
    path(
        "topics/<slug:slug>/feed/atom/",
        feeds.TopicReleasesAtomFeed(),
        name="topic_atom_feed",
    ),
    path("preview/<int:pk>/", views.PressReleasePreviewView.as_view(), name="preview"),
    path("<yyyy:year>/", views.PressReleaseYearArchiveView.as_view(), name="year"),
    path(
        "<yyyy:year>/<mm:month>/",
        views.PressReleaseMonthArchiveView.as_view(),
        name="month",
    ),
    path(
        "<yyyy:year>/<mm:month>/<slug:slug>/",
        views.PressReleaseDetailView.as_view(),
        name="detail",
    ),
]
