"""Content per language: which languages an item is written in, and the English
text with a notice where a Dutch reader's text is missing."""

import re

import pytest
from django.utils import translation
from modeltranslation.translator import translator

from almere.i18n import (
    MISSING_NOTICES,
    available_languages,
    content_language,
    missing_translation,
    url_in,
)
from cityprofile.models import CityProfile, KeyFigure
from partnerships.models import Partnership, Theme
from pressroom.models import PressRelease, Topic
from tests.cityprofile import factories as city_factories
from tests.partnerships import factories as partner_factories
from tests.pressroom import factories as press

pytestmark = pytest.mark.django_db

NOTICE = MISSING_NOTICES["nl"]


def dutch_page(client, url: str) -> str:
    with translation.override("nl"):
        response = client.get(url_in(url, "nl"))
    assert response.status_code == 200
    return response.content.decode()


def english_page(client, url: str) -> str:
    with translation.override("en"):
        response = client.get(url_in(url, "en"))
    assert response.status_code == 200
    return response.content.decode()


def test_an_item_is_written_in_dutch_once_its_main_fields_are():
    release = press.release(title="Windmills", lead="Turning.", body="<p>Wind.</p>")
    assert available_languages(release) == ["en"]

    release.title_nl = "Molens"
    release.lead_nl = "Draaiend."
    assert available_languages(release) == ["en"]  # no body yet

    release.body_nl = "<p>&nbsp;</p>"  # what the editor leaves when emptied
    assert available_languages(release) == ["en"]

    release.body_nl = "<p>Wind.</p>"
    assert available_languages(release) == ["en", "nl"]
    assert not missing_translation(release, "nl")


def test_a_main_field_empty_in_english_is_not_needed_in_dutch():
    partnership = partner_factories.partnership(summary="Working together.")
    assert partnership.body_en == ""

    partnership.summary_nl = "Samenwerken."

    assert available_languages(partnership) == ["en", "nl"]


def test_english_is_never_missing():
    release = press.release()
    with translation.override("en"):
        assert not missing_translation(release)
        assert content_language(release).attr == ""


def test_reading_a_field_gives_the_active_language_with_english_as_fallback():
    release = press.release(title="Windmills", title_nl="Molens")
    untranslated = press.release(title="Bridges")

    with translation.override("nl"):
        assert release.title == "Molens"
        assert untranslated.title == "Bridges"
    with translation.override("en"):
        assert release.title == "Windmills"


def _release_page(client, **fields):
    release = press.release(
        title="Windmills", lead="Turning in the wind.", body="<p>Wind.</p>", **fields
    )
    return release.get_absolute_url()


def _profile_page(client, **fields):
    page = city_factories.profile_page(
        title="Economy", summary="Businesses.", body="<p>Many.</p>", **fields
    )
    return page.get_absolute_url()


def _partnership_page(client, **fields):
    partnership = partner_factories.partnership(summary="Working together.", **fields)
    return partnership.get_absolute_url()


def _topic_page(client, **fields):
    topic = press.topic("Economy", description="Jobs and trade.", **fields)
    press.release(topics=[topic])
    return topic.get_absolute_url()


def _theme_page(client, **fields):
    theme = partner_factories.theme("Innovation", description="New ideas.", **fields)
    partner_factories.partnership(themes=[theme])
    return theme.get_absolute_url()


DUTCH = {
    "release": (
        _release_page,
        {"title_nl": "Molens", "lead_nl": "Draaiend.", "body_nl": "<p>Wind.</p>"},
        "Molens",
        "Windmills",
    ),
    "profile page": (
        _profile_page,
        {"title_nl": "Economie", "summary_nl": "Bedrijven.", "body_nl": "<p>Veel.</p>"},
        "Economie",
        "Economy",
    ),
    "partnership": (
        _partnership_page,
        {"summary_nl": "Samen werken."},
        "Samen werken.",
        "Working together.",
    ),
    "topic": (
        _topic_page,
        {"name_nl": "Economie", "description_nl": "Banen en handel."},
        "Economie",
        "Economy",
    ),
    "theme": (
        _theme_page,
        {"name_nl": "Vernieuwing", "description_nl": "Nieuwe ideeën."},
        "Vernieuwing",
        "Innovation",
    ),
}


@pytest.mark.parametrize("page_type", DUTCH)
def test_a_page_without_dutch_text_shows_the_english_text_with_a_notice(
    client, page_type
):
    make, _dutch, _dutch_text, english_text = DUTCH[page_type]
    html = dutch_page(client, make(client))
    # The page's own content: the header's language switcher names English in it.
    body = html.split("<main", 1)[1]

    assert body.count(NOTICE) == 1
    # The English text is marked as English, for screen readers.
    marked = re.search(r'<[^>]+ lang="en"[^>]*>\s*(?:<h1>)?([^<]*)', body)
    assert marked, "no element marked as English"
    assert marked.group(1).strip() == english_text


@pytest.mark.parametrize("page_type", DUTCH)
def test_a_page_with_dutch_text_shows_it_without_a_notice(client, page_type):
    make, dutch, dutch_text, english_text = DUTCH[page_type]
    url = make(client, **dutch)

    html = dutch_page(client, url)
    assert dutch_text in html
    assert NOTICE not in html
    assert ' lang="en"' not in html.split("<main", 1)[1]

    html = english_page(client, url)
    assert english_text in html
    assert dutch_text not in html


@pytest.mark.parametrize("page_type", DUTCH)
def test_english_readers_get_no_notice(client, page_type):
    make, *_ = DUTCH[page_type]
    html = english_page(client, make(client))

    assert NOTICE not in html


def test_demo_content_has_no_dutch_text():
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)

    models = translator.get_registered_models(abstract=False)
    assert {PressRelease, Topic, KeyFigure, CityProfile, Partnership, Theme} <= set(
        models
    )
    for model in models:
        for item in model.objects.all():
            assert available_languages(item) == ["en"], item
            dutch = [
                name
                for name, value in vars(item).items()
                if name.endswith("_nl") and value not in (None, "")
            ]
            assert dutch == [], (item, dutch)
    release = PressRelease.objects.get(slug__contains="toronto")
    assert release.title_en.startswith("Almere and Toronto")
