from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse

from almere.admin import (
    RECORD_FIELDSET,
    ContentAdmin,
    ContentInline,
    HistoryAdmin,
    TranslatedAdmin,
    TranslatedStackedInline,
    state_before_restore,
)
from pressroom.admin import can_publish
from pressroom.models import PressRelease
from pressroom.signals import record_links

from .models import (
    Activity,
    AgreementStage,
    Institution,
    PartnerCity,
    Partnership,
    Theme,
)


def may_publish(request) -> bool:
    return request.user.has_perm("partnerships.publish_partnership")


@admin.register(Theme)
class ThemeAdmin(TranslatedAdmin, ContentAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Institution)
class InstitutionAdmin(TranslatedAdmin, ContentAdmin):
    list_display = ["name", "kind", "city", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "city"]


@admin.register(PartnerCity)
class PartnerCityAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = ["name", "country", "region", "latitude", "longitude"]
    list_filter = ["country"]
    search_fields = ["name", "region"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "country", "region", "description"]}),
        (
            "Location",
            {
                "description": "Decimal degrees, as map sites give them; they place "
                "the city on the map and give its distance from Almere.",
                "fields": ["latitude", "longitude"],
            },
        ),
        ("Facts", {"fields": ["population", "population_year", "website"]}),
        ("Image", {"fields": ["image", "image_alt"]}),
        RECORD_FIELDSET,
    ]


class AgreementStageInline(TranslatedStackedInline):
    model = AgreementStage
    extra = 0
    autocomplete_fields = ["almere_signatories"]
    fields = [
        ("stage", "date", "date_precision"),
        "almere_signatories",
        "partner_signatories",
        "document",
        "note",
    ]


class ActivityInline(TranslatedStackedInline):
    model = Activity
    extra = 0
    autocomplete_fields = ["officials"]
    fields = [
        ("title", "kind"),
        ("starts_on", "starts_precision", "ends_on"),
        ("place", "companies"),
        "officials",
        "description",
    ]


class ReleaseLinkForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.linked_before = self.instance.pressrelease if self.instance.pk else None


class ReleaseLinkFormSet(BaseInlineFormSet):
    """Linking a public release changes its page: that takes the right to publish."""

    may_publish = False

    def clean(self) -> None:
        super().clean()
        if self.may_publish:
            return
        deleted = self.deleted_forms
        for form in self.forms:
            if not (form.has_changed() or form in deleted):
                continue
            releases = {form.cleaned_data.get("pressrelease"), form.linked_before}
            if any(r and r.status != PressRelease.Status.DRAFT for r in releases):
                raise ValidationError(
                    "Only publishers can link or unlink a published press release; "
                    "drafts anyone may link."
                )

    def save(self, commit=True):
        saved = super().save(commit)
        changed = [f for f in self.forms if f.has_changed() or f in self.deleted_forms]
        releases = {f.cleaned_data.get("pressrelease") for f in changed}
        releases |= {f.linked_before for f in changed}
        record_links(release for release in releases if release is not None)
        return saved


class PressReleaseInline(ContentInline):
    """The press releases about the partnership, set here or on the release."""

    model = PressRelease.partnerships.through
    form = ReleaseLinkForm
    formset = ReleaseLinkFormSet
    autocomplete_fields = ["pressrelease"]
    extra = 0
    verbose_name = "press release"
    verbose_name_plural = "press releases about this partnership"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pressrelease")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.may_publish = can_publish(request)
        return formset


@admin.register(Partnership)
class PartnershipAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = ["city", "kind", "status", "started_on", "is_published"]
    list_filter = ["is_published", "kind", "status", "themes", "city__country"]
    search_fields = ["city__name", "slug", "summary", "body"]
    autocomplete_fields = ["city", "themes", "institutions", "officials"]
    inlines = [AgreementStageInline, ActivityInline, PressReleaseInline]
    fieldsets = [
        (None, {"fields": ["city", "slug", "kind", "status", "is_published"]}),
        (
            "Dates",
            {
                "fields": [
                    ("started_on", "started_precision"),
                    ("ended_on", "ended_precision"),
                ]
            },
        ),
        (None, {"fields": ["summary", "body"]}),
        ("Links", {"fields": ["themes", "institutions", "officials"]}),
        RECORD_FIELDSET,
    ]

    def get_readonly_fields(self, request, obj=None):
        # Whether readers see a partnership is a publisher's decision.
        if may_publish(request):
            return self.readonly_fields
        return [*self.readonly_fields, "is_published"]

    def has_change_permission(self, request, obj=None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        # Nor may a restore publish or unpublish for someone else.
        before = state_before_restore(request, self.model)
        if before is None or obj is None or before.is_published == obj.is_published:
            return True
        return may_publish(request)

    def get_queryset(self, request):
        # Each partnership is named after its city, in lists and autocompletes.
        return super().get_queryset(request).select_related("city")

    def view_on_site(self, obj: Partnership) -> str:
        """The public page, or a preview of it while unpublished."""
        if obj.is_published:
            return obj.get_absolute_url()
        return reverse("partnerships:preview", args=[obj.pk])
