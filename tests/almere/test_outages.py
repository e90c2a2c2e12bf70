"""Faults: the health check, and the site when the database is gone.

Against the real server: the database at a port where nothing listens, or at one
that accepts connections and never answers. Tests marked ``outage`` stop and start
the real PostgreSQL server (OUTAGE_TESTS=1; CI does).
"""

import json
import time

import pytest
from django.db import connection
from django.test import Client

from tests.almere.test_settings import run_manage
from tests.outages import (
    database_at,
    database_refusing,
    fetch,
    needs_postgresql,
    postgresql_cluster,
    postgresql_stopped,
    silent_server,
    wsgi_server,
)
from tests.site_pages import build_site

SHOW_SETTINGS = """
import json
from django.conf import settings as s
print(json.dumps({
    "database_options": s.DATABASES["default"].get("OPTIONS", {}),
}))
"""


def settings_with(**env: str) -> dict:
    result = run_manage("shell", "--no-imports", "-c", SHOW_SETTINGS, DEBUG="1", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# Pages of every kind that read the database.
PAGES = ["/", "/press/", "/partnerships/", "/city/", "/search/?q=almere"]


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
    assert client.get("/press/").status_code == 301


@pytest.mark.django_db
def test_healthz_is_not_in_the_sitemap(client, site):
    sitemap = client.get("/sitemap-pages.xml").content.decode()

    assert "/press/" in sitemap
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
        for path in ["/press/", "/healthz"]:
            started = time.monotonic()
            response = browser.get(path)
            timings[path] = time.monotonic() - started
            assert response.status_code == 503

    assert all(1.5 < seconds < 5 for seconds in timings.values()), timings
    assert browser.get("/press/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_dropped_is_replaced_at_the_next_request(
    site, settings
):
    """CONN_HEALTH_CHECKS: a persistent connection that died between requests (the
    server restarted, a proxy closed it) is noticed and replaced, not used."""
    needs_postgresql()
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    with wsgi_server() as address:
        assert fetch(address + "/press/").status == 200
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            assert cursor.fetchall() == [(True,)]

        assert fetch(address + "/press/").status == 200
        assert fetch(address + "/healthz").status == 200


@pytest.mark.outage
@pytest.mark.django_db(transaction=True)
def test_the_site_rides_out_a_postgresql_restart(site, settings):
    """503s at once while the server is down, 200s once it is back: same process."""
    cluster = postgresql_cluster()
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    with wsgi_server() as address:
        assert fetch(address + "/press/").status == 200
        with postgresql_stopped(cluster):
            down = [fetch(address + path) for path in ["/press/", "/healthz", "/"]]
        up = [fetch(address + path) for path in ["/press/", "/healthz", "/"]]

    assert [answer.status for answer in down] == [503, 503, 503]
    assert all(answer.seconds < 5 for answer in down), down
    assert down[0].headers["Retry-After"] == "30"
    assert b"Traceback" not in down[1].body
    assert [answer.status for answer in up] == [200, 200, 200]
