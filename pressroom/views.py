from django import forms
from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils import dateformat
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import (
    DetailView,
    ListView,
    MonthArchiveView,
    YearArchiveView,
)

from almere import schema
from almere.filters import FilteredListMixin, QuickSelect
from almere.i18n import ContentLanguageMixin
from almere.meta import Crumb, MetaImage, PageMeta, PageMetaMixin, lower_first
from almere.pagination import KeysFirstPaginator
from almere.previews import StaffPreviewMixin
from partnerships.models import Partnership

from .models import PressContact, PressRelease, PreviousAddress, Topic

PAGE_SIZE = 10
SECTION = Crumb(gettext_lazy("Press releases"), reverse_lazy("pressroom:list"))


def year_crumb(year: int) -> Crumb:
    return Crumb(str(year), reverse("pressroom:year", args=[year]))


class ReleaseFilterForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=gettext_lazy("Topic"),
        widget=QuickSelect,
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("All topics"),
        error_messages={"invalid_choice": gettext_lazy("There is no such topic.")},
    )
    year = forms.TypedChoiceField(
        label=gettext_lazy("Year"),
        widget=QuickSelect,
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={
            "invalid_choice": gettext_lazy(
                "There are no press releases from %(value)s."
            )
        },
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", gettext("All years"))] + [
            (y, y) for y in years
        ]


class PressReleaseListView(FilteredListMixin, ListView):
    """Newest first, filtered by topic and year, the filters kept across pages."""

    filter_form_class = ReleaseFilterForm
    paginate_by = PAGE_SIZE
    paginator_class = KeysFirstPaginator
    template_name = "pressroom/pressrelease_list.html"

    def get_filter_form_kwargs(self) -> dict:
        return {"years": PressRelease.objects.published().years()}

    def base_queryset(self):
        return PressRelease.objects.published().for_cards()

    def filter_queryset(self, releases, filters):
        if topic := filters["topic"]:
            releases = releases.filter(topics=topic)
        if year := filters["year"]:
            releases = releases.filter(published_at__year=year)
        return releases

    def get_page_meta(self, context):
        topic, year = self.filters.get("topic"), self.filters.get("year")
        if topic and year:
            title = gettext("Press releases on %(topic)s from %(year)s") % {
                "topic": topic.name,
                "year": year,
            }
        elif topic:
            title = gettext("Press releases on %(topic)s") % {"topic": topic.name}
        elif year:
            title = gettext("Press releases from %(year)s") % {"year": year}
        else:
            title = gettext("Press releases")
        return PageMeta(
            title,
            gettext(
                "The City of Almere's %(list)s, newest first: news about the city, "
                "with photos, documents and press contacts."
            )
            % {"list": lower_first(title)},
            crumbs=[SECTION],
        )


class ArchiveMixin(PageMetaMixin):
    date_field = "published_at"
    paginate_by = PAGE_SIZE
    paginator_class = KeysFirstPaginator
    context_object_name = "releases"

    def get_queryset(self):
        # A fresh "now" for every request: scheduled releases appear on time.
        return PressRelease.objects.published().for_cards()


class PressReleaseYearArchiveView(ArchiveMixin, YearArchiveView):
    make_object_list = True

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        """The months of the year with releases, asked a month at a time
        (``months()``): Django's own reads every release of the year."""
        months = queryset.months(int(self.get_year()))
        if not months and not self.get_allow_empty():
            raise Http404("No press release in this year.")
        return months

    def get_page_meta(self, context):
        year = context["year"].year
        return PageMeta(
            gettext("Press releases from %(year)s") % {"year": year},
            gettext(
                "The press releases the City of Almere published in %(year)s, "
                "month by month."
            )
            % {"year": year},
            crumbs=[SECTION, year_crumb(year)],
        )


class PressReleaseMonthArchiveView(ArchiveMixin, MonthArchiveView):
    month_format = "%m"

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        # The page lists the month's releases, not the days they came out on:
        # not asked. An empty month is a 404 already (get_dated_queryset).
        return None

    def get_page_meta(self, context):
        month = context["month"]
        shown = dateformat.format(month, "F Y")
        return PageMeta(
            gettext("Press releases from %(month)s") % {"month": shown},
            gettext("The press releases the City of Almere published in %(month)s.")
            % {"month": shown},
            crumbs=[
                SECTION,
                year_crumb(month.year),
                Crumb(
                    dateformat.format(month, "F"),
                    reverse("pressroom:month", args=[month.year, month.month]),
                ),
            ],
        )


class TopicReleaseListView(ContentLanguageMixin, PageMetaMixin, ListView):
    paginate_by = PAGE_SIZE
    paginator_class = KeysFirstPaginator
    template_name = "pressroom/topic_detail.html"
    context_object_name = "releases"

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return PressRelease.objects.published().for_cards().filter(topics=self.topic)

    def paginate_queryset(self, queryset, page_size):
        paginated = super().paginate_queryset(queryset, page_size)
        # A topic without public releases has no page, as in the sitemap. Its first
        # page shows whether it has any: asking the database first cost 7 ms at
        # 100,000 releases, as much as the rest of the page's queries.
        if not paginated[2]:
            raise Http404("No public press release on this topic.")
        return paginated

    def translated_object(self):
        return self.topic

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)

    def get_page_meta(self, context):
        topic = self.topic
        return PageMeta(
            gettext("%(topic)s: press releases") % {"topic": topic.name},
            topic.description
            or gettext("The City of Almere's press releases on %(topic)s.")
            % {"topic": topic.name},
            crumbs=[SECTION, Crumb(topic.name, topic.get_absolute_url())],
        )


class ReleaseDetailMixin(ContentLanguageMixin, PageMetaMixin):
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

    def get_page_meta(self, context):
        release = self.object
        crumbs = [SECTION]
        article = {}
        if release.published_at is not None:
            crumbs.append(year_crumb(release.published_on.year))
            article = {
                "published_time": schema.release_published(release),
                "modified_time": schema.release_modified(release),
            }
        # The page at hand: a staff preview's own address until it is public.
        crumbs.append(Crumb(Truncator(release.title).chars(60), self.request.path))
        return PageMeta(
            release.title,
            release.lead,
            crumbs=crumbs,
            og_type="article",
            image=MetaImage.card(release.image_card_2x, release.image_alt)
            if release.image
            else None,
            # A withdrawn release keeps its address for those who link to it,
            # but search engines should let it go.
            noindex=release.is_withdrawn,
            structured_data=[schema.news_article(self.request, release)],
            article=article,
        )


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
