import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.admin.options import BaseModelAdmin
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from reversion.admin import VersionAdmin
from reversion.models import Version

from .history import RestoreError, compare, restore, version_token
from .i18n import DEFAULT_LANGUAGE


class AlmereAdminSite(admin.AdminSite):
    site_header = "Almere CMS"
    site_title = "Almere CMS"
    index_title = _("Content")
    site_url = "/"


class CappedCountPaginator(Paginator):
    """Counts up to ``cap`` items and no further: a list of 100,000 items, or a
    search that finds most of them, opens as quickly as a short one. Past the
    cap, the pages stop and the count reads "10,000+"."""

    cap = 10_000

    @cached_property
    def _counted(self) -> int:
        # Unordered: the count needs no sort, and any index may serve it.
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @property
    def capped(self) -> bool:
        return self._counted > self.cap


class HttpsLinksMixin:
    """Links typed without a scheme ("www.almere.nl") are taken as https."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


RECORD_FIELDS = ("created_at", "updated_at")
# For admins that set fieldsets: the record times, folded away.
RECORD_FIELDSET = ("Record", {"classes": ["collapse"], "fields": RECORD_FIELDS})

EDIT_CONFLICT = (
    "Someone else changed this %(name)s since you opened it: reload to see their "
    "changes; your text is below so you can copy it."
)


class EditConflictForm(forms.ModelForm):
    """Saves only over the state the editor opened, never over a later change.

    The form carries the item's ``updated_at`` from when it was opened; the admin
    reads the stored one again under a row lock when the form is posted.
    """

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.stored_version = None
        else:
            stored = getattr(self.instance, "stored_version", None)
            self.stored_version = (
                version_token(self.instance) if stored is None else stored
            )
        self.fields["loaded_version"].initial = self.stored_version

    def clean(self) -> dict:
        cleaned_data = super().clean()
        loaded = cleaned_data.get("loaded_version", "")
        if self.stored_version is not None and loaded != self.stored_version:
            raise ValidationError(
                EDIT_CONFLICT % {"name": self._meta.model._meta.verbose_name},
                code="edit_conflict",
            )
        return cleaned_data


class TranslatedContentForm(EditConflictForm):
    """A content form whose texts are written per language (title_en, title_nl).

    A model's ``clean()`` names a field as the model has it ("image_alt"); the
    form has it per language, and the error goes to the English one, which the
    text falls back to.
    """

    def add_error(self, field, error) -> None:
        if field is None and hasattr(error, "error_dict"):
            error = ValidationError(
                {self._per_language(name): e for name, e in error.error_dict.items()}
            )
        elif field is not None:
            field = self._per_language(field)
        super().add_error(field, error)

    def _per_language(self, name: str) -> str:
        english = f"{name}_{DEFAULT_LANGUAGE}"
        if (
            name in self.fields
            or name == NON_FIELD_ERRORS
            or english not in self.fields
        ):
            return name
        return english


def state_before_restore(
    request: HttpRequest, model: type[models.Model]
) -> models.Model | None:
    """The item of this model as it stood before the restore this request makes.

    A new, empty item when the request recovers a deleted one, as an item being
    added would be; None when the request restores no item of this model.
    Permission checks look at it too: a restore may change only what its user
    could change by editing.
    """
    before = getattr(request, "_state_before_restore", None)
    return before if type(before) is model else None


class ContentAdmin(HttpsLinksMixin, admin.ModelAdmin):
    """The admin of a piece of content: its record times shown, never edited, and
    a save refused when someone else saved the item since its form was opened."""

    form = EditConflictForm
    readonly_fields = RECORD_FIELDS

    def get_fields(self, request, obj=None):
        # The version check is a hidden input below the fieldsets, not a row.
        return [f for f in super().get_fields(request, obj) if f != "loaded_version"]

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            return None
        before = state_before_restore(request, self.model)
        if before is not None:
            obj.stored_version = version_token(before)
        elif request.method == "POST" and transaction.get_connection().in_atomic_block:
            # Locked until the save commits, so two saves cannot both pass.
            stored = type(obj)._base_manager.select_for_update().filter(pk=obj.pk)
            obj.stored_version = version_token(stored.first())
        return obj


class ContentInline(HttpsLinksMixin, admin.TabularInline):
    pass


# Translated fields show one language at a time, in tabs: a small script of the
# site's own (modeltranslation's loads jQuery UI from a CDN, which the admin's
# Content-Security-Policy and a server without internet access both refuse).
class LanguageTabsMedia:
    js = ["almere/admin/language_tabs.js"]
    css = {"all": ["almere/admin/language_tabs.css"]}


class TranslatedAdmin(TranslationAdmin):
    """Before ``ContentAdmin`` or ``HistoryAdmin``: each translated field of the
    model is edited per language (``title_en``, ``title_nl``), in language tabs.

    English is required where the field is; the other languages are optional
    (see ``almere.i18n``). The admin's search looks in every language.
    """

    form = TranslatedContentForm
    Media = LanguageTabsMedia

    def get_fieldsets(self, request, obj=None):
        if self.fieldsets:
            return super().get_fieldsets(request, obj)
        # Django's own: the form's fields as get_fields() gives them, which
        # leaves out the edit-conflict check (ContentAdmin).
        return BaseModelAdmin.get_fieldsets(self, request, obj)

    def get_search_fields(self, request):
        return self.replace_orig_field(super().get_search_fields(request))


class TranslatedTabularInline(TranslationTabularInline, ContentInline):
    """Languages side by side, a column each."""

    Media = LanguageTabsMedia


class TranslatedStackedInline(TranslationStackedInline):
    Media = LanguageTabsMedia


class _ShownOnly(Exception):
    """Rolls back a restore that was only shown, or that the form refused."""

    def __init__(self, response) -> None:
        self.response = response


def _when(version: Version) -> str:
    return date_format(
        timezone.localtime(version.revision.date_created), "DATETIME_FORMAT"
    )


class HistoryAdmin(ContentAdmin, VersionAdmin):
    """Content with a revision history (django-reversion): who changed what and
    when, a comparison of any two versions, restoring one through the change form
    (so its validation and permissions apply), and recovering deleted items."""

    object_history_template = "admin/history/object_history.html"
    revision_form_template = "admin/history/restore_form.html"
    recover_form_template = "admin/history/recover_form.html"
    recover_list_template = "admin/history/recover_list.html"
    compare_template = "admin/history/compare.html"
    # Followed relations that record the past, such as a release's earlier
    # addresses: a restore adds back what they lost and keeps what they gained.
    history_records: tuple[str, ...] = ()

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_compare"
        compare_url = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=name,
        )
        return [compare_url, *super().get_urls()]

    def _url(self, view: str, *args) -> str:
        opts = self.opts
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}",
            args=args,
        )

    def _versions(self, object_id: str):
        versions = Version.objects.get_for_object_reference(self.model, object_id)
        return versions.select_related("revision__user").order_by("-pk")

    def response_action(self, request, queryset):
        action = self.get_actions(request).get(request.POST.get("action", ""))
        if action is not None and reversion.is_active():
            reversion.set_comment(f"{action[2]} (an action on the list).")
        return super().response_action(request, queryset)

    # Views

    def history_view(self, request, object_id, extra_context=None):
        versions = list(self._versions(unquote(object_id)))
        rows = [
            {
                "version": version,
                "restore_url": self._url(
                    "revision", quote(version.object_id), version.pk
                ),
                "compare_url": earlier
                and self._url("compare", quote(version.object_id))
                + f"?old={earlier.pk}&new={version.pk}",
            }
            for version, earlier in zip(versions, [*versions[1:], None], strict=True)
        ]
        context = {
            "versions": rows,
            "compare_url": self._url("compare", quote(unquote(object_id))),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = self._versions(str(obj.pk))
        new = self._chosen(versions, request.GET.get("new")) or versions.first()
        old = self._chosen(versions, request.GET.get("old"))
        if old is None and new is not None:
            old = versions.filter(pk__lt=new.pk).first()
        if old is not None and new is not None and old.pk > new.pk:
            old, new = new, old
        both = old is not None and new is not None and old.pk != new.pk
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "object_id": object_id,
            "title": f"Changes to {obj}",
            "old": old,
            "new": new,
            "comparison": compare(old, new, skip=self.history_records)
            if both
            else None,
            "old_restore_url": both
            and self._url("revision", quote(old.object_id), old.pk),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.compare_template, context)

    @staticmethod
    def _chosen(versions, value: str | None) -> Version | None:
        if value is None:
            return None
        if not value.isdigit():
            raise Http404("No such version.")
        return get_object_or_404(versions, pk=value)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore an earlier version, through the change form."""
        version = get_object_or_404(self._versions(unquote(object_id)), pk=version_id)
        with transaction.atomic(using=version.db):
            stored = self.model._default_manager.using(version.db)
            rows = stored.filter(pk=version.object_id)
            if request.method == "POST":
                # Only a save holds others' saves back; showing the form does not.
                rows = rows.select_for_update()
            before = rows.first()
            if before is None:
                self.message_user(
                    request,
                    f"“{version.object_repr}” was deleted: recover it from this list.",
                    messages.WARNING,
                )
                return redirect(self._url("recoverlist"))
            context = {
                "title": f"Restore “{version.object_repr}”",
                "version": version,
                **(extra_context or {}),
            }
            return self._restore_view(
                request,
                version,
                before=before,
                template=self.revision_form_template,
                context=context,
                comment=f"Restored the version of {_when(version)}.",
            )

    def recover_view(self, request, version_id, extra_context=None):
        """Bring a deleted item back as it was last saved, through the change form."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = get_object_or_404(
            Version.objects.get_for_model(self.model).select_related("revision__user"),
            pk=version_id,
        )
        if self.model._default_manager.filter(pk=version.object_id).exists():
            self.message_user(
                request,
                f"“{version.object_repr}” is not deleted; this is its history.",
                messages.WARNING,
            )
            return redirect(self._url("history", quote(version.object_id)))
        context = {
            "title": f"Recover “{version.object_repr}”",
            "version": version,
            **(extra_context or {}),
        }
        return self._restore_view(
            request,
            version,
            before=self.model(),
            template=self.recover_form_template,
            context=context,
            comment=f"Recovered after deletion, as saved on {_when(version)}.",
        )

    def _restore_view(self, request, version, *, before, template, context, comment):
        """The change form of the item as the version has it; saving it keeps it.

        The version is written first and the form shows it; unless the form is
        posted and saves, everything is rolled back.
        """
        request._state_before_restore = before
        try:
            with transaction.atomic(using=version.db):
                restore(version, records=self.history_records)
                with self.create_revision(request):
                    response = self.changeform_view(
                        request, quote(version.object_id), request.path, context
                    )
                    if request.method == "POST" and response.status_code == 302:
                        reversion.set_comment(comment)
                        return response
                    if isinstance(response, TemplateResponse):
                        response.template_name = template
                        response.render()
                    raise _ShownOnly(response)
        except RestoreError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect(self._url("changelist"))
        except _ShownOnly as shown:
            return shown.response

    def recoverlist_view(self, request, extra_context=None):
        deleted = list(
            Version.objects.get_deleted(self.model)
            .select_related("revision__user")
            .order_by("-revision__date_created")
        )
        deletions = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id__in=[version.object_id for version in deleted],
            action_flag=DELETION,
        ).select_related("user")
        deleted_by = {entry.object_id: entry for entry in deletions.order_by("pk")}
        rows = [
            {"version": version, "deletion": deleted_by.get(version.object_id)}
            for version in deleted
        ]
        context = {"rows": rows, **(extra_context or {})}
        return super().recoverlist_view(request, context)
