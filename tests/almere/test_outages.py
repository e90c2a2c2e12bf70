"""Faults: the health check, and the site when the database or Redis is gone.

Against the real services: the database or cache at a port where nothing listens,
or at one that accepts connections and never answers. Tests marked ``outage`` stop
and start the real PostgreSQL and Redis servers (OUTAGE_TESTS=1; CI does).
"""

import json
import os
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from imagekit.cachefiles.backends import get_default_cachefile_backend

from tests.almere.test_settings import run_manage
from tests.outages import (
    closed_port,
    database_at,
    database_refusing,
    fetch,
    needs_postgresql,
    postgresql_cluster,
    postgresql_stopped,
    redis_server,
    redis_stopped,
    silent_server,
    wsgi_server,
)
from tests.pressroom.factories import image_file, release
from tests.site_pages import build_site

SHOW_SETTINGS = """
import json
from django.conf import settings as s
print(json.dumps({
    "database_options": s.DATABASES["default"].get("OPTIONS", {}),
    "caches": s.CACHES,
    "log_ignored": getattr(s, "DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS", False),
    "session_engine": s.SESSION_ENGINE,
}))
"""


def settings_with(**env: str) -> dict:
    result = run_manage("shell", "--no-imports", "-c", SHOW_SETTINGS, DEBUG="1", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# Pages of every kind that read the database.
PAGES = ["/en/", "/en/press/", "/en/partnerships/", "/en/city/", "/en/search/?q=almere"]


@pytest.fixture
def site():
    return build_site()


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


# The health check


@pytest.mark.django_db
def test_healthz_answers_ok_while_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_plain_http_where_pages_redirect_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    assert client.get("/en/press/").status_code == 301


@pytest.mark.django_db
def test_healthz_is_not_in_the_sitemap(client, site):
    sitemap = client.get("/sitemap-pages.xml").content.decode()

    assert "/en/press/" in sitemap
    assert "healthz" not in sitemap


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_503_at_once_when_the_database_is_down(browser, caplog):
    with database_refusing():
        started = time.monotonic()
        response = browser.get("/healthz")
        seconds = time.monotonic() - started

    assert response.status_code == 503
    assert response.content == b"database unavailable\n"
    assert "no-store" in response["Cache-Control"]
    assert seconds < 1
    assert "Health check failed" in caplog.text
    assert browser.get("/healthz").status_code == 200


# The database gone


def test_postgresql_connections_give_up_after_a_few_seconds():
    default = settings_with(DATABASE_URL="postgres://u@db.example:5432/almere")
    configured = settings_with(
        DATABASE_URL="postgres://u@db.example:5432/almere?sslmode=require",
        DATABASE_CONNECT_TIMEOUT="5",
    )

    assert default["database_options"] == {"connect_timeout": 3}
    assert configured["database_options"] == {
        "sslmode": "require",
        "connect_timeout": 5,
    }
    sqlite = settings_with(DATABASE_URL="sqlite:////tmp/almere-settings.sqlite3")
    assert "connect_timeout" not in sqlite["database_options"]


@pytest.mark.django_db(transaction=True)
def test_pages_answer_503_at_once_while_the_database_refuses_and_recover(browser, site):
    with database_refusing():
        for path in PAGES:
            started = time.monotonic()
            response = browser.get(path)
            seconds = time.monotonic() - started
            assert response.status_code == 503, path
            assert response["Retry-After"] == "30"
            assert "<h1>Temporarily unavailable</h1>" in response.content.decode()
            assert seconds < 1, path

    for path in PAGES:
        assert browser.get(path).status_code == 200, path


@pytest.mark.django_db(transaction=True)
def test_a_database_server_that_never_answers_costs_a_page_the_connect_timeout(
    browser, site
):
    # libpq waits at least 2 seconds; production waits 3 (DATABASE_CONNECT_TIMEOUT).
    with silent_server() as port, database_at(port, connect_timeout=2):
        timings = {}
        for path in ["/en/press/", "/healthz"]:
            started = time.monotonic()
            response = browser.get(path)
            timings[path] = time.monotonic() - started
            assert response.status_code == 503

    assert all(1.5 < seconds < 5 for seconds in timings.values()), timings
    assert browser.get("/en/press/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_dropped_is_replaced_at_the_next_request(
    site, settings
):
    """CONN_HEALTH_CHECKS: a persistent connection that died between requests (the
    server restarted, a proxy closed it) is noticed and replaced, not used."""
    needs_postgresql()
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    with wsgi_server() as address:
        assert fetch(address + "/en/press/").status == 200
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            assert cursor.fetchall() == [(True,)]

        assert fetch(address + "/en/press/").status == 200
        assert fetch(address + "/healthz").status == 200


@pytest.mark.outage
@pytest.mark.django_db(transaction=True)
def test_the_site_rides_out_a_postgresql_restart(site, settings):
    """503s at once while the server is down, 200s once it is back: same process."""
    cluster = postgresql_cluster()
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    with wsgi_server() as address:
        assert fetch(address + "/en/press/").status == 200
        with postgresql_stopped(cluster):
            down = [fetch(address + path) for path in ["/en/press/", "/healthz", "/"]]
        up = [fetch(address + path) for path in ["/en/press/", "/healthz", "/"]]

    assert [answer.status for answer in down] == [503, 503, 503]
    assert all(answer.seconds < 5 for answer in down), down
    assert down[0].headers["Retry-After"] == "30"
    assert b"Traceback" not in down[1].body
    assert [answer.status for answer in up] == [200, 200, 200]


# Redis gone


def redis_cache(url: str) -> dict:
    """The cache as the settings make it for REDIS_URL=url."""
    return settings_with(REDIS_URL=url)["caches"]


def test_redis_errors_are_logged_cache_misses_with_short_timeouts():
    shown = settings_with(REDIS_URL="redis://127.0.0.1:6379/0")
    options = shown["caches"]["default"]["OPTIONS"]

    assert options["IGNORE_EXCEPTIONS"] is True
    assert options["SOCKET_CONNECT_TIMEOUT"] <= 1
    assert options["SOCKET_TIMEOUT"] <= 1
    assert shown["log_ignored"] is True
    # Logins and their sessions do not depend on Redis.
    assert shown["session_engine"] == "django.contrib.sessions.backends.db"


@pytest.fixture
def redis_unreachable(settings):
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{closed_port()}/13")
    # django-imagekit keeps the cache it first used: let it take this one, and
    # let the next test's be taken afresh.
    imagekit_files = get_default_cachefile_backend()
    imagekit_files.__dict__.pop("_cache", None)
    yield
    imagekit_files.__dict__.pop("_cache", None)


@pytest.mark.django_db
def test_pages_come_from_the_database_while_redis_is_unreachable(
    browser, site, redis_unreachable, caplog
):
    cache.set("greeting", "hello")

    assert cache.get("greeting") is None
    assert "Exception ignored" in caplog.text
    for page_type, path in site.items():
        expected = 404 if page_type == "not found" else 200
        assert browser.get(path).status_code == expected, page_type


@pytest.mark.django_db
def test_images_are_saved_and_resized_while_redis_is_unreachable(redis_unreachable):
    # django-imagekit notes the copies it made in the cache.
    saved = release(image=image_file("harbour.jpg"), image_alt="The harbour")

    assert saved.image_card.storage.exists(saved.image_card.name)


@pytest.mark.django_db
def test_editors_stay_logged_in_while_redis_is_unreachable(
    editor_client, redis_unreachable
):
    assert editor_client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_a_redis_that_never_answers_costs_a_cache_call_half_a_second(settings):
    with silent_server() as port:
        settings.CACHES = redis_cache(f"redis://127.0.0.1:{port}/13")
        started = time.monotonic()
        assert cache.get("greeting") is None
        seconds = time.monotonic() - started

    assert seconds < 1.5


@pytest.mark.outage
@pytest.mark.django_db
def test_the_site_rides_out_a_redis_restart(browser, site, settings):
    server = redis_server()
    settings.CACHES = redis_cache(os.environ["REDIS_URL"])
    cache.set("before", 1)
    assert cache.get("before") == 1

    with redis_stopped(server):
        cache.set("during", 1)
        assert cache.get("during") is None
        statuses = [browser.get(path).status_code for path in PAGES]

    assert statuses == [200] * len(PAGES)
    cache.set("after", 1)
    assert cache.get("after") == 1
