"""The site served as in production (gunicorn, DEBUG off), and a browser to read it.

Shared by the benchmark (`tools/bench/run.py`) and the test that runs two app
servers side by side (`tests/almere/test_scale_out.py`).
"""

import contextlib
import http.cookiejar
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**settings: str) -> dict[str, str]:
    """This process's environment with production settings, for a local run: plain
    HTTP (as behind a TLS proxy) on 127.0.0.1, and the given settings on top."""
    return {
        **os.environ,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        **settings,
    }


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str],
    *,
    app: str = "almere.wsgi",
    workers: int = 2,
    ready_path: str = "/healthz",
    timeout: float = 60,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """gunicorn on a free port until the block ends: its address and its process.

    ``--no-control-socket``: gunicorn 27 otherwise gives every instance started
    from one folder the same control socket.
    """
    port = free_port()
    process = subprocess.Popen(
        [
            str(GUNICORN),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--no-control-socket",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base + ready_path, timeout=2).read()
                break
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped with {process.returncode}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer {ready_path} in time")
            time.sleep(0.2)
        yield base, process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


class _PlainHttpCookies(http.cookiejar.DefaultCookiePolicy):
    """Sends the site's Secure cookies over plain HTTP, as a TLS proxy in front
    would receive them over HTTPS."""

    def return_ok_secure(self, cookie, request) -> bool:
        return True


def browser() -> urllib.request.OpenerDirector:
    """A client that keeps cookies, such as a logged-in editor's browser."""
    jar = http.cookiejar.CookieJar(policy=_PlainHttpCookies())
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


_CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    return _CSRF_TOKEN.search(html).group(1)


def post_form(
    opener: urllib.request.OpenerDirector, url: str, html: str, fields: dict
) -> tuple[str, str]:
    """Post a form of the page ``html`` (read from ``url``) as a browser does,
    with its CSRF token; the address and text of the page it leads to."""
    data = urllib.parse.urlencode(
        {**fields, "csrfmiddlewaretoken": csrf_token(html)}, doseq=True
    ).encode()
    request = urllib.request.Request(url, data=data, headers={"Referer": url})
    with opener.open(request, timeout=60) as response:
        return response.url, response.read().decode()


def read(opener: urllib.request.OpenerDirector, url: str) -> str:
    with opener.open(url, timeout=60) as response:
        return response.read().decode()


def log_in(
    opener: urllib.request.OpenerDirector, base: str, username: str, password: str
) -> None:
    """Log in through the admin's login form."""
    login = base + "/admin/login/?next=/admin/"
    page = read(opener, login)
    address, _ = post_form(
        opener, login, page, {"username": username, "password": password}
    )
    if urllib.parse.urlsplit(address).path != "/admin/":
        raise RuntimeError(f"logging in as {username} failed")
