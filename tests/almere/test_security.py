"""Production settings: HTTPS only, safe cookies and headers, `check --deploy` clean."""

import json
import secrets

import pytest
from django.test import override_settings

from tests.almere.test_settings import run_manage

PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "www.almere.nl",
    "DATABASE_URL": "sqlite:////tmp/almere-deploy-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def test_the_deploy_check_passes_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_asks_for_a_shared_cache_for_several_workers():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **{**PRODUCTION, "REDIS_URL": ""},
    )

    assert result.returncode == 1
    assert "almere.W001" in result.stderr
    assert "Set REDIS_URL" in result.stderr


SHOW = """
import json
from django.conf import settings as s
print(json.dumps({name: getattr(s, name, None) for name in [
    "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "SECURE_HSTS_SECONDS",
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"]}))
print(json.dumps(s.CONTENT_SECURITY_POLICY["DIRECTIVES"].get("report-uri")))
"""


def _settings(**env) -> tuple[dict, list | None]:
    result = run_manage("shell", "--no-imports", "-c", SHOW, **{**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.strip().splitlines()
    return json.loads(first), json.loads(second)


def test_production_redirects_to_https_unless_a_proxy_does_it():
    production, _ = _settings()
    behind_proxy, _ = _settings(
        SECURE_SSL_REDIRECT="0", SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto=https"
    )

    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] == 31_536_000
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert behind_proxy["SECURE_SSL_REDIRECT"] is False
    assert behind_proxy["SECURE_PROXY_SSL_HEADER"] == [
        "HTTP_X_FORWARDED_PROTO",
        "https",
    ]


def test_development_mode_neither_redirects_nor_pins_https():
    development, _ = _settings(DEBUG="1")

    assert development["SECURE_SSL_REDIRECT"] is False
    assert development["SECURE_HSTS_SECONDS"] == 0
    assert development["SESSION_COOKIE_SECURE"] is False


def test_csp_violations_go_to_the_configured_endpoint():
    _, without = _settings()
    _, report_uri = _settings(CSP_REPORT_URI="https://csp.example.org/report")

    assert without is None
    assert report_uri == ["https://csp.example.org/report"]


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_redirected_to_https(client):
    response = client.get("/press/", HTTP_HOST="testserver")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/press/"


@pytest.mark.django_db
@override_settings(SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_public_pages_send_the_security_headers(client):
    response = client.get("/en/", secure=True)

    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    csp = {
        directive.strip().split(" ", 1)[0]: directive.strip().split(" ", 1)[1]
        for directive in response["Content-Security-Policy"].split(";")
    }
    assert csp["frame-ancestors"] == "'self'"
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["object-src"] == "'none'"


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_cookies_are_secure_http_only_and_same_site(client, publisher):
    login = client.get("/admin/login/", secure=True)
    csrf = login.cookies["csrftoken"]
    client.post(
        "/admin/login/",
        {
            "username": publisher.username,
            "password": "a-long-test-password",
            "csrfmiddlewaretoken": csrf.value,
        },
        secure=True,
    )
    session = client.cookies["sessionid"]

    for cookie in (csrf, session):
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
