from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.views.generic import TemplateView

from cityprofile.models import CityProfile, KeyFigure


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            profile=CityProfile.objects.first(),
            key_figures=KeyFigure.objects.on_home_page(),
            **kwargs,
        )


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask for /favicon.ico on pages that name no icon, such as the admin."""
    return HttpResponseRedirect(static("img/favicon.svg"))
