import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils.html import escape

from almere.richtext import sanitise_html
from cityprofile.models import CityProfile, ProfilePage
from tests.feeds import entry_contents
from tests.pressroom.factories import release

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    "<svg><script>alert(1)</script></svg>",
    '<svg onload="alert(1)"></svg>',
    "<math><mtext><img src=x onerror=alert(1)></mtext></math>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div onmouseover="alert(1)">x</div>',
    '<form action="https://evil.example"><input name="q"></form>',
    "<<script>alert(1)//<</script>",
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<body onload="alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<!--<script>alert(1)</script>-->",
]
EXECUTABLE_MARKERS = (
    "<script",
    "javascript:",
    "onerror",
    "onload",
    "onmouseover",
    "<iframe",
    "<object",
    "<embed",
    "<svg",
    "<math",
    "style=",
    "<style",
    "<form",
    "<meta",
    "<base",
    "<link",
    "data:",
)


@pytest.mark.parametrize("html", HOSTILE)
def test_sanitiser_removes_everything_that_can_run(html):
    cleaned = sanitise_html(html).lower()
    assert not any(marker in cleaned for marker in EXECUTABLE_MARKERS), cleaned


def test_sanitiser_keeps_what_the_editor_makes():
    html = (
        "<h2>Trade</h2><p><strong>Bold</strong> and <em>italic</em></p>"
        "<ul><li>one</li></ul><blockquote><p>quote</p></blockquote>"
        '<p><a href="https://www.almere.nl/">link</a></p>'
        '<p><img alt="Harbour" height="100" src="/media/uploads/a.jpg" width="200"></p>'
        "<table><tbody><tr><th>Year</th><td>2014</td></tr></tbody></table>"
    )
    cleaned = sanitise_html(html)
    for kept in ("<h2>", "<strong>", "<em>", "<li>", "<blockquote>", "<th>", "<td>"):
        assert kept in cleaned
    assert 'src="/media/uploads/a.jpg"' in cleaned
    assert 'alt="Harbour"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_sanitiser_is_stable_on_its_own_output():
    once = sanitise_html("".join(HOSTILE) + "<p>Almere <em>grows</em></p>")
    assert sanitise_html(once) == once


@pytest.mark.django_db
def test_rich_text_is_sanitised_on_save_and_the_instance_shows_it():
    page = ProfilePage.objects.create(
        title="Economy", slug="economy", summary="s", body='<p onclick="x()">Hi</p>'
    )
    assert page.body == "<p>Hi</p>"
    assert ProfilePage.objects.get().body == "<p>Hi</p>"


@pytest.mark.django_db
def test_rich_text_is_sanitised_through_queryset_update_and_bulk_create():
    ProfilePage.objects.bulk_create(
        [ProfilePage(title="A", slug="a", summary="s", body="<script>x</script>A")]
    )
    assert ProfilePage.objects.get().body == "A"
    ProfilePage.objects.update(body='<img src=x onerror="x()">')
    assert "onerror" not in ProfilePage.objects.get().body


@pytest.mark.django_db
def test_rich_text_is_sanitised_when_loaded_from_a_fixture(tmp_path):
    fixture = tmp_path / "profile.json"
    fixture.write_text(
        '[{"model": "cityprofile.cityprofile", "pk": 1, "fields": {"name": "Almere",'
        ' "tagline": "", "introduction": "<p>Hi<script>alert(1)</script></p>",'
        ' "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}}]'
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert CityProfile.objects.get().introduction == "<p>Hi</p>"


def test_richtext_filter_sanitises_again_on_output():
    rendered = Template("{% load almere_tags %}{{ html|richtext }}").render(
        Context({"html": "<p>ok</p><script>alert(1)</script>"})
    )
    assert rendered == "<p>ok</p>"


OTHER_SITES = [
    "https://evil.example/",
    "http://www.almere.nl.evil.example/",
    "//evil.example/path",
    "/\\evil.example/",
    "HTTPS://EVIL.EXAMPLE/",
    "https://www.almere.nl@evil.example/",
    "https:evil.example",
]
THIS_SITE = [
    "/press/",
    "#facts",
    "?page=2",
    "page/",
    "https://www.almere.nl/press/",
    "HTTP://WWW.ALMERE.NL/",
    "mailto:press@almere.nl",
    "tel:+31365399911",
]


@pytest.mark.parametrize("href", OTHER_SITES)
def test_links_to_other_sites_get_noopener_noreferrer(settings, href):
    settings.ALLOWED_HOSTS = ["www.almere.nl"]
    cleaned = sanitise_html(f'<a href="{href}" rel="opener" target="_blank">x</a>')
    assert cleaned.endswith(' rel="noopener noreferrer">x</a>')
    assert "opener" not in cleaned.replace("noopener", "")
    assert "target" not in cleaned


@pytest.mark.parametrize("href", THIS_SITE)
def test_links_within_the_site_keep_their_referrer(settings, href):
    settings.ALLOWED_HOSTS = ["www.almere.nl"]
    cleaned = sanitise_html(f'<a title="About" href="{href}" rel="opener">x</a>')
    assert cleaned == f'<a title="About" href="{escape(href)}">x</a>'


def test_a_title_cannot_pass_for_a_links_address(settings):
    settings.ALLOWED_HOSTS = ["www.almere.nl"]
    cleaned = sanitise_html('<a title=" href=" href="https://evil.example/">x</a>')
    assert 'rel="noopener noreferrer"' in cleaned


def test_a_wildcard_host_makes_no_link_the_sites_own(settings):
    settings.ALLOWED_HOSTS = ["*"]
    assert 'rel="noopener noreferrer"' in sanitise_html('<a href="https://a.b/">x</a>')


def test_control_characters_are_dropped_from_rich_text():
    cleaned = sanitise_html('<p lang="nl">A\x01l\x0bm\x7fe\ufffer\x85e\ud800</p>')
    assert cleaned == '<p lang="nl">Almere</p>'
    assert sanitise_html("<p>Tab\there,\nnew line</p>") == "<p>Tab\there,\nnew line</p>"


def test_noncharacters_beyond_the_first_plane_are_dropped_and_other_text_kept():
    noncharacters = "".join(
        chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17)
    )
    kept = "emoji \U0001f600, CJK \U00020000 \U0002fffd, private \U0010fffd"
    assert sanitise_html(f"<p>{noncharacters}{kept}</p>") == f"<p>{kept}</p>"


@pytest.mark.django_db
def test_a_releases_page_and_feed_mark_only_links_to_other_sites(client, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    item = release(
        body='<p><a href="https://www.toronto.ca/">Toronto</a>, '
        '<a href="/city/">the city</a>, <a href="http://testserver/press/">news</a>'
        "</p>"
    )
    page = client.get(item.get_absolute_url()).text
    [content] = entry_contents(client.get("/en/press/feed/"))

    toronto = '<a href="https://www.toronto.ca/" rel="noopener noreferrer">'
    for html in (page, content):
        assert toronto in html
        assert html.count('rel="noopener noreferrer"') == 1
        assert '<a href="http://testserver/press/">news</a>' in html
    assert '<a href="/city/">the city</a>' in page
    # Made absolute for feed readers, and still the site's own.
    assert '<a href="http://testserver/city/">the city</a>' in content
