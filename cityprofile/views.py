import csv
from collections.abc import Iterable, Sequence

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView

from almere import schema
from almere.i18n import ContentLanguageMixin
from almere.meta import Crumb, MetaImage, PageMeta, PageMetaMixin
from almere.numbers import plain_decimal

from .models import (
    CityProfile,
    DataPoint,
    Indicator,
    KeyFigure,
    Milestone,
    Official,
    ProfilePage,
)

SECTION = Crumb(gettext_lazy("City profile"), reverse_lazy("cityprofile:overview"))


class CityOverviewView(PageMetaMixin, TemplateView):
    template_name = "cityprofile/overview.html"

    def get_context_data(self, **kwargs):
        indicators = Indicator.objects.prefetch_related(
            Prefetch("data_points", queryset=DataPoint.objects.order_by("date"))
        )
        return super().get_context_data(
            profile=CityProfile.objects.first(),
            key_figures=KeyFigure.objects.all(),
            indicators=indicators,
            milestones=Milestone.objects.all(),
            pages=ProfilePage.objects.published(),
            officials=Official.objects.in_office(),
            **kwargs,
        )

    def get_page_meta(self, context):
        return PageMeta(
            gettext("City profile"),
            gettext(
                "Facts and figures about Almere: residents, businesses, its growth "
                "since 1976, and the people who run the city."
            ),
            crumbs=[SECTION],
            # The template lists the same key figures: one query for both.
            structured_data=[
                schema.almere_city(
                    self.request,
                    profile=context["profile"],
                    key_figures=context["key_figures"],
                )
            ],
        )


class ProfilePageDetailView(ContentLanguageMixin, PageMetaMixin, DetailView):
    queryset = ProfilePage.objects.published()
    context_object_name = "page"

    def get_page_meta(self, context):
        page = self.object
        return PageMeta(
            page.title,
            page.summary,
            crumbs=[SECTION, Crumb(page.title, page.get_absolute_url())],
            image=MetaImage.of(
                page.image, page.image_width, page.image_height, page.image_alt
            ),
        )


def _safe_cell(value: object) -> object:
    """Keep spreadsheet programs from running a text cell as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows([_safe_cell(cell) for cell in row] for row in rows)
    return response


@require_safe
def key_figures_csv(request: HttpRequest) -> HttpResponse:
    return _csv_response(
        "almere-key-figures.csv",
        ("label", "value", "unit", "as_of", "as_of_precision", "source", "source_url"),
        (
            (
                figure.label,
                plain_decimal(figure.value),
                figure.unit,
                figure.as_of.isoformat() if figure.as_of else "",
                figure.as_of_precision if figure.as_of else "",
                figure.source_name,
                figure.source_url,
            )
            for figure in KeyFigure.objects.all()
        ),
    )


@require_safe
def indicator_csv(request: HttpRequest, slug: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, slug=slug)
    return _csv_response(
        f"almere-{indicator.slug}.csv",
        ("date", "date_precision", "value", "unit", "source", "source_url"),
        (
            (
                point.date.isoformat(),
                point.date_precision,
                plain_decimal(point.value),
                indicator.unit,
                point.source_name,
                point.source_url,
            )
            for point in indicator.data_points.order_by("date")
        ),
    )
