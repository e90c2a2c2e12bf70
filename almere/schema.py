"""Structured data in schema.org's vocabulary, as JSON-LD objects.

Pages put these in ``PageMeta.structured_data``; every address in them is absolute.
Where schema.org has no property for a fact (a place's population or founding),
it is given as an ``additionalProperty`` named by its Wikidata property.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_countries.fields import Country

from cityprofile.models import KeyFigure
from partnerships.geo import ALMERE

from .dates import DatePrecision, format_partial_date
from .meta import SITE_NAME, content_language

if TYPE_CHECKING:
    from cityprofile.models import CityProfile
    from partnerships.models import PartnerCity
    from pressroom.models import PressRelease

CONTEXT = "https://schema.org"
PROVINCE = "Flevoland"
COUNTRY = Country("NL")
POPULATION = "https://www.wikidata.org/wiki/Property:P1082"
INCEPTION = "https://www.wikidata.org/wiki/Property:P571"


def document(data: dict) -> dict:
    """A top-level JSON-LD object: one ``<script>`` of its own."""
    return {"@context": CONTEXT, **data}


def _absolute(request: HttpRequest, url: str) -> str:
    return request.build_absolute_uri(str(url))


def organization(request: HttpRequest) -> dict:
    """The City of Almere as the government body that runs this site."""
    home = _absolute(request, reverse("home"))
    return {
        "@type": "GovernmentOrganization",
        "@id": f"{home}#organization",
        "name": str(SITE_NAME),
        "url": home,
        "logo": {
            "@type": "ImageObject",
            "url": _absolute(request, static("img/favicon.svg")),
        },
    }


def home_page(request: HttpRequest) -> list[dict]:
    """The organisation, serving the city, and the website it publishes."""
    home = _absolute(request, reverse("home"))
    city = _absolute(request, reverse("cityprofile:overview"))
    body = organization(request)
    return [
        document(
            {
                **body,
                "areaServed": {
                    "@type": "City",
                    "@id": f"{city}#city",
                    "name": "Almere",
                },
            }
        ),
        document(
            {
                "@type": "WebSite",
                "@id": f"{home}#website",
                "name": str(SITE_NAME),
                "url": home,
                "inLanguage": content_language(),
                "publisher": {"@id": body["@id"]},
            }
        ),
    ]


def news_article(request: HttpRequest, release: PressRelease) -> dict:
    """A press release; its corrections date its last change.

    Prefetch ``corrections`` to save a query.
    """
    url = _absolute(request, release.get_absolute_url())
    data = {
        "@type": "NewsArticle",
        "headline": release.title,
        "description": release.lead,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": content_language(),
        "author": organization(request),
        "publisher": organization(request),
    }
    if release.published_at is not None:
        data["datePublished"] = release_published(release)
        data["dateModified"] = release_modified(release)
    if release.image:
        data["image"] = [
            _absolute(request, release.image_hero_2x.url),
            _absolute(request, release.image_card_2x.url),
        ]
    return document(data)


def release_published(release: PressRelease) -> str:
    """The publication time, or only its month or year for archived releases."""
    if release.published_precision != DatePrecision.DAY:
        return format_partial_date(release.published_on, release.published_precision)[1]
    return timezone.localtime(release.published_at).isoformat()


def release_modified(release: PressRelease) -> str:
    """The day of the latest correction, or the publication time if none."""
    corrected = release.updated_on
    if corrected is None or corrected < release.published_on:
        return release_published(release)
    return corrected.isoformat()


def _geo(latitude: Decimal | float, longitude: Decimal | float) -> dict:
    return {
        "@type": "GeoCoordinates",
        "latitude": float(latitude),
        "longitude": float(longitude),
    }


def _country(country: Country) -> dict:
    return {"@type": "Country", "name": country.name, "identifier": country.code}


def _within(region: str, country: Country) -> dict:
    if not region:
        return _country(country)
    return {
        "@type": "AdministrativeArea",
        "name": region,
        "containedInPlace": _country(country),
    }


def _property(property_id: str, name: str, value, description: str = "") -> dict:
    data = {
        "@type": "PropertyValue",
        "propertyID": property_id,
        "name": name,
        "value": value,
    }
    if description:
        data["description"] = description
    return data


def almere_city(
    request: HttpRequest,
    *,
    profile: CityProfile | None,
    key_figures: Iterable[KeyFigure],
) -> dict:
    """Almere as a place, with the key figures marked as its population or founding."""
    url = _absolute(request, reverse("cityprofile:overview"))
    data = {
        "@type": "City",
        "@id": f"{url}#city",
        "name": profile.name if profile else "Almere",
        "url": url,
        "geo": _geo(*ALMERE),
        "containedInPlace": _within(PROVINCE, COUNTRY),
    }
    if profile and profile.tagline:
        data["description"] = profile.tagline
    facts = []
    for figure in key_figures:
        if figure.meaning == KeyFigure.Meaning.POPULATION:
            as_of = (
                gettext("As of %(date)s")
                % {"date": format_partial_date(figure.as_of, figure.as_of_precision)[0]}
                if figure.as_of
                else ""
            )
            facts.append(_property(POPULATION, "population", int(figure.value), as_of))
        elif figure.meaning == KeyFigure.Meaning.FOUNDED:
            facts.append(_property(INCEPTION, "founded", str(int(figure.value))))
    if facts:
        data["additionalProperty"] = facts
    return document(data)


def partner_city(request: HttpRequest, city: PartnerCity) -> dict:
    """A partner city as a place, with what the partnership's page says of it."""
    data = {
        "@type": "City",
        "name": city.name,
        "geo": _geo(city.latitude, city.longitude),
        "containedInPlace": _within(city.region, city.country),
    }
    if city.description:
        data["description"] = city.description
    if city.website:
        data["url"] = city.website
    if city.image:
        data["image"] = _absolute(request, city.image_card_2x.url)
    if city.population is not None:
        data["additionalProperty"] = [
            _property(
                POPULATION,
                "population",
                city.population,
                gettext("As of %(date)s") % {"date": city.population_year},
            )
        ]
    return document(data)
