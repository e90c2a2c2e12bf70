from django.utils.translation import gettext_lazy as _

from almere.richtext import plain_text
from search.registry import Document, Source, register

from .models import KeyFigure, ProfilePage


@register
class ProfilePageSource(Source):
    kind = "city-page"
    label = _("City pages")
    label_singular = _("City page")
    model = ProfilePage

    def indexable(self):
        return ProfilePage.objects.published()

    def document(self, page: ProfilePage) -> Document:
        return Document(
            title=page.title,
            url=page.get_absolute_url(),
            summary=page.summary,
            body=plain_text(page.body),
        )


@register
class KeyFigureSource(Source):
    kind = "key-figure"
    label = _("Key figures")
    label_singular = _("Key figure")
    model = KeyFigure

    def indexable(self):
        return KeyFigure.objects.all()

    def document(self, figure: KeyFigure) -> Document:
        value = f"{figure.display_value} {figure.unit}".strip()
        return Document(
            title=figure.label,
            url=figure.get_absolute_url(),
            summary=f"{figure.label}: {value}",
            body=figure.source_name,
            date=figure.as_of,
            date_precision=figure.as_of_precision,
        )
