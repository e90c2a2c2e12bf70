"""The site in English and in Dutch: addresses, language, switcher, hreflang,
formats, feeds and search in each, and no English left in the Dutch interface."""

import datetime
import io
import re
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urlsplit

import feedparser
import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from almere.dates import format_partial_date
from almere.i18n import MISSING_NOTICES, url_in
from almere.numbers import format_number
from cityprofile.models import KeyFigure
from pressroom.models import PressRelease
from tests.pressroom.factories import at, release
from tests.site_pages import PAGE_TYPES, build_site

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "nl")
CATALOGUE = settings.BASE_DIR / "locale" / "nl" / "LC_MESSAGES" / "django.po"
# Whose text comes from the content, not from the interface.
CONTENT = {"rich-text", "lead", "card__title", "search-hit__snippet"}


def in_language(path: str, language: str) -> str:
    """The same address under another language's prefix."""
    return f"/{language}/" + re.sub(r"^/(en|nl)/", "", path)


class Page(HTMLParser):
    """What a page says about its language, and its text outside the content:
    each text node, and the whole text of each element."""

    VOID = {"link", "meta", "img", "input", "br", "hr", "image", "source", "wbr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.canonical = None
        self.alternates: dict[str, str] = {}
        self.switcher: list[dict] = []
        self.texts: list[str] = []
        # Open elements: (tag, left out as content or code, text inside).
        self._open: list[tuple[str, bool, list[str]]] = []
        self._in_switcher = False
        self.feed(html)

    def _skipped(self) -> bool:
        return any(skip for _, skip, _ in self._open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "nav" and "language-switcher" in classes:
            self._in_switcher = True
        elif tag == "a" and self._in_switcher:
            self.switcher.append(attrs)
        for name in ("aria-label", "placeholder", "title"):
            if attrs.get(name) and not self._skipped():
                self.texts.append(attrs[name])
        if tag not in self.VOID:
            skip = tag in {"script", "style"} or bool(classes & CONTENT)
            self._open.append((tag, skip, []))

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_switcher = False
        if tag not in {open_tag for open_tag, _, _ in self._open}:
            return
        while self._open:
            open_tag, _, inside = self._open[-1]
            skipped = self._skipped()
            self._open.pop()
            text = " ".join("".join(inside).split())
            if text and not skipped:
                self.texts.append(text)
            if open_tag == tag:
                break

    def handle_data(self, data):
        for _, _, inside in self._open:
            inside.append(data)
        text = " ".join(data.split())
        if text and not self._skipped():
            self.texts.append(text)


@pytest.fixture
def site():
    return build_site()


def test_every_page_type_answers_in_both_languages(client, site):
    problems = []
    for page_type in PAGE_TYPES:
        english = site[page_type]
        for language in LANGUAGES:
            address = in_language(english, language)
            response = client.get(address)
            expected = 404 if page_type == "not found" else 200
            if response.status_code != expected:
                problems.append(f"{address}: {response.status_code}")
                continue
            page = Page(response.text)
            if page.lang != language or response["Content-Language"] != language:
                problems.append(f"{address}: lang {page.lang}")
            switcher = {link["hreflang"]: link for link in page.switcher}
            for other in LANGUAGES:
                link = switcher.get(other, {})
                if link.get("href") != in_language(english, other):
                    problems.append(f"{address}: switcher to {other} {link}")
                if link.get("lang") != other:
                    problems.append(f"{address}: switcher lang {link}")
                current = "true" if other == language else None
                if link.get("aria-current") != current:
                    problems.append(f"{address}: aria-current {link}")
            if page.canonical is None:
                if page.alternates:
                    problems.append(f"{address}: alternates without a canonical")
                continue
            path = urlsplit(page.canonical)
            canonical = f"{path.path}?{path.query}" if path.query else path.path
            # A page shows Dutch readers the English text under a notice where its
            # item has no Dutch; such a page names its English address alone.
            untranslated = MISSING_NOTICES["nl"] in (
                response.text
                if language == "nl"
                else client.get(in_language(english, "nl")).text
            )
            expected_alternates = {
                other: "http://testserver" + in_language(canonical, other)
                for other in (["en"] if untranslated else LANGUAGES)
            }
            # The address without a prefix, which picks the reader's language.
            expected_alternates["x-default"] = "http://testserver/" + re.sub(
                r"^/(en|nl)/", "", canonical
            )
            if page.alternates != expected_alternates:
                problems.append(f"{address}: alternates {page.alternates}")
            if page.canonical != "http://testserver" + in_language(canonical, language):
                problems.append(f"{address}: canonical {page.canonical}")
    assert not problems, "\n".join(problems)


def _untranslated_patterns() -> list[tuple[str, re.Pattern]]:
    """Each English text of the catalogue whose Dutch differs, as a pattern that
    matches it whole with any values in its placeholders."""
    patterns = []
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.obsolete or "<" in entry.msgid:
            continue
        for msgid, msgstr in [
            (entry.msgid, entry.msgstr or entry.msgstr_plural.get(0)),
            (entry.msgid_plural, entry.msgstr_plural.get(1)),
        ]:
            if not msgid or msgid == msgstr:
                continue
            pieces = re.split(r"%\(\w+\)[sd]", msgid)
            # Too short to tell from the content ("%(a)s on %(b)s").
            if sum(char.isalpha() for char in "".join(pieces)) < 4:
                continue
            pattern = ".+?".join(re.escape(piece) for piece in pieces)
            patterns.append((msgid, re.compile(pattern)))
    return patterns


def test_dutch_pages_have_no_english_interface_text(client, site):
    patterns = _untranslated_patterns()
    found_in_english = set()
    problems = []
    for page_type in PAGE_TYPES:
        for language in LANGUAGES:
            address = in_language(site[page_type], language)
            texts = Page(client.get(address).text).texts
            for msgid, pattern in patterns:
                if any(pattern.fullmatch(text) for text in texts):
                    if language == "en":
                        found_in_english.add(msgid)
                    else:
                        problems.append(f"{address}: “{msgid}”")
    # The check sees the interface: on the English pages it finds plenty.
    assert len(found_in_english) > 50
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("accept_language", "language"),
    [
        ("nl-NL,nl;q=0.9,en;q=0.8", "nl"),
        ("en-GB,en;q=0.9", "en"),
        ("de-DE,de;q=0.9,nl;q=0.5", "nl"),
        ("fr", "en"),
        (None, "en"),
    ],
)
def test_root_sends_the_reader_to_the_language_the_browser_prefers(
    client, accept_language, language
):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get("/", headers=headers)

    assert response.status_code == 302
    assert response["Location"] == f"/{language}/"
    vary = {value.strip() for value in response["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


@pytest.mark.parametrize(
    "address",
    [
        "/press/",
        "/press/2014/11/almere-opens-doors-in-shenzhen-for-local-entrepreneurs/",
        "/press/feed/",
        "/press/?topic=economy-and-trade&year=2014",
        "/city/",
        "/city/key-figures.csv",
        "/partnerships/shenzhen/",
        "/partnerships/themes/food-strategy/",
        "/search/?q=almere",
        "/accessibility/",
    ],
)
def test_addresses_from_before_the_languages_lead_to_the_same_page(client, address):
    call_command("load_demo_content", stdout=io.StringIO())

    english = client.get(address)
    dutch = client.get(address, headers={"Accept-Language": "nl"})

    assert english.status_code == dutch.status_code == 302
    assert english["Location"] == f"/en{address}"
    assert dutch["Location"] == f"/nl{address}"
    assert client.get(english["Location"]).status_code == 200
    assert client.get(dutch["Location"]).status_code == 200


def test_an_unknown_address_without_a_language_is_not_found(client):
    response = client.get("/no-such-page/", headers={"Accept-Language": "nl"})

    assert response.status_code == 404
    page = Page(response.text)
    assert page.lang == "nl"
    assert [link["href"] for link in page.switcher] == ["/en/", "/nl/"]


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("/robots.txt", 200),
        ("/sitemap.xml", 200),
        ("/sitemap-pages.xml", 200),
        ("/healthz", 200),
        ("/favicon.ico", 302),
        (f"/{settings.ADMIN_PATH}", 302),
    ],
)
def test_what_machines_and_staff_fetch_has_no_language_prefix(client, address, status):
    response = client.get(address, headers={"Accept-Language": "nl"})

    assert response.status_code == status
    assert not response.get("Location", "").startswith(("/en/", "/nl/"))


def test_robots_txt_keeps_crawlers_out_of_previews_in_every_language(client):
    lines = client.get("/robots.txt").text.splitlines()

    for language in LANGUAGES:
        assert f"Disallow: /{language}/press/preview/" in lines
        assert f"Disallow: /{language}/partnerships/preview/" in lines


@pytest.mark.parametrize(
    ("accept_language", "lang", "username"),
    [("nl-NL,nl;q=0.9", "nl", "Gebruikersnaam"), ("en-GB,en", "en", "Username")],
)
def test_the_admin_speaks_the_editors_language(client, accept_language, lang, username):
    response = client.get(
        f"/{settings.ADMIN_PATH}login/", headers={"Accept-Language": accept_language}
    )

    assert response.status_code == 200
    assert f'<html lang="{lang}"' in response.text
    assert username in response.text


@pytest.mark.parametrize(
    ("accept_language", "names", "heading", "title"),
    [
        (
            "nl-NL,nl;q=0.9",
            ["Persruimte", "Persberichten", "Partnersteden", "Partnerschappen"],
            "persbericht wijzigen",
            "Inhoud",
        ),
        (
            "en-GB,en",
            ["Press room", "Press releases", "Partner cities", "Partnerships"],
            "Change press release",
            "Content",
        ),
    ],
)
def test_the_admin_names_the_sites_content_in_the_editors_language(
    admin_client, accept_language, names, heading, title
):
    headers = {"Accept-Language": accept_language}
    item = release(title="Windmills")

    index = admin_client.get(f"/{settings.ADMIN_PATH}", headers=headers).text
    change = admin_client.get(
        f"/{settings.ADMIN_PATH}pressroom/pressrelease/{item.pk}/change/",
        headers=headers,
    ).text

    for name in names:
        assert f">{name}<" in index, name
    assert f"<title>{title} | Almere CMS</title>" in index
    assert f"<title>Windmills | {heading} | Almere CMS</title>" in change


def test_numbers_have_the_languages_thousands_separators(client):
    with translation.override("en"):
        assert format_number(197_000) == "197,000"
        assert format_number(Decimal("2.50")) == "2.5"
    with translation.override("nl"):
        assert format_number(197_000) == "197.000"
        assert format_number(Decimal("2.50")) == "2,5"

    call_command("load_demo_content", stdout=io.StringIO())
    assert KeyFigure.objects.filter(value=197_000).exists()

    assert "197,000" in client.get("/en/").text
    assert "197.000" in client.get("/nl/").text
    assert "197.000" in client.get("/nl/city/").text


def test_dates_are_written_in_the_language(client):
    day = datetime.date(2014, 3, 12)
    with translation.override("en"):
        assert format_partial_date(day, "day") == ("12 March 2014", "2014-03-12")
        assert format_partial_date(day, "month")[0] == "March 2014"
    with translation.override("nl"):
        assert format_partial_date(day, "day") == ("12 maart 2014", "2014-03-12")
        assert format_partial_date(day, "month")[0] == "maart 2014"

    item = release(title="Spring", published_at=at(2014, 3, 12))
    path = item.get_absolute_url()
    assert '<time datetime="2014-03-12">12 March 2014</time>' in client.get(path).text
    dutch = client.get(in_language(path, "nl")).text
    assert '<time datetime="2014-03-12">12 maart 2014</time>' in dutch
    assert "Persberichten uit maart 2014" in client.get("/nl/press/2014/03/").text


def test_each_feed_speaks_the_language_of_its_address(client):
    call_command("load_demo_content", stdout=io.StringIO())
    feeds = {
        "/press/feed/": ("City of Almere: press releases", "Gemeente Almere: "),
        "/press/topics/economy-and-trade/feed/atom/": (
            "City of Almere: press releases on Economy and trade",
            "Gemeente Almere: persberichten over ",
        ),
        "/partnerships/shenzhen/feed/": (
            "City of Almere and Shenzhen: press releases",
            "Gemeente Almere en Shenzhen: ",
        ),
    }
    for address, (english_title, dutch_title) in feeds.items():
        for language, title in [("en", english_title), ("nl", dutch_title)]:
            feed = feedparser.parse(client.get(f"/{language}{address}").content)
            assert feed.feed.language == language
            assert feed.feed.title.startswith(title), feed.feed.title
            assert urlsplit(feed.feed.link).path.startswith(f"/{language}/")
            assert feed.entries
            for entry in feed.entries:
                assert urlsplit(entry.link).path.startswith(f"/{language}/")


def test_search_answers_in_each_language_with_addresses_in_it(client):
    call_command("load_demo_content", stdout=io.StringIO())

    english = client.get("/en/search/?q=shenzhen")
    dutch = client.get("/nl/search/?q=shenzhen")

    assert english.status_code == dutch.status_code == 200
    assert "results for" in english.text
    assert "resultaten voor" in dutch.text
    assert 'href="/nl/press/2014/11/almere-opens-doors' in dutch.text
    assert 'href="/en/press/' not in dutch.text
    assert "Persbericht" in dutch.text


def test_the_sitemap_lists_each_page_in_the_languages_it_is_written_in(client):
    call_command("load_demo_content", stdout=io.StringIO())
    path = "press/2014/11/almere-opens-doors-in-shenzhen-for-local-entrepreneurs/"

    def listed(language: str) -> tuple[bool, bool]:
        xml = client.get("/sitemap-press.xml").text
        return (
            f"<loc>http://testserver/{language}/{path}</loc>" in xml,
            f'<xhtml:link rel="alternate" hreflang="{language}" '
            f'href="http://testserver/{language}/{path}"/>' in xml,
        )

    # The demo content is English only: its Dutch page is not counted twice.
    assert listed("en") == (True, True)
    assert listed("nl") == (False, False)
    PressRelease.objects.filter(slug=path.split("/")[-2]).update(
        title_nl="Almere opent deuren in Shenzhen",
        lead_nl="Voor ondernemers.",
        body_nl="<p>Een handelsmissie.</p>",
    )
    assert listed("en") == (True, True)
    assert listed("nl") == (True, True)
    xml = client.get("/sitemap-press.xml").text
    # x-default: the address without a prefix, which picks the reader's language.
    assert (
        f'<xhtml:link rel="alternate" hreflang="x-default" '
        f'href="http://testserver/{path}"/>'
    ) in xml


@pytest.mark.parametrize(
    ("address", "dutch", "english"),
    [
        ("/en/", "/nl/", "/en/"),
        ("/en", "/nl/", "/en/"),
        ("/en?q=molen", "/nl/?q=molen", "/en/?q=molen"),
        ("/en/press/?topic=economy&page=2", "/nl/press/?topic=economy&page=2", None),
        ("/nl/press/2014/11/windmills/", None, "/en/press/2014/11/windmills/"),
        # An address that names no page keeps its words under the other prefix.
        ("/en/no/such/page/", "/nl/no/such/page/", None),
    ],
)
def test_the_same_page_in_another_language_differs_only_in_its_prefix(
    address, dutch, english
):
    assert url_in(address, "nl") == (dutch or address)
    assert url_in(address, "en") == (english or address)
