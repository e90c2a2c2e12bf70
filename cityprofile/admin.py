from django.contrib import admin
from django.db.models import Count
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils.html import format_html

from almere.admin import (
    RECORD_FIELDSET,
    ContentAdmin,
    ContentInline,
    HistoryAdmin,
    TranslatedAdmin,
)
from almere.dates import format_partial_date

from .models import (
    CityProfile,
    DataPoint,
    Indicator,
    KeyFigure,
    Milestone,
    Official,
    ProfilePage,
)


@admin.register(CityProfile)
class CityProfileAdmin(TranslatedAdmin, HistoryAdmin):
    """Edited as a singleton: the list leads straight to the one record."""

    fieldsets = [
        (None, {"fields": ["name", "tagline", "introduction"]}),
        RECORD_FIELDSET,
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not CityProfile.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        profile = CityProfile.objects.first()
        if profile is not None:
            return redirect("admin:cityprofile_cityprofile_change", profile.pk)
        if self.has_add_permission(request):
            return redirect("admin:cityprofile_cityprofile_add")
        return super().changelist_view(request, extra_context)


class StaleFilter(admin.SimpleListFilter):
    title = "freshness"
    parameter_name = "freshness"

    def lookups(self, request, model_admin):
        return [("stale", "Older than a year"), ("fresh", "Current or timeless")]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.stale()
        if self.value() == "fresh":
            return queryset.fresh()
        return queryset


@admin.register(KeyFigure)
class KeyFigureAdmin(TranslatedAdmin, ContentAdmin):
    list_display = [
        "label",
        "value_with_unit",
        "as_of_shown",
        "freshness",
        "show_on_home",
        "order",
    ]
    list_editable = ["show_on_home", "order"]
    list_filter = [StaleFilter, "show_on_home"]
    search_fields = ["label", "unit", "source_name"]
    fieldsets = [
        (None, {"fields": ["label", ("value", "value_format", "unit")]}),
        ("As of", {"fields": [("as_of", "as_of_precision")]}),
        ("Source", {"fields": ["source_name", "source_url"]}),
        ("Display", {"fields": ["show_on_home", "order", "meaning"]}),
        RECORD_FIELDSET,
    ]

    @admin.display(description="value", ordering="value")
    def value_with_unit(self, obj: KeyFigure) -> str:
        return f"{obj.display_value} {obj.unit}".strip()

    @admin.display(description="as of", ordering="as_of")
    def as_of_shown(self, obj: KeyFigure) -> str:
        if obj.as_of is None:
            return "timeless"
        return format_partial_date(obj.as_of, obj.as_of_precision)[0]

    @admin.display(description="freshness")
    def freshness(self, obj: KeyFigure) -> str:
        if obj.is_stale():
            return format_html('<strong class="stale">{}</strong>', "Stale: refresh")
        return "Current"


class DataPointInline(ContentInline):
    model = DataPoint
    extra = 1
    fields = ["date", "date_precision", "value", "source_name", "source_url"]


@admin.register(Indicator)
class IndicatorAdmin(TranslatedAdmin, ContentAdmin):
    list_display = ["name", "unit", "data_point_count", "order"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DataPointInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(data_point_total=Count("data_points"))
        )

    @admin.display(description="data points", ordering="data_point_total")
    def data_point_count(self, obj: Indicator) -> int:
        return obj.data_point_total


@admin.register(Milestone)
class MilestoneAdmin(TranslatedAdmin, ContentAdmin):
    list_display = ["title", "date", "date_precision"]
    search_fields = ["title", "description"]
    date_hierarchy = "date"


@admin.register(ProfilePage)
class ProfilePageAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = ["title", "is_published", "order", "updated_at"]
    list_editable = ["order"]
    list_filter = ["is_published"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("Image", {"fields": ["image", "image_alt"]}),
        ("Publication", {"fields": ["is_published", "order"]}),
        RECORD_FIELDSET,
    ]


@admin.register(Official)
class OfficialAdmin(TranslatedAdmin, ContentAdmin):
    list_display = ["name", "role", "portfolio", "term_start", "term_end", "order"]
    list_editable = ["order"]
    list_filter = ["role"]
    search_fields = ["name", "portfolio"]
