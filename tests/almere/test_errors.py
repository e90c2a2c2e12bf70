"""The 400, 403, 404, 500 and 503 pages: in the site's layout, without the database,
with a title that says what happened and nothing of the error behind it."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.error_urls import SECRET
from tests.html_checker import html_problems
from tests.outages import database_refusing
from tests.pressroom.factories import release

pytestmark = pytest.mark.urls("tests.error_urls")

# Address: the status and title of the page it gets.
ERROR_PAGES = {
    "/fail/400/": (400, "Bad request"),
    "/fail/403/": (403, "Access denied"),
    "/en/no-such-page/": (404, "Page not found"),
    "/fail/500/": (500, "Something went wrong"),
    "/fail/503/": (503, "Temporarily unavailable"),
}


@pytest.fixture
def client():
    """A client that gets the error page, as a browser would, not the exception."""
    return Client(raise_request_exception=False)


def assert_error_page(response, status: int, title: str) -> None:
    html = response.content.decode()
    assert response.status_code == status
    assert f"<title>{title} · City of Almere</title>" in html
    assert html.count("<h1>") == 1
    assert f"<h1>{title}</h1>" in html
    assert '<meta name="robots" content="noindex">' in html
    # The site's layout: its header with the sections and search, and its footer.
    assert '<nav class="site-nav" aria-label="Main">' in html
    assert 'href="/en/press/"' in html
    assert 'role="search"' in html
    assert 'href="/en/accessibility/"' in html
    assert 'href="/en/">Go to the home page</a>' in html
    for detail in (SECRET, "Traceback", "Exception", "Error:"):
        assert detail not in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ERROR_PAGES)
def test_error_pages_render_in_the_layout_without_database_queries(
    client, django_assert_num_queries, path
):
    with django_assert_num_queries(0):
        response = client.get(path)

    assert_error_page(response, *ERROR_PAGES[path])


@pytest.mark.django_db(transaction=True)
def test_error_pages_render_while_the_database_is_down(client):
    with database_refusing():
        assert client.get("/en/press/").status_code == 503
        for path, (status, title) in ERROR_PAGES.items():
            assert_error_page(client.get(path), status, title)


@pytest.mark.django_db
def test_the_500_page_is_never_cached_and_the_error_is_logged(client, caplog):
    response = client.get("/fail/500/")

    assert "no-store" in response["Cache-Control"]
    assert any(SECRET in (r.exc_text or "") for r in caplog.records)


@pytest.mark.django_db
def test_a_database_outage_is_a_503_to_retry_but_a_bad_query_a_500(client, caplog):
    outage = client.get("/fail/503/")
    bug = client.get("/fail/sql/")

    assert outage.status_code == 503
    assert outage["Retry-After"] == "30"
    assert "no-store" in outage["Cache-Control"]
    assert "Database unavailable, GET /fail/503/ answered 503" in caplog.text
    assert_error_page(bug, 500, "Something went wrong")


@pytest.mark.django_db
def test_the_500_page_is_bare_when_even_the_layout_fails(client, settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [
        {
            **engine,
            "OPTIONS": {
                **engine["OPTIONS"],
                "context_processors": [
                    *engine["OPTIONS"]["context_processors"],
                    "tests.error_urls.broken_context_processor",
                ],
            },
        }
    ]

    response = client.get("/en/")

    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.content.decode()
    assert SECRET not in response.content.decode()


@pytest.mark.django_db
def test_a_request_for_a_host_the_site_does_not_serve_gets_the_400_page(client):
    response = client.get("/en/press/", HTTP_HOST="evil.example")

    assert_error_page(response, 400, "Bad request")
    # Nothing on the page is built from the address asked for.
    assert "evil.example" not in response.content.decode()


@pytest.mark.django_db
def test_too_many_query_parameters_get_the_400_page(client):
    query = "&".join(f"x{n}=1" for n in range(1001))

    response = client.get(f"/en/search/?{query}")

    assert_error_page(response, 400, "Bad request")


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_gets_a_page_that_says_what_to_do():
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(
        reverse("admin:login"), {"username": "comms", "password": "x"}
    )

    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Form not sent</h1>" in html
    assert "reload the page and send the form again" in html
    assert "CSRF" not in html
    assert '<nav class="site-nav" aria-label="Main">' in html


@pytest.mark.django_db
def test_staff_without_the_permission_get_the_403_page(client):
    user = User.objects.create_user("intern", password="a-long-password", is_staff=True)
    client.force_login(user)
    draft = release(status="draft", published_at=None)

    response = client.get(reverse("pressroom:preview", args=[draft.pk]))

    assert_error_page(response, 403, "Access denied")
    assert draft.title not in response.content.decode()


@pytest.mark.django_db
def test_error_pages_are_valid_html(client, tmp_path):
    responses = {path: client.get(path) for path in ERROR_PAGES}
    responses["CSRF failure"] = Client(enforce_csrf_checks=True).post(
        reverse("admin:login")
    )

    pages = {name: response.content for name, response in responses.items()}
    assert html_problems(pages, tmp_path) == []
