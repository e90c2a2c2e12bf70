"""Malformed input gets a 4xx or a sensible page, never a 5xx.

Every public URL pattern is found in the resolver and walked with the demo content
loaded: its real addresses, then each of its parameters replaced by hostile values,
hostile query strings, and every method. A new pattern fails
``test_every_public_pattern_is_walked`` until it has real addresses here.
"""

import re
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from almere.sitemaps import SITEMAPS
from cityprofile.models import Indicator, ProfilePage
from partnerships.models import Partnership, Theme
from pressroom.models import PressRelease, Topic
from tests.site_pages import build_site

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"<(?:[^>:]+:)?(?P<name>[^>]+)>")

# Written into the path as they are: the client sends them percent-decoded, as a
# web server hands them on.
HOSTILE_PATH_VALUES = [
    "abc",
    "-1",
    "0",
    "00",
    "0000",
    "0001",
    "02",
    "13",
    "30",
    "99",
    "9999",
    "1" + "0" * 30,
    "1e3",
    "no-such-thing",
    "a" * 300,
    "%C3%A9t%C3%A9",  # été
    "%EF%BD%90%EF%BD%92%EF%BD%85%EF%BD%93%EF%BD%93",  # fullwidth "press"
    "%E2%80%AEtxt",  # right-to-left override
    "%E2%80%8B",  # zero-width space
    "%F0%9F%8F%99",  # an emoji
    "%ED%A0%80",  # an unpaired surrogate, invalid UTF-8
    "%00",
    "a%00b",
    "%ff",
    "%",
    "%zz",
    "..%2f",
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "%2e%2e",
    "a%20b",
    "%3Cscript%3E",
    "'",
    "%22",
    "%3F",
    "%23",
]

HOSTILE_QUERY_STRINGS = [
    "page=abc",
    "page=-1",
    "page=0",
    "page=1.5",
    "page=last",
    "page=99999999999999999999",
    "page=" + "9" * 5000,
    "page=%00",
    "page=",
    "page",
    "page=1&page=2",
    "p=abc",
    "p=0",
    "p=99999999999999999999",
    "q=%ff",
    "q=%00",
    "q=" + "x" * 10_000,
    "q=%ED%A0%80",
    "q=%E2%80%AE",
    "q=shenzhen&kind=nonsense",
    "q=shenzhen&kind=press-release&page=abc",
    "q=shenzhen&kind=press-release&page=99999999999999999999",
    "topic=%00",
    "topic=no-such-topic",
    "topic=economy-and-trade&topic=culture",
    "year=abc",
    "year=0",
    "year=99999999999999999999",
    "year=%00",
    "theme=%00",
    "theme=" + "a" * 300,
    "country=%00",
    "country=XX",
    "country=nl",
    "status=%00",
    "status=nonsense",
    "utm_source=newsletter&fbclid=abc",
    "%ff=%ff",
    "%00=%00",
    "=",
    "&&&",
    "a[]=1&a[]=2",
    "%",
    "%zz",
    "&".join(["x=1"] * 900),
]

WRONG_METHODS = ["POST", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"]


def public_patterns() -> Iterator[tuple[str, str]]:
    """(name, route) of every public URL pattern; unnamed ones go by their route."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(settings.ADMIN_PATH):
                continue
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else ""
                yield from walk(pattern.url_patterns, route, inner or namespace)
            elif isinstance(pattern, URLPattern):
                yield (namespace + pattern.name if pattern.name else route), route

    yield from walk(get_resolver().url_patterns)


PATTERNS = dict(public_patterns())


def _published_release() -> PressRelease:
    return PressRelease.objects.published().filter(image="").first()


def _release_paths() -> list[str]:
    release = _published_release()
    day = release.published_on
    return [
        release.get_absolute_url(),
        reverse("pressroom:year", args=[day.year]),
        reverse("pressroom:month", args=[day.year, day.month]),
    ]


# Real addresses of each pattern with parameters, from the demo content.
REAL_PATHS: dict[str, Callable[[], list[str]]] = {
    "cityprofile:indicator_csv": lambda: [
        reverse("cityprofile:indicator_csv", args=[i.slug])
        for i in Indicator.objects.all()[:2]
    ],
    "cityprofile:page": lambda: [
        page.get_absolute_url() for page in ProfilePage.objects.published()[:2]
    ],
    "pressroom:topic": lambda: [
        topic.get_absolute_url() for topic in Topic.objects.published()[:2]
    ],
    "pressroom:topic_feed": lambda: [
        reverse("pressroom:topic_feed", args=[topic.slug])
        for topic in Topic.objects.published()[:2]
    ],
    "pressroom:topic_atom_feed": lambda: [
        reverse("pressroom:topic_atom_feed", args=[topic.slug])
        for topic in Topic.objects.published()[:1]
    ],
    "pressroom:preview": lambda: [
        reverse("pressroom:preview", args=[_published_release().pk])
    ],
    "pressroom:year": lambda: [_release_paths()[1]],
    "pressroom:month": lambda: [_release_paths()[2]],
    "pressroom:detail": lambda: [_release_paths()[0]],
    "partnerships:theme": lambda: [
        theme.get_absolute_url() for theme in Theme.objects.published()[:2]
    ],
    "partnerships:preview": lambda: [
        reverse("partnerships:preview", args=[Partnership.objects.first().pk])
    ],
    "partnerships:detail": lambda: [
        p.get_absolute_url() for p in Partnership.objects.published()[:2]
    ],
    "partnerships:feed": lambda: [
        reverse("partnerships:feed", args=[p.slug])
        for p in Partnership.objects.published()[:2]
    ],
    "partnerships:atom_feed": lambda: [
        reverse("partnerships:atom_feed", args=[p.slug])
        for p in Partnership.objects.published()[:1]
    ],
    "sitemap_section": lambda: [
        reverse("sitemap_section", args=[section]) for section in SITEMAPS
    ],
}
STAFF_ONLY = {"pressroom:preview", "partnerships:preview"}
REDIRECTS = {"favicon.ico"}


def expected_status(name: str, kind: str, method: str = "GET") -> int:
    """Previews send visitors to the login page, whatever they ask for."""
    if name in STAFF_ONLY and kind == "anonymous":
        return 302
    if method not in ("GET", "HEAD"):
        return 405
    return 302 if name in REDIRECTS else 200


def real_paths() -> dict[str, list[str]]:
    paths = {}
    for name, route in PATTERNS.items():
        if name in REAL_PATHS:
            paths[name] = REAL_PATHS[name]()
        else:
            paths[name] = ["/" + route]
    return paths


def raw_arguments(route: str, path: str) -> dict[str, str]:
    """The parameters of ``route`` as they are written in ``path``."""
    regex, end = "", 0
    for placeholder in PLACEHOLDER.finditer(route):
        regex += re.escape(route[end : placeholder.start()])
        regex += f"(?P<{placeholder['name']}>[^/]+?)"
        end = placeholder.end()
    regex += re.escape(route[end:])
    match = re.fullmatch(regex, path.removeprefix("/"))
    assert match, (route, path)
    return match.groupdict()


def fill(route: str, arguments: dict[str, str]) -> str:
    return "/" + PLACEHOLDER.sub(lambda m: arguments[m["name"]], route)


def hostile_paths(route: str, real_path: str) -> Iterator[str]:
    """The real address with one parameter at a time replaced by hostile values."""
    arguments = raw_arguments(route, real_path)
    for name in arguments:
        for value in HOSTILE_PATH_VALUES:
            yield fill(route, {**arguments, name: value})


@pytest.fixture
def site_paths():
    build_site()
    return real_paths()


def client_for(kind: str, django_user_model) -> Client:
    client = Client(raise_request_exception=False)
    if kind == "staff":
        client.force_login(
            django_user_model.objects.create_superuser("walker", "w@example.org")
        )
    return client


def problem(method: str, path: str, response) -> str:
    cause = f" ({response.exc_info[1]!r})" if response.exc_info else ""
    return f"{method} {path[:120]} answered {response.status_code}{cause}"


def test_every_public_pattern_is_walked():
    parametrised = {name for name, route in PATTERNS.items() if "<" in route}
    assert parametrised == set(REAL_PATHS)
    assert {"home", "search:results", "healthz", "robots_txt"} <= set(PATTERNS)
    assert not any(route.startswith(settings.ADMIN_PATH) for route in PATTERNS.values())


@pytest.mark.parametrize("kind", ["anonymous", "staff"])
def test_real_addresses_answer(site_paths, django_user_model, kind):
    client = client_for(kind, django_user_model)
    problems = []
    for name, paths in site_paths.items():
        assert paths, f"no demo content for {name}"
        for path in paths:
            response = client.get(path)
            if response.status_code != expected_status(name, kind):
                problems.append(problem("GET", path, response))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", ["anonymous", "staff"])
def test_hostile_paths_never_answer_5xx(site_paths, django_user_model, kind):
    client = client_for(kind, django_user_model)
    problems, walked = [], 0
    for name, route in PATTERNS.items():
        for path in hostile_paths(route, site_paths[name][0]):
            get = client.get(path)
            head = client.head(path)
            walked += 1
            if get.status_code >= 500:
                problems.append(problem("GET", path, get))
            if head.status_code != get.status_code or head.content:
                problems.append(problem("HEAD", path, head))
    assert walked > 500
    assert not problems, "\n".join(problems)


def test_hostile_query_strings_never_answer_5xx(site_paths):
    client = client_for("anonymous", None)
    problems = []
    for paths in site_paths.values():
        for query in HOSTILE_QUERY_STRINGS:
            path = f"{paths[0]}?{query}"
            response = client.get(path)
            if response.status_code >= 500:
                problems.append(problem("GET", path, response))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", ["anonymous", "staff"])
def test_public_pages_take_only_get_and_head(site_paths, django_user_model, kind):
    client = client_for(kind, django_user_model)
    problems = []
    for name, paths in site_paths.items():
        path = paths[0]
        get = client.get(path)
        head = client.head(path)
        if (head.status_code, head.content) != (get.status_code, b""):
            problems.append(problem("HEAD", path, head))
        for method in WRONG_METHODS:
            response = client.generic(method, path)
            expected = expected_status(name, kind, method)
            if response.status_code != expected or (
                expected == 405 and "GET" not in response["Allow"]
            ):
                problems.append(problem(method, path, response))
        if expected_status(name, kind) == 302:
            continue
        options = client.options(path)
        if options.status_code not in (200, 405) or "GET" not in options["Allow"]:
            problems.append(problem("OPTIONS", path, options))
    assert not problems, "\n".join(problems)


# Addresses no pattern matches, or that try to climb out of one.
UNROUTED_PATHS = [
    "/%00",
    "/%ff/",
    "/%",
    "/press/%",
    "/press//",
    "/press/%2F%2Fexample.org",
    "/..%2f..%2fetc/passwd",
    "/static/..%2f..%2falmere%2fsettings.py",
    "/media/../almere/settings.py",
    "/%C3%A9t%C3%A9/",
    "/press%00",
    "/" + "a" * 3000 + "/",
    "/" + "a/" * 500,
]


def test_addresses_that_match_no_pattern_answer_404_or_stay_on_the_site(site_paths):
    client = client_for("anonymous", None)
    problems = []
    for path in UNROUTED_PATHS:
        response = client.get(path)
        location = response.headers.get("Location", "/")
        if response.status_code >= 500 or not (
            location.startswith("/") and not location.startswith("//")
        ):
            problems.append(problem("GET", path, response))
    assert not problems, "\n".join(problems)
