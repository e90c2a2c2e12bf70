from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The site's sections, in the order of the header. A section appears once its app
# provides the named URL, so no link ever leads to a page that does not exist.
SECTIONS = (
    (_("City"), "cityprofile:overview"),
    (_("Press"), "pressroom:list"),
    (_("Partnerships"), "partnerships:list"),
)


def _section_urls() -> list[tuple[str, str]]:
    urls = []
    for label, name in SECTIONS:
        try:
            urls.append((label, reverse(name)))
        except NoReverseMatch:
            continue
    return urls


def site(request: HttpRequest) -> dict:
    return {
        "nav_items": [
            {"label": label, "url": url, "current": request.path.startswith(url)}
            for label, url in _section_urls()
        ],
    }
