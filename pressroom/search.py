from django.utils.translation import gettext_lazy as _

from almere.richtext import plain_text
from search.registry import Document, Source, register

from .models import PressRelease


@register
class PressReleaseSource(Source):
    kind = "press-release"
    label = _("Press releases")
    label_singular = _("Press release")
    model = PressRelease

    def indexable(self):
        # Scheduled releases too: their entries are found from their time on.
        return PressRelease.objects.published() | PressRelease.objects.scheduled()

    def document(self, release: PressRelease) -> Document:
        return Document(
            title=release.title,
            url=release.get_absolute_url(),
            summary=release.lead,
            body=plain_text(release.body),
            date=release.published_on,
            date_precision=release.published_precision,
            public_from=release.published_at,
        )
