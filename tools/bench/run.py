"""The benchmark behind `make bench`: the site at scale, served as in production.

    python -m tools.bench.run [--releases N] [--duration S] [--connections C]

1. A database with the demo content and N generated press releases (PostgreSQL when
   DATABASE_URL is set, else a SQLite file of its own), made once and reused while
   it holds that many.
2. gunicorn with the production settings (DEBUG off), `--no-control-socket`.
3. wrk against each public page type and against a minimal Django view in the same
   server, for requests per second and latency percentiles.
4. The admin's press release list and a few searches, timed one request at a time,
   and the peak memory of each worker.

The results are printed and written to docs/performance.md with the machine they
came from.
"""

import argparse
import contextlib
import http.cookiejar
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
WORKERS = 2
SEARCHES = ["festival", "almere", "green cities", "zeppelin"]


@dataclass
class Load:
    name: str
    path: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def _env(database_url: str, static_root: Path) -> dict[str, str]:
    return {
        **os.environ,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40),
        "DEBUG": "0",
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
    }


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def prepare(env: dict[str, str], releases: int) -> float:
    """Migrate, load and generate unless the database already holds N releases."""
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "collectstatic", "--noinput", "-v0")
    count = _manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from pressroom.models import PressRelease as R;"
        "print(R.objects.filter(slug__startswith='synthetic-').count())",
    )
    if int(count.strip() or 0) == releases:
        return 0.0
    started = time.perf_counter()
    _manage(env, "load_demo_content")
    _manage(env, "generate_content", "--press-releases", str(releases), "--seed", "1")
    return time.perf_counter() - started


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict[str, str]):
    port = _free_port()
    process = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "tools.bench.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
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
        for _ in range(100):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base + "/bench/minimal/", timeout=2)
                break
            time.sleep(0.2)
        else:
            sys.exit("gunicorn did not start")
        yield base, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def _worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return (
        [int(pid) for pid in children.read_text().split()] if children.exists() else []
    )


def peak_memory_mb(master: int) -> list[float]:
    """Each worker's peak resident memory (VmHWM), in MB."""
    peaks = []
    for pid in _worker_pids(master):
        status = Path(f"/proc/{pid}/status").read_text()
        kb = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))
        peaks.append(kb / 1024)
    return peaks


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(base: str, name: str, path: str, *, duration: int, connections: int) -> Load:
    result = subprocess.run(
        [
            "wrk",
            f"--threads={min(2, connections)}",
            f"--connections={connections}",
            f"--duration={duration}s",
            "--latency",
            base + path,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    errors = sum(
        int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out)
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return Load(
        name=name,
        path=path,
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        p50_ms=_ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
        p99_ms=_ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
        errors=errors + (int(non_2xx.group(1)) if non_2xx else 0),
    )


def page_types(env: dict[str, str]) -> dict[str, str]:
    """One address of each public page type, found in the generated content."""
    script = """
import json
from django.urls import reverse
from partnerships.models import Partnership, Theme
from pressroom.models import PressRelease, Topic
made = {"slug__startswith": "synthetic-"}
release = PressRelease.objects.published().filter(**made).first()
topic = Topic.objects.published().filter(**made).first()
partnership = Partnership.objects.published().filter(**made).first()
theme = Theme.objects.published().first()
last_page = PressRelease.objects.published().count() // 10
print(json.dumps({
    "home": "/en/",
    "city profile": "/en/city/",
    "press list": "/en/press/",
    "press list, a page in the middle": f"/en/press/?page={max(1, last_page // 2)}",
    "press release": release.get_absolute_url(),
    "year archive": f"/en/press/{release.published_on.year}/",
    "topic": topic.get_absolute_url(),
    "partnerships": "/en/partnerships/",
    "partnership": partnership.get_absolute_url(),
    "theme": theme.get_absolute_url(),
    "search": "/en/search/?q=festival",
    "feed": "/en/press/feed/",
    "sitemap (releases)": "/sitemap-press.xml",
}))
"""
    return json.loads(_manage(env, "shell", "--no-imports", "-c", script))


def _timed_get(opener, url: str, runs: int = 5) -> float:
    """The median time of a few requests, in ms."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with opener.open(url, timeout=60) as response:
            response.read()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


class _PlainHttpCookies(http.cookiejar.DefaultCookiePolicy):
    def return_ok_secure(self, cookie, request) -> bool:
        return True


def admin_changelist_ms(env: dict[str, str], base: str) -> float:
    username, password = "bench-admin", secrets.token_urlsafe(16)
    _manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth.models import User;"
        f"u, _ = User.objects.get_or_create(username='{username}');"
        "u.is_staff = u.is_superuser = True;"
        f"u.set_password('{password}'); u.save()",
    )
    # The site's cookies are Secure; the benchmark speaks plain HTTP to gunicorn,
    # as a TLS-terminating proxy in front would.
    jar = http.cookiejar.CookieJar(policy=_PlainHttpCookies())
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = base + "/admin/login/?next=/admin/"
    opener.open(login).read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    form = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(login, data=form, headers={"Referer": login})
    opener.open(request).read()
    return _timed_get(opener, base + "/admin/pressroom/pressrelease/")


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = model.group(1) if model else cpu
    memory = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
    return (
        f"{os.cpu_count()} cores ({cpu}), "
        f"{int(memory.group(1)) / 1024 / 1024:.0f} GiB, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def report(
    *, database: str, releases: int, loads: list[Load], minimal: Load, extra: dict
) -> str:
    lines = [
        "# Performance",
        "",
        "The latest `make bench` results, written by `tools/bench/run.py`.",
        "",
        f"- Machine: {machine()}",
        f"- Database: {database}, with the demo content and {releases:,} generated "
        "press releases",
        f"- Server: gunicorn, {WORKERS} workers, production settings (DEBUG off)",
        f"- Load: wrk, {extra['connections']} connections for {extra['duration']} s "
        "per page",
        f"- Run: {time.strftime('%Y-%m-%d %H:%M %Z')}",
        "",
        "## Pages (uncached)",
        "",
        "| page | address | requests/s | of minimal view | p50 ms | p99 ms | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for load in [minimal, *loads]:
        share = load.requests_per_second / minimal.requests_per_second
        lines.append(
            f"| {load.name} | `{load.path}` | {load.requests_per_second:,.0f} | "
            f"{share:.0%} | {load.p50_ms:.1f} | {load.p99_ms:.1f} | {load.errors} |"
        )
    lines += [
        "",
        "## One request at a time",
        "",
        "| what | median ms |",
        "| --- | ---: |",
        f"| admin press release list | {extra['admin_ms']:.0f} |",
        *(f"| search `{q}` | {ms:.0f} |" for q, ms in extra["searches"].items()),
        "",
        "## Memory",
        "",
        "Peak resident memory of each worker after the run: "
        + ", ".join(f"{mb:.0f} MB" for mb in extra["memory"])
        + ".",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "performance.md")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk (make bench installs it)")

    database_url = os.environ.get("DATABASE_URL") or (
        f"sqlite:///{ROOT / 'bench.sqlite3'}"
    )
    database = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    with tempfile.TemporaryDirectory(prefix="almere-bench-static-") as static_root:
        env = _env(database_url, Path(static_root))
        seconds = prepare(env, args.releases)
        if seconds:
            sys.stdout.write(f"made {args.releases:,} releases in {seconds:.0f} s\n")
        pages = page_types(env)
        with gunicorn(env) as (base, server):
            run = {"duration": args.duration, "connections": args.connections}
            minimal = wrk(base, "minimal Django view", "/bench/minimal/", **run)
            loads = [wrk(base, name, path, **run) for name, path in pages.items()]
            plain = urllib.request.build_opener()
            searches = {
                q: _timed_get(
                    plain, f"{base}/search/?{urllib.parse.urlencode({'q': q})}"
                )
                for q in SEARCHES
            }
            extra = {
                **run,
                "admin_ms": admin_changelist_ms(env, base),
                "searches": searches,
                "memory": peak_memory_mb(server.pid),
            }
    text = report(
        database=database,
        releases=args.releases,
        loads=loads,
        minimal=minimal,
        extra=extra,
    )
    sys.stdout.write(text)
    args.output.parent.mkdir(exist_ok=True)
    args.output.write_text(text)


if __name__ == "__main__":
    main()
