"""Every public page without arguments renders in the base layout with one <h1>."""

import io
import re

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cityprofile.models import CityProfile


def argument_free_public_urls():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if str(pattern.pattern).startswith(settings.ADMIN_PATH):
                continue
            if isinstance(pattern, URLResolver):
                namespace = pattern.namespace
                yield from walk(
                    pattern.url_patterns,
                    f"{prefix}{namespace}:" if namespace else prefix,
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                if not pattern.pattern.regex.groups:
                    yield prefix + pattern.name

    return sorted(walk(get_resolver().url_patterns))


def scripts_that_run(html: str) -> list[str]:
    """The <script> tags a browser would run: all but JSON-LD data blocks."""
    return [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html)
        if tag != '<script type="application/ld+json">'
    ]


HTML_PAGES = [
    name
    for name in argument_free_public_urls()
    if not name.endswith(("csv", "feed", "txt", "xml")) and name != "healthz"
]


def test_the_public_pages_are_found():
    assert {"home", "cityprofile:overview", "partnerships:list"} <= set(HTML_PAGES)


@pytest.mark.django_db
@pytest.mark.parametrize("name", HTML_PAGES)
def test_public_page_renders_with_exactly_one_h1(client, name):
    CityProfile.objects.create(introduction="<p>Almere grows.</p>")
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", HTML_PAGES)
def test_public_page_renders_on_an_empty_database(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200


@pytest.mark.django_db
def test_navigation_shows_only_sections_that_exist_and_marks_the_current_one(
    client, monkeypatch
):
    from almere import context_processors

    sections = (*context_processors.SECTIONS, ("Events", "events:list"))
    monkeypatch.setattr(context_processors, "SECTIONS", sections)
    html = client.get(reverse("cityprofile:overview")).content.decode()
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    assert '<a href="/en/city/" aria-current="page">City</a>' in nav
    assert '<a href="/en/press/">Press</a>' in nav
    assert '<a href="/en/partnerships/">Partnerships</a>' in nav
    assert "Events" not in nav


@pytest.mark.django_db
def test_unknown_address_gets_the_sites_404_page(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"skip-link" in response.content


@pytest.mark.django_db
def test_public_pages_run_under_a_strict_content_security_policy(client):
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";")
    )
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in policy


@pytest.mark.django_db
def test_only_the_admin_gets_the_looser_policy_the_editor_needs(admin_client):
    policy = admin_client.get(reverse("admin:index"))["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy


@pytest.mark.django_db
def test_public_pages_have_no_inline_scripts_or_styles(client):
    CityProfile.objects.create(introduction="<p>Almere</p>")
    for name in HTML_PAGES:
        html = client.get(reverse(name)).content.decode()
        assert scripts_that_run(html) == []
        assert "style=" not in html
        assert "<style" not in html


def demo_pages() -> list[str]:
    """Every public page the demo content has, arguments and all."""
    from partnerships.models import Partnership, Theme
    from pressroom.models import PressRelease, Topic

    releases = PressRelease.objects.published()
    months = releases.dates("published_at", "month")
    return [
        *(reverse(name) for name in HTML_PAGES),
        *(release.get_absolute_url() for release in releases),
        *(topic.get_absolute_url() for topic in Topic.objects.all()),
        *(item.get_absolute_url() for item in Partnership.objects.published()),
        *(theme.get_absolute_url() for theme in Theme.objects.all()),
        *(reverse("pressroom:year", args=[month.year]) for month in months),
        *(
            reverse("pressroom:month", args=[month.year, month.month])
            for month in months
        ),
    ]


@pytest.mark.django_db
def test_every_page_of_the_demo_content_is_whole_and_strict(client):
    from django.core.management import call_command

    call_command("load_demo_content", stdout=io.StringIO())
    pages = demo_pages()
    assert len(pages) >= 10
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        assert '<a class="skip-link" href="#main">' in html, url
        assert scripts_that_run(html) == [] and "style=" not in html, url
        assert "unsafe" not in response["Content-Security-Policy"], url


def test_favicon_address_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("favicon.svg")


@pytest.mark.django_db
def test_every_page_links_to_the_accessibility_statement(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "access@example.org"
    for path in ["/en/", "/en/press/", "/en/search/?q=x", "/en/no-such-page/"]:
        assert b'<a href="/en/accessibility/">Accessibility statement</a>' in (
            client.get(path).content
        ), path

    statement = client.get("/en/accessibility/").content.decode()
    assert "WCAG) 2.1 at level AA" in statement
    assert 'href="mailto:access@example.org"' in statement
