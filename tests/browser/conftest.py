"""Browser tests: Playwright for Python driving Debian's Chromium.

They run when a Chromium is found (CHROMIUM_PATH, else /usr/bin/chromium) and are
skipped with a clear reason otherwise; REQUIRE_BROWSER=1 turns that into a failure.
"""

import os
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        message = (
            f"browser tests skipped: no Chromium at {path} "
            "(install Debian's chromium or set CHROMIUM_PATH)"
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message.replace("skipped", "required (REQUIRE_BROWSER=1)"))
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the tests' own
    # database calls are still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class OneRequestAtATime(WSGIServer):
    """The live server, answering one request at a time.

    Django's threaded one answers each request on a thread of its own, and on
    SQLite every thread shares the test's one in-memory connection. Two requests
    at once can then hang for good: one waits inside SQLite for the interpreter
    (Django's date functions for SQLite are Python), the other holds the
    interpreter waiting for SQLite. CI hung so in a browser test on 29 November.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        # The server's own thread already uses the shared connections.
        super().__init__(*args, **kwargs)

    def close_request(self, request):
        # As Django's threaded server does: no connection outlives its request
        # (SQLite ignores this for the shared in-memory one).
        connections.close_all()
        super().close_request(request)


@pytest.fixture(scope="session", autouse=True)
def live_server_one_request_at_a_time():
    original = LiveServerThread.server_class
    LiveServerThread.server_class = OneRequestAtATime
    yield
    LiveServerThread.server_class = original


@pytest.fixture(autouse=True)
def page_cache_seconds(settings):
    """On, as in production: readers and staff share the live server."""
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def page(browser):
    """A fresh browser tab that records console errors and uncaught exceptions."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.console_errors = []
    tab.on(
        "console",
        lambda message: (
            tab.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    yield tab
    context.close()


@pytest.fixture
def demo_content():
    """The demo content, for tests that read the site as it comes."""
    import io

    from django.core.management import call_command

    call_command("load_demo_content", stdout=io.StringIO())
