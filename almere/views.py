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
