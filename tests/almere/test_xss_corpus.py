"""Every known XSS vector, saved through the real admin forms, runs nowhere.

For each model with rich text, a publisher saves each vector of
``xss_vectors.VECTORS`` through the model's admin form (its rich text, and its
plain-text title, lead or summary), with a word of its own beside it; the item
is public, and every output that shows it is fetched: its page, the lists and
archives that show it, the feeds, the search results for that word (their
snippets), the JSON-LD in the pages' heads. Each model's texts are written in
English, then in Dutch (the English inputs harmless) for Dutch readers. Each
output must hold nothing that could run beyond what it held with harmless
content (``tests/unsafe_markup.py``).
One test per model goes through the whole corpus and reports every vector that
gets through, with the output it got into.
"""

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field, replace

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from cityprofile.models import CityProfile, ProfilePage
from partnerships.models import Partnership
from pressroom.models import PressRelease
from tests.admin_forms import opened
from tests.almere.xss_vectors import VECTORS, Vector
from tests.partnerships.factories import city, theme
from tests.partnerships.test_admin import partnership_form
from tests.pressroom.factories import image_file, topic
from tests.pressroom.test_admin import release_form
from tests.unsafe_markup import feed_findings, page_findings, url_scheme

pytestmark = pytest.mark.django_db

HARMLESS = Vector("harmless", "<p>Almere grows <strong>greener</strong>.</p>")
LANGUAGES = ["en", "nl"]


def marker(number: int) -> str:
    """A word found nowhere else, to search for and to find beside a vector."""
    return f"xsscheck{number:03d}"


def rich_text(word: str, vector: Vector) -> str:
    return f"<p>{word} before it.</p>{vector.html}<p>After it, {word}.</p>"


def plain_text(word: str, vector: Vector, max_length: int) -> str:
    return f"{word} {vector.html}"[:max_length]


def in_language(language: str, **texts) -> dict:
    """The texts as the admin's form names them in the language (title_nl)."""
    return {f"{name}_{language}": text for name, text in texts.items()}


@dataclass
class Outputs:
    """The public outputs of one item, each compared with its harmless state."""

    pages: list[str]
    feeds: list[str] = field(default_factory=list)
    # The item's address, which a search for the word beside the vector finds.
    found_at: str | None = None
    baseline: dict[str, Counter] = field(default_factory=dict)

    def fetch(self, client, word: str) -> dict[str, tuple[str, Counter]]:
        """Each output's text and what could run in it."""
        fetched = {}
        for url in self.pages:
            html = _get(client, url).content.decode()
            fetched[url] = (html, page_findings(html))
        for url in self.feeds:
            xml = _get(client, url).content
            fetched[url] = (xml.decode(), feed_findings(xml))
        if self.found_at:
            html = _get(client, reverse("search:results"), {"q": word}).text
            if f'href="{self.found_at}"' not in html:
                raise AssertionError(f"a search for {word} does not find the item")
            fetched["search"] = (html, page_findings(html))
        return fetched

    def remember_baseline(self, client, word: str) -> None:
        self.baseline = {
            url: found for url, (_, found) in self.fetch(client, word).items()
        }

    def problems(self, client, word: str, vector: Vector) -> list[str]:
        try:
            fetched = self.fetch(client, word)
        except Exception as error:  # noqa: BLE001 - reported with the vector
            return [f"{vector.name}: an output fails: {error!r}"]
        found = []
        for url, (text, findings) in fetched.items():
            if word not in text:
                found.append(f"{vector.name}: {url} does not show the item")
            extra = findings - self.baseline[url]
            found += [f"{vector.name}: {url} has {finding}" for finding in extra]
        return found


def _get(client, url, data=None):
    response = client.get(url, data)
    if response.status_code != 200:
        raise AssertionError(f"{url} answers {response.status_code}")
    return response


def run_corpus(client, save, outputs: Outputs, language: str = "en") -> None:
    """Save each vector with ``save``; collect what gets through, then fail.

    The outputs are read by readers of the language, at its addresses.
    """

    def there(url: str) -> str:
        return (
            f"/{language}/{url.removeprefix('/en/')}" if url.startswith("/en/") else url
        )

    outputs = replace(
        outputs,
        pages=[there(url) for url in outputs.pages],
        feeds=[there(url) for url in outputs.feeds],
        found_at=outputs.found_at and there(outputs.found_at),
    )
    with translation.override(language):
        _run_corpus(client, save, outputs)


def _run_corpus(client, save, outputs: Outputs) -> None:
    save(marker(0), HARMLESS)
    outputs.remember_baseline(client, marker(0))
    problems, refused = [], []
    for number, vector in enumerate(VECTORS, start=1):
        word = marker(number)
        response = save(word, vector)
        if response.status_code == 200:
            # The form refused it: nothing was stored.
            assert response.context["errors"], vector.name
            refused.append(vector.name)
            continue
        assert response.status_code == 302, (vector.name, response.status_code)
        problems += outputs.problems(client, word, vector)
    # Only NUL characters are refused (by Django's forms); all else is stored.
    assert refused == [v.name for v in VECTORS if "\x00" in v.html]
    assert not problems, "\n".join(problems)
    check_sitemaps(client)


def check_sitemaps(client) -> None:
    """The sitemaps stay well formed and name only web addresses."""
    index = ET.fromstring(_get(client, reverse("sitemap_xml")).content)
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    for section in index.iterfind(f"{namespace}sitemap/{namespace}loc"):
        sitemap = ET.fromstring(_get(client, section.text).content)
        for location in sitemap.iterfind(f"{namespace}url/{namespace}loc"):
            assert url_scheme(location.text) == "http", location.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_vector_runs_from_a_press_release(publisher_client, language):
    economy = topic("Economy")
    toronto = Partnership.objects.create(
        city=city("Toronto"), slug="toronto", kind="intent", is_published=True
    )
    published = {
        "status": "published",
        "published_at_0": "2015-04-02",
        "published_at_1": "12:00:00",
        "topics": [economy.pk],
        "partnerships": [toronto.pk],
    }

    def save(word, vector):
        form = release_form(
            slug="the-release",
            image_alt="A harbour.",
            image_credit=plain_text(word, vector, 120),
            **published,
        )
        form |= in_language(
            language,
            title=plain_text(word, vector, 200),
            lead=plain_text(word, vector, 500),
            body=rich_text(word, vector),
            image_alt=plain_text(word, vector, 250),
            image_caption=plain_text(word, vector, 250),
        )
        item = PressRelease.objects.first()
        if item is None:
            # The image stays through later saves; its text changes with each.
            form["image"] = image_file("harbour.jpg", size=(40, 30))
            return publisher_client.post(
                reverse("admin:pressroom_pressrelease_add"), form
            )
        url = reverse("admin:pressroom_pressrelease_change", args=[item.pk])
        return publisher_client.post(url, {**form, **opened(item)})

    address = "/en/press/2015/04/the-release/"
    run_corpus(
        publisher_client,
        save,
        Outputs(
            found_at=address,
            pages=[
                address,
                "/en/",
                "/en/press/",
                "/en/press/2015/",
                economy.get_absolute_url(),
                toronto.get_absolute_url(),
            ],
            feeds=[
                "/en/press/feed/",
                "/en/press/feed/atom/",
                reverse("pressroom:topic_feed", args=[economy.slug]),
                reverse("pressroom:topic_atom_feed", args=[economy.slug]),
                reverse("partnerships:feed", args=[toronto.slug]),
                reverse("partnerships:atom_feed", args=[toronto.slug]),
            ],
        ),
        language,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_vector_runs_from_a_partnership(publisher_client, language):
    food = theme("Food strategy")
    partner = city("Toronto")

    def save(word, vector):
        form = partnership_form(
            city=partner.pk,
            slug="toronto",
            is_published="on",
            themes=[food.pk],
            **in_language(
                language,
                summary=plain_text(word, vector, 500),
                body=rich_text(word, vector),
            ),
        )
        item = Partnership.objects.first()
        if item is None:
            url = reverse("admin:partnerships_partnership_add")
        else:
            url = reverse("admin:partnerships_partnership_change", args=[item.pk])
            form.update(opened(item))
        return publisher_client.post(url, form)

    run_corpus(
        publisher_client,
        save,
        Outputs(
            pages=[
                "/en/partnerships/toronto/",
                "/en/partnerships/",
                food.get_absolute_url(),
            ],
            found_at="/en/partnerships/toronto/",
        ),
        language,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_vector_runs_from_a_city_page(publisher_client, language):
    def save(word, vector):
        form = {
            "title_en": "Economy",
            "slug": "economy",
            "summary_en": "Business in Almere.",
            "body_en": "<p>Many businesses.</p>",
            "image_alt_en": "",
            "order": "0",
            "is_published": "on",
        }
        form |= in_language(
            language,
            title=plain_text(word, vector, 200),
            summary=plain_text(word, vector, 500),
            body=rich_text(word, vector),
        )
        item = ProfilePage.objects.first()
        if item is None:
            url = reverse("admin:cityprofile_profilepage_add")
        else:
            url = reverse("admin:cityprofile_profilepage_change", args=[item.pk])
            form.update(opened(item))
        return publisher_client.post(url, form)

    run_corpus(
        publisher_client,
        save,
        Outputs(pages=["/en/city/economy/", "/en/city/"], found_at="/en/city/economy/"),
        language,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_vector_runs_from_the_city_profile(publisher_client, language):
    def save(word, vector):
        form = {
            "name": "Almere",
            "tagline_en": "A young city.",
            "introduction_en": "<p>Almere was founded in 1976.</p>",
            **in_language(
                language,
                tagline=plain_text(word, vector, 250),
                introduction=rich_text(word, vector),
            ),
        }
        if not CityProfile.objects.exists():
            return publisher_client.post(
                reverse("admin:cityprofile_cityprofile_add"), form
            )
        url = reverse("admin:cityprofile_cityprofile_change", args=[1])
        return publisher_client.post(url, {**form, **opened(CityProfile.objects.get())})

    run_corpus(publisher_client, save, Outputs(pages=["/en/", "/en/city/"]), language)


def test_the_corpus_is_large_and_each_vector_named_once():
    names = [vector.name for vector in VECTORS]
    assert len(names) >= 60
    assert len(set(names)) == len(names)


# Harmless as written, but sanitisers have been known to turn them into markup
# that runs: split or broken tags, quotes and markup spelt as entities.
HARMLESS_AS_WRITTEN = {
    "script-split",
    "script-null-byte",
    "attribute-quote-breakout",
    "alt-quote-breakout",
    "unclosed-attribute",
    "entity-encoded-script",
    "numeric-encoded-script",
    "double-encoded-script",
    "utf7-script",
    "a-target-blank",
    "a-ping",
}


@pytest.mark.parametrize(
    "vector",
    [v for v in VECTORS if v.name not in HARMLESS_AS_WRITTEN],
    ids=lambda vector: vector.name,
)
def test_the_checks_find_each_vector_left_as_it_is(vector):
    """The checks are no rubber stamp: each vector, unsanitised, is found."""
    assert page_findings(f"<p>{vector.html}</p>")
    # As a feed carries it: escaped, in an element XML 1.0 can hold.
    html = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", f"<p>{vector.html}</p>")
    feed = f"<rss><channel><item><description>{escape(html)}</description></item>"
    assert feed_findings(f"{feed}</channel></rss>".encode())
