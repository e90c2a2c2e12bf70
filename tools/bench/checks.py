"""What the benchmark measures inside Django, one request at a time.

    DATABASE_URL=… python -m tools.bench.checks [--json] [--runs N]

- Searches: the median time of the whole search page, grouped and one kind, for
  words found in almost every item, in some and in none.
- Query plans: every SQL statement a page of each public type runs, explained
  (``EXPLAIN (FORMAT JSON)``); a sequential scan on a large table is flagged.
- The admin's press release list, plain, searched and filtered, and the release
  form, as a superuser.

It works on the database the settings name, which should hold the benchmark's
archive (``make bench`` runs it after loading 100,000 releases). Nothing is written
but one superuser, ``bench-admin``, made when it is missing.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from urllib.parse import urlencode

# Words of the generated archive: in nearly every release ("almere", "synthetic",
# "municipality"), in some ("festival", "green cities", "harbour"), in none.
SEARCHES = [
    "almere",
    "synthetic test content",
    "municipality residents",
    "festival",
    "green cities",
    '"cycle bridge"',
    "harbour -festival",
    "zeppelin",
]
# A sequential scan on a table with more rows than this is flagged.
LARGE_TABLE_ROWS = 10_000


@dataclass
class Timing:
    name: str
    path: str
    median_ms: float
    queries: int


@dataclass
class Plan:
    page: str
    path: str
    queries: int
    seq_scans: list[str] = field(default_factory=list)
    # Tables read with an index, for the report.
    indexes: list[str] = field(default_factory=list)


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "almere.settings")
    # Each page is made, not read from the page cache, however often it is timed.
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()


def _client(**defaults):
    from django.test import Client

    # The host the settings allow in production mode and in development.
    return Client(HTTP_HOST="localhost", **defaults)


def _timed(client, path: str, runs: int) -> tuple[float, int]:
    """The median time of ``runs`` requests after one to warm up, in ms, and
    the number of queries one takes."""
    queries = len(statements(client, path))
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), queries


def search_timings(runs: int = 5) -> list[Timing]:
    client = _client()
    timings = []
    for query in SEARCHES:
        for name, params in [
            (query, {"q": query}),
            (f"{query} (press releases)", {"q": query, "kind": "press-release"}),
        ]:
            path = f"/en/search/?{urlencode(params)}"
            ms, queries = _timed(client, path, runs)
            timings.append(Timing(name, path, ms, queries))
    return timings


def page_paths() -> dict[str, str]:
    """One address of each public page type, found in the database."""
    from django.db.models import Count

    from partnerships.models import Partnership, Theme
    from pressroom.models import PressRelease, Topic

    releases = PressRelease.objects.published()
    release = releases.filter(slug__startswith="synthetic-").first() or releases[0]
    old = releases.order_by("published_at").first()
    topic = (
        Topic.objects.published()
        .annotate(releases_count=Count("releases"))
        .order_by("-releases_count")
        .first()
    )
    partnership = Partnership.objects.published().order_by("pk").first()
    theme = Theme.objects.published().order_by("pk").first()
    middle = releases.count() // 10 // 2 or 1
    day = release.published_on
    return {
        "home": "/en/",
        "city overview": "/en/city/",
        "press list": "/en/press/",
        "press list, a page in the middle": f"/en/press/?page={middle}",
        "press list, topic and year": f"/en/press/?topic={topic.slug}&year={day.year}",
        "year archive": f"/en/press/{day.year}/",
        "month archive": f"/en/press/{day.year}/{day.month:02}/",
        "old month archive": (
            f"/en/press/{old.published_on.year}/{old.published_on.month:02}/"
        ),
        "topic": topic.get_absolute_url(),
        "topic, page 5": f"{topic.get_absolute_url()}?page=5",
        "press release": release.get_absolute_url(),
        "press feed": "/en/press/feed/",
        "topic feed": f"{topic.get_absolute_url()}feed/",
        "partnerships": "/en/partnerships/",
        "partnership": partnership.get_absolute_url(),
        "partnership feed": f"{partnership.get_absolute_url()}feed/",
        "theme": theme.get_absolute_url(),
        "search, common word": "/en/search/?q=almere",
        "search, common word, one kind": "/en/search/?q=almere&kind=press-release",
        "search, rare word": "/en/search/?q=festival",
        "sitemap index": "/sitemap.xml",
        "sitemap of releases, first page": "/sitemap-press.xml",
    }


def _large_tables() -> set[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples > %s",
            [LARGE_TABLE_ROWS],
        )
        return {name for (name,) in cursor.fetchall()}


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def statements(client, path: str) -> list[tuple[str, list]]:
    """The SQL statements, with their parameters, that a page runs."""
    from django.db import connection

    ran = []

    def record(execute, sql, params, many, context):
        ran.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return ran


def scans(sql: str, params) -> list[dict]:
    """The scan nodes of a statement's plan: type, table, index, rows."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        (tree,) = cursor.fetchone()[0]
    return [
        {
            "type": node["Node Type"],
            "table": node.get("Relation Name"),
            "index": node.get("Index Name"),
            "rows": node["Plan Rows"],
        }
        for node in _nodes(tree["Plan"])
        if "Relation Name" in node or "Index Name" in node
    ]


def explain(path: str, page: str, large: set[str], client=None) -> Plan:
    """Run the page, then explain every statement it ran."""
    ran = statements(client or _client(), path)
    plan = Plan(page, path, len(ran))
    for sql, params in ran:
        if not sql.lstrip().upper().startswith(("SELECT", "WITH", "(")):
            continue
        for scan in scans(sql, params):
            if scan["type"] == "Seq Scan" and scan["table"] in large:
                plan.seq_scans.append(f"{scan['table']} ({scan['rows']:,} rows)")
            elif scan["index"] and scan["index"] not in plan.indexes:
                plan.indexes.append(scan["index"])
    return plan


def plans() -> list[Plan]:
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    large = _large_tables()
    return [explain(path, page, large) for page, path in page_paths().items()]


def admin_timings(runs: int = 5) -> list[Timing]:
    from django.conf import settings
    from django.contrib import admin
    from django.contrib.auth.models import User

    from pressroom.models import PressRelease, Topic

    user, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = _client()
    client.force_login(user)
    base = f"/{settings.ADMIN_PATH}pressroom/pressrelease/"
    topic = Topic.objects.order_by("pk").first()
    release = PressRelease.objects.order_by("-pk").first()
    year = release.published_at.year if release.published_at else 2020
    # Page 200 at 100,000 releases; the last page of a smaller archive, since the
    # admin sends a page past the end back to the first.
    per_page = admin.site.get_model_admin(PressRelease).list_per_page
    deep = max(1, min(200, math.ceil(PressRelease.objects.count() / per_page)))
    pages = {
        "press release list": base,
        "searched for a common word": f"{base}?q=almere",
        "searched for a rare word": f"{base}?q=zeppelin",
        "searched for a title's words": f"{base}?q=new+homes",
        "filtered: published": f"{base}?state=published",
        "filtered: scheduled": f"{base}?state=scheduled",
        "filtered: a topic": f"{base}?topics__id__exact={topic.pk}",
        "filtered: a year": f"{base}?year={year}",
        "filtered: published, a year, a search": (
            f"{base}?state=published&year={year}&q=festival"
        ),
        f"page {deep}": f"{base}?p={deep}",
        "sorted by status": f"{base}?o=2",
        "a release's form": f"{base}{release.pk}/change/",
        "a new release's form": f"{base}add/",
    }
    timings = []
    for name, path in pages.items():
        ms, queries = _timed(client, path, runs)
        timings.append(Timing(name, path, ms, queries))
    return timings


PARTS = ["searches", "plans", "admin"]


def run(runs: int = 5, parts: list[str] = PARTS) -> dict:
    _setup()
    measures = {
        "searches": lambda: search_timings(runs),
        "plans": plans,
        "admin": lambda: admin_timings(runs),
    }
    return {part: [asdict(m) for m in measures[part]()] for part in parts}


def text(results: dict) -> str:
    lines = []
    if "searches" in results:
        lines.append("Searches (median ms, queries):")
        lines += [
            f"  {t['median_ms']:7.1f}  {t['queries']:2}  {t['name']}"
            for t in results["searches"]
        ]
    if "plans" in results:
        lines.append("Query plans (queries, sequential scans on large tables):")
        for plan in results["plans"]:
            scans = ", ".join(plan["seq_scans"])
            lines.append(
                f"  {plan['queries']:3}  {plan['page']}"
                + (f"  SEQ SCAN {scans}" if scans else "")
            )
    if "admin" in results:
        lines.append("Admin, as a superuser (median ms, queries):")
        lines += [
            f"  {t['median_ms']:7.1f}  {t['queries']:2}  {t['name']}"
            for t in results["admin"]
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=PARTS, action="append", default=[])
    args = parser.parse_args()
    results = run(args.runs, args.only or PARTS)
    sys.stdout.write(json.dumps(results) if args.json else text(results))


if __name__ == "__main__":
    main()
