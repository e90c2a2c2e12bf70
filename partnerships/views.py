from django import forms
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import DetailView, ListView
from django_countries import countries

from almere import schema
from almere.filters import FilteredListMixin, QuickSelect
from almere.i18n import ContentLanguageMixin
from almere.meta import Crumb, MetaImage, PageMeta, PageMetaMixin, lower_first
from almere.previews import StaffPreviewMixin
from pressroom.models import PressRelease

from .geo import MAP_HEIGHT, MAP_WIDTH
from .models import PartnerCity, Partnership, Theme
from .services import map_marks, timeline, timeline_prefetches

RELEASES_PER_PAGE = 10
PARTNERSHIPS_PER_PAGE = 24
SECTION = Crumb(gettext_lazy("Partnerships"), reverse_lazy("partnerships:list"))


class PartnershipFilterForm(forms.Form):
    theme = forms.ModelChoiceField(
        label=gettext_lazy("Theme"),
        widget=QuickSelect,
        queryset=Theme.objects.published(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("All themes"),
        error_messages={
            "invalid_choice": gettext_lazy("There is no partnership on that theme.")
        },
    )
    country = forms.ChoiceField(
        label=gettext_lazy("Country"),
        widget=QuickSelect,
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("There is no partner city in %(value)s.")
        },
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        widget=QuickSelect,
        required=False,
        choices=[("", gettext_lazy("Any status")), *Partnership.Status.choices],
        error_messages={
            "invalid_choice": gettext_lazy("There is no status “%(value)s”.")
        },
    )

    def __init__(self, *args, country_codes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        named = sorted((countries.name(code), code) for code in country_codes)
        self.fields["country"].choices = [("", gettext("All countries"))] + [
            (code, name) for name, code in named
        ]


class PartnershipListView(FilteredListMixin, ListView):
    """The map and the list of partnerships, filtered by theme, country or status."""

    filter_form_class = PartnershipFilterForm
    template_name = "partnerships/partnership_list.html"
    context_object_name = "partnerships"
    # The map shows every city the list holds; the cards come a page at a time: 200
    # partnerships made a page of 200 KB that took 120 ms to write.
    paginate_by = PARTNERSHIPS_PER_PAGE

    def get_filter_form_kwargs(self) -> dict:
        cities = PartnerCity.objects.filter(partnerships__is_published=True)
        codes = cities.order_by().values_list("country", flat=True).distinct()
        return {"country_codes": list(codes)}

    def base_queryset(self):
        return Partnership.objects.published().for_cards()

    def filter_queryset(self, partnerships, filters):
        if filters["theme"]:
            partnerships = partnerships.filter(themes=filters["theme"])
        if filters["country"]:
            partnerships = partnerships.filter(city__country=filters["country"])
        if filters["status"]:
            partnerships = partnerships.filter(status=filters["status"])
        return partnerships

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            # Every partnership of the list, not only the page's, and only what
            # the map shows: whole rows took four times as long.
            everywhere = self.object_list.prefetch_related(None).only(
                "slug", "city__name", "city__latitude", "city__longitude"
            )
            context.update(
                map_marks=map_marks(everywhere),
                map_width=MAP_WIDTH,
                map_height=MAP_HEIGHT,
            )
        return context

    def get_page_meta(self, context):
        title = gettext("Partnerships")
        if status := self.filters.get("status"):
            title = gettext("%(status)s partnerships") % {
                "status": Partnership.Status(status).label
            }
        if theme := self.filters.get("theme"):
            title = gettext("%(partnerships)s on %(theme)s") % {
                "partnerships": title,
                "theme": theme.name,
            }
        if country := self.filters.get("country"):
            title = gettext("%(partnerships)s in %(country)s") % {
                "partnerships": title,
                "country": countries.name(country),
            }
        return PageMeta(
            title,
            gettext(
                "The City of Almere's %(list)s: the cities it works with around the "
                "world, on what, and since when."
            )
            % {"list": lower_first(title)},
            crumbs=[SECTION],
        )


class PartnershipDetailView(ContentLanguageMixin, PageMetaMixin, DetailView):
    template_name = "partnerships/partnership_detail.html"
    context_object_name = "partnership"

    def partnerships(self):
        return Partnership.objects.select_related("city").prefetch_related(
            "themes", "institutions", "officials", *timeline_prefetches()
        )

    def get_queryset(self):
        return self.partnerships().published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(timeline=timeline(self.object), **kwargs)

    def get_page_meta(self, context):
        partnership, city = self.object, self.object.city
        return PageMeta(
            gettext("%(city)s, %(country)s: partnership")
            % {"city": city.name, "country": city.country.name},
            partnership.summary,
            # The page at hand: a staff preview's own address until it is public.
            crumbs=[SECTION, Crumb(city.name, self.request.path)],
            image=MetaImage.card(city.image_card_2x, city.image_alt)
            if city.image
            else None,
            structured_data=[schema.partner_city(self.request, city)],
        )


class PartnershipPreviewView(StaffPreviewMixin, PartnershipDetailView):
    """Staff see an unpublished partnership as readers will."""

    permission_required = "partnerships.view_partnership"

    def get_queryset(self):
        return self.partnerships()


class ThemeDetailView(ContentLanguageMixin, PageMetaMixin, ListView):
    """The partnerships on a theme, and the press releases about them."""

    template_name = "partnerships/theme_detail.html"
    context_object_name = "releases"
    paginate_by = RELEASES_PER_PAGE

    def get_queryset(self):
        self.theme = get_object_or_404(
            Theme.objects.published(), slug=self.kwargs["slug"]
        )
        self.partnerships = list(
            Partnership.objects.published().for_cards().filter(themes=self.theme)
        )
        return (
            PressRelease.objects.published()
            .for_cards()
            .filter(partnerships__in=self.partnerships)
            .distinct()
        )

    def translated_object(self):
        return self.theme

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            theme=self.theme, partnerships=self.partnerships, **kwargs
        )

    def get_page_meta(self, context):
        theme = self.theme
        return PageMeta(
            gettext("%(theme)s: partnerships") % {"theme": theme.name},
            theme.description
            or gettext(
                "The City of Almere's partnerships on %(theme)s, and the press "
                "releases about them."
            )
            % {"theme": theme.name},
            crumbs=[SECTION, Crumb(theme.name, theme.get_absolute_url())],
        )
