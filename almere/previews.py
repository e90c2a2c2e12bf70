import dataclasses

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache


@method_decorator(never_cache, name="dispatch")
class StaffPreviewMixin(PermissionRequiredMixin):
    """Staff see content as readers will before readers can: never cached or indexed.

    Templates get ``preview`` to show a "not public" banner.
    """

    login_url = reverse_lazy("admin:login")

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)

    def get_page_meta(self, context):
        return dataclasses.replace(super().get_page_meta(context), noindex=True)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response
