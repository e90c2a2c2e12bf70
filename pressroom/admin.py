from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from almere.admin import (
    RECORD_FIELDS,
    CappedCountPaginator,
    ContentAdmin,
    HistoryAdmin,
    TranslatedAdmin,
    TranslatedTabularInline,
    state_before_restore,
)
from partnerships.models import Partnership

from .models import (
    Attachment,
    Correction,
    PressContact,
    PressRelease,
    PreviousAddress,
    Topic,
)

PUBLISH_PERMISSION = "pressroom.publish_pressrelease"


def can_publish(request: HttpRequest) -> bool:
    return request.user.has_perm(PUBLISH_PERMISSION)


@admin.register(Topic)
class TopicAdmin(TranslatedAdmin, ContentAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PressContact)
class PressContactAdmin(TranslatedAdmin, ContentAdmin):
    list_display = ["name", "role", "email", "phone", "is_default"]
    search_fields = ["name", "role", "email"]


class StateFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("scheduled", "Scheduled"),
            ("published", "Published"),
            ("withdrawn", "Withdrawn"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "scheduled":
                return queryset.scheduled()
            case "published":
                return queryset.published()
            case "draft" | "withdrawn":
                return queryset.filter(status=self.value())
        return queryset


class PublicationYearFilter(admin.SimpleListFilter):
    """Every year from the first release to the last: two index lookups, where
    the admin's date hierarchy reads every release, or every match of a search,
    for its list of years."""

    title = "publication year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [(str(year), str(year)) for year in PressRelease.objects.year_span()]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(published_at__year=int(self.value()))
        return queryset


class AttachmentInline(TranslatedTabularInline):
    model = Attachment
    fields = ["title", "file", "order"]
    extra = 0


class CorrectionInline(TranslatedTabularInline):
    model = Correction
    extra = 0


class PreviousAddressInline(admin.TabularInline):
    """Addresses the release had while public; each redirects to it. Read-only."""

    model = PreviousAddress
    verbose_name_plural = "earlier addresses, redirecting here"
    fields = ["address"]
    readonly_fields = ["address"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="address")
    def address(self, obj: PreviousAddress) -> str:
        return reverse("pressroom:detail", args=[obj.year, obj.month, obj.slug])


@admin.register(PressRelease)
class PressReleaseAdmin(TranslatedAdmin, HistoryAdmin):
    """Editors write and change drafts; publishing takes the publish permission."""

    list_display = ["title", "state_label", "published_at", "topic_names", "preview"]
    list_filter = [StateFilter, PublicationYearFilter, "topics"]
    # No count of all releases beside the filtered count, and that one stops at
    # 10,000: at 100,000 releases each count takes a noticeable part of the time.
    show_full_result_count = False
    paginator = CappedCountPaginator
    # Rendering a row costs more than finding it: fifty open twice as fast as a
    # hundred, and search and filters find the rest.
    list_per_page = 50
    list_select_related = ["contact"]
    # On PostgreSQL by words through an index (see get_search_results).
    search_fields = ["title", "lead", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "officials_quoted", "partnerships", "contact"]
    actions = ["publish_now", "withdraw_to_draft"]
    inlines = [AttachmentInline]
    # Public records: a restore keeps the addresses and corrections added since.
    history_records = ("previous_addresses", "corrections")
    fieldsets = [
        (None, {"fields": ["title", "slug", "place", "lead", "body"]}),
        (
            "Publication",
            {"fields": ["status", "published_at", "published_precision"]},
        ),
        (
            "Image",
            {"fields": ["image", "image_alt", "image_caption", "image_credit"]},
        ),
        (
            "Links",
            {"fields": ["topics", "officials_quoted", "partnerships", "contact"]},
        ),
        (
            "Withdrawal",
            {
                "classes": ["collapse"],
                "description": "A withdrawn release stays at its address with this "
                "reason, and leaves every list. To take it down altogether, set it "
                "back to draft.",
                "fields": ["withdrawal_reason", "withdrawn_at"],
            },
        ),
        (
            "Record",
            {
                "classes": ["collapse"],
                "fields": [*RECORD_FIELDS, "created_by", "updated_by"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("topics")

    def get_search_results(self, request, queryset, search_term):
        # Finding a piece of text in every body takes seconds at 100,000
        # releases; PostgreSQL's word index answers at once.
        if connection.vendor == "postgresql" and search_term.strip():
            return queryset.with_words(search_term), False
        return super().get_search_results(request, queryset, search_term)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "partnerships":
            # A partnership is named after its city.
            kwargs["queryset"] = Partnership.objects.select_related("city")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = [*RECORD_FIELDS, "created_by", "updated_by", "withdrawn_at"]
        if not can_publish(request):
            fields += ["status", "withdrawal_reason"]
        return self.replace_orig_field(fields)

    def get_inlines(self, request, obj):
        if obj is not None and obj.status != PressRelease.Status.DRAFT:
            return [AttachmentInline, CorrectionInline, PreviousAddressInline]
        return [AttachmentInline]

    def has_change_permission(self, request, obj=None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        # What readers can see changes only with the right to publish; a restore
        # is checked as the release is and as the version would leave it.
        states = [obj, state_before_restore(request, self.model)]
        drafts = all(s is None or s.status == s.Status.DRAFT for s in states)
        return drafts or can_publish(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or obj.status == obj.Status.DRAFT or can_publish(request)

    def has_publish_permission(self, request) -> bool:
        return can_publish(request)

    def save_model(self, request, obj, form, change) -> None:
        if obj.status != PressRelease.Status.DRAFT and not can_publish(request):
            raise PermissionDenied("Only publishers can publish press releases.")
        if not change:
            obj.created_by = request.user
        if (before := state_before_restore(request, self.model)) is not None:
            obj.replaces(before)
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def delete_queryset(self, request, queryset) -> None:
        if not can_publish(request) and queryset.exclude(status="draft").exists():
            raise PermissionDenied("Only publishers can delete public releases.")
        super().delete_queryset(request, queryset)

    def view_on_site(self, obj: PressRelease) -> str | None:
        return (
            obj.get_absolute_url() if obj.state in ("published", "withdrawn") else None
        )

    @admin.display(description="status", ordering="status")
    def state_label(self, obj: PressRelease) -> str:
        return obj.state.capitalize()

    @admin.display(description="topics")
    def topic_names(self, obj: PressRelease) -> str:
        return ", ".join(topic.name for topic in obj.topics.all())

    @admin.display(description="preview")
    def preview(self, obj: PressRelease) -> str:
        return format_html(
            '<a href="{}">Preview</a>', reverse("pressroom:preview", args=[obj.pk])
        )

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset) -> None:
        count = queryset.publish(by=request.user)
        self.message_user(
            request, f"Published {count} press release(s).", messages.SUCCESS
        )

    @admin.action(
        description="Withdraw to draft (the page disappears)", permissions=["publish"]
    )
    def withdraw_to_draft(self, request, queryset) -> None:
        count = queryset.unpublish(by=request.user)
        self.message_user(request, f"Set {count} press release(s) back to draft.")
