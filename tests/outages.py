"""Real outages for tests: the database or the cache at an address where nothing
answers, or a server that accepts connections and then says nothing.

Tests that use the database helpers need PostgreSQL (SQLite has no server to lose)
and ``transactional_db``: the connection is closed and opened again mid-test.
"""

import contextlib
import dataclasses
import os
import pwd
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from email.message import Message
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import psycopg2
import pytest
import redis
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections


def closed_port() -> int:
    """A local port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers, like a hung server."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]


def needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs a database server to lose: run with a postgres DATABASE_URL")


@contextlib.contextmanager
def database_at(port: int, **options) -> Iterator[None]:
    """New connections to the default database go to 127.0.0.1:``port``."""
    needs_postgresql()
    settings_dict = connection.settings_dict
    saved = {key: settings_dict.get(key) for key in ("HOST", "PORT", "OPTIONS")}
    connection.close()
    settings_dict.update(
        HOST="127.0.0.1", PORT=str(port), OPTIONS={**saved["OPTIONS"], **options}
    )
    try:
        yield
    finally:
        settings_dict.update(saved)
        connection.close()


@contextlib.contextmanager
def database_refusing() -> Iterator[None]:
    with database_at(closed_port()):
        yield


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def wsgi_server() -> Iterator[str]:
    """The site served by one thread, as a WSGI server's worker serves it: with one
    persistent database connection, checked at the start of every request.

    Unlike the test client, it runs Django's request signals as a deployed site
    does. Yields the base address; the caller allows 127.0.0.1 as a host.
    """
    server = make_server(
        "127.0.0.1", 0, WSGIHandler(), WSGIServer, handler_class=_QuietHandler
    )

    def serve() -> None:
        try:
            server.serve_forever(poll_interval=0.05)
        finally:
            connections.close_all()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


@dataclasses.dataclass
class Answer:
    status: int
    headers: Message
    body: bytes
    seconds: float


def fetch(url: str) -> Answer:
    """GET ``url`` as a load balancer or browser would, timing the answer."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    return Answer(status, headers, body, time.monotonic() - started)


# Stopping the real servers: only in tests marked `outage`, and only when asked.
OUTAGE_TESTS = "OUTAGE_TESTS"
LOCAL_HOSTS = ("", "localhost", "127.0.0.1", "::1")


def needs_outage_tests() -> None:
    if os.environ.get(OUTAGE_TESTS) != "1":
        pytest.skip(
            f"stops and starts a real server, which other test runs may share: "
            f"set {OUTAGE_TESTS}=1 to run it (CI does)"
        )


def _run(*command: str) -> str:
    return subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=120
    ).stdout


def postgresql_cluster() -> tuple[str, str]:
    """The version and name of the local cluster the tests' database is on."""
    needs_postgresql()
    needs_outage_tests()
    settings_dict = connection.settings_dict
    if settings_dict["HOST"] not in LOCAL_HOSTS and not settings_dict[
        "HOST"
    ].startswith("/"):
        pytest.skip(f"cannot stop PostgreSQL on {settings_dict['HOST']}")
    if not (shutil.which("pg_lsclusters") and shutil.which("pg_ctlcluster")):
        pytest.skip("cannot control PostgreSQL: no pg_lsclusters/pg_ctlcluster here")
    port = str(settings_dict["PORT"] or 5432)
    for line in _run("pg_lsclusters", "--no-header").splitlines():
        version, name, cluster_port, status, owner, *_ = line.split()
        if cluster_port == port and status.startswith("online"):
            if os.geteuid() not in (0, pwd.getpwnam(owner).pw_uid):
                pytest.skip(
                    f"cannot control PostgreSQL as this user: run as root or {owner}"
                )
            return version, name
    pytest.skip(f"no local PostgreSQL cluster online on port {port}")


def _wait_for(ready: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come back within {seconds} s")
        time.sleep(0.2)


def _postgresql_answers() -> bool:
    try:
        psycopg2.connect(**connection.get_connection_params()).close()
    except psycopg2.OperationalError:
        return False
    return True


@contextlib.contextmanager
def postgresql_stopped(cluster: tuple[str, str]) -> Iterator[None]:
    """The real PostgreSQL server stopped, and always started again afterwards."""
    control = ("pg_ctlcluster", "--skip-systemctl-redirect", "--mode", "fast")
    try:
        _run(*control, *cluster, "stop")
        yield
    finally:
        # Started whatever happened; whether it answers is what counts.
        subprocess.run([*control, *cluster, "start"], capture_output=True, timeout=120)
        _wait_for(_postgresql_answers, "PostgreSQL")
        # This thread's connection died with the server; the next query reconnects.
        connection.close()


def redis_server() -> redis.Redis:
    """The local Redis server that REDIS_URL names."""
    needs_outage_tests()
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("needs a real Redis: set REDIS_URL")
    client = redis.Redis.from_url(url)
    host = client.connection_pool.connection_kwargs.get("host", "")
    if host not in LOCAL_HOSTS or not shutil.which("redis-server"):
        pytest.skip(f"cannot restart Redis on {host!r} from here")
    return client


@contextlib.contextmanager
def redis_stopped(client: redis.Redis) -> Iterator[None]:
    """The real Redis server shut down, and always started again as it ran."""
    config = client.config_get("*")
    if client.info("server").get("config_file"):
        start = ["redis-server", client.info("server")["config_file"]]
    else:
        start = ["redis-server", "--daemonize", "yes"] + [
            argument
            for option in ("bind", "port", "save", "appendonly", "dir", "logfile")
            for argument in (f"--{option}", config[option])
        ]
    try:
        try:
            client.shutdown(nosave=True)
        except redis.ConnectionError:
            pass  # It closes the connection as it goes.
        yield
    finally:
        subprocess.run(start, capture_output=True, timeout=120)
        _wait_for(_redis_answers(client), "Redis")


def _redis_answers(client: redis.Redis) -> Callable[[], bool]:
    def ping() -> bool:
        try:
            return client.ping()
        except redis.ConnectionError:
            return False

    return ping
