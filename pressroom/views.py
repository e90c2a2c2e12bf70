from django import forms
from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.views.generic import (
    DetailView,
    ListView,
    MonthArchiveView,
    YearArchiveView,
)

from almere.filters import FilteredListMixin
from almere.previews import StaffPreviewMixin
from partnerships.models import Partnership

from .models import PressContact, PressRelease, PreviousAddress, Topic

PAGE_SIZE = 10


class ReleaseFilterForm(forms.Form):
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All topics",
        error_messages={"invalid_choice": "There is no such topic."},
    )
    year = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={
            "invalid_choice": "There are no press releases from %(value)s."
        },
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "All years")] + [(y, y) for y in years]


class PressReleaseListView(FilteredListMixin, ListView):
    """Newest first, filtered by topic and year, the filters kept across pages."""

    filter_form_class = ReleaseFilterForm
    paginate_by = PAGE_SIZE
    template_name = "pressroom/pressrelease_list.html"

    def get_filter_form_kwargs(self) -> dict:
        releases = PressRelease.objects.published()
        years = releases.dates("published_at", "year", order="DESC")
        return {"years": [day.year for day in years]}

    def base_queryset(self):
        return PressRelease.objects.published().for_cards()

    def filter_queryset(self, releases, filters):
        if topic := filters["topic"]:
            releases = releases.filter(topics=topic)
        if year := filters["year"]:
            releases = releases.filter(published_at__year=year)
        return releases


class ArchiveMixin:
    date_field = "published_at"
    paginate_by = PAGE_SIZE
    context_object_name = "releases"

    def get_queryset(self):
        # A fresh "now" for every request: scheduled releases appear on time.
        return PressRelease.objects.published().for_cards()


class PressReleaseYearArchiveView(ArchiveMixin, YearArchiveView):
    make_object_list = True


class PressReleaseMonthArchiveView(ArchiveMixin, MonthArchiveView):
    month_format = "%m"


class TopicReleaseListView(ListView):
    paginate_by = PAGE_SIZE
    template_name = "pressroom/topic_detail.html"
    context_object_name = "releases"

    def get_queryset(self):
        # A topic without public releases has no page, as in the sitemap.
        self.topic = get_object_or_404(
            Topic.objects.published(), slug=self.kwargs["slug"]
        )
        return PressRelease.objects.published().for_cards().filter(topics=self.topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class ReleaseDetailMixin:
    model = PressRelease
    context_object_name = "release"
    template_name = "pressroom/pressrelease_detail.html"

    def releases(self):
        return PressRelease.objects.select_related("contact").prefetch_related(
            "topics",
            "officials_quoted",
            "attachments",
            "corrections",
            Prefetch(
                "partnerships",
                Partnership.objects.published().select_related("city"),
                to_attr="public_partnerships",
            ),
        )

    def get_context_data(self, **kwargs):
        release = self.object
        context = {
            "contact": release.contact or PressContact.objects.default(),
            "related": [],
            "previous": None,
            "next": None,
        }
        if release.is_public:
            context["related"] = release.related()
            context["previous"], context["next"] = release.neighbours()
        return super().get_context_data(**context, **kwargs)


class PressReleaseDetailView(ReleaseDetailMixin, DetailView):
    """A public or withdrawn release; an address it had before redirects here."""

    def get(self, request, *args, **kwargs):
        year, month, slug = kwargs["year"], kwargs["month"], kwargs["slug"]
        self.object = (
            self.releases()
            .at_their_address()
            .filter(slug=slug, published_at__year=year, published_at__month=month)
            .first()
        )
        if self.object is None:
            return self.redirect_from_previous_address(year, month, slug)
        return self.render_to_response(self.get_context_data(object=self.object))

    def redirect_from_previous_address(self, year, month, slug):
        moved = (
            PreviousAddress.objects.filter(
                year=year,
                month=month,
                slug=slug,
                release__in=PressRelease.objects.at_their_address(),
            )
            .select_related("release")
            .first()
        )
        if moved is None:
            raise Http404("No press release at this address.")
        return HttpResponsePermanentRedirect(moved.release.get_absolute_url())


class PressReleasePreviewView(StaffPreviewMixin, ReleaseDetailMixin, DetailView):
    """Staff see any release as readers will, under a "not public" banner."""

    permission_required = "pressroom.view_pressrelease"

    def get_queryset(self):
        return self.releases()
