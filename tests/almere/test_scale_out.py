"""Two app servers on one PostgreSQL and one Redis, as behind a load balancer: what
an editor saves on one, readers see on the other at once, and a login on one holds
on the other.

Both are gunicorn with the production settings (DEBUG off) over the test database.
"""

import contextlib
import os
import subprocess
import sys
import urllib.parse
import uuid

import pytest
from django.db import connection
from django.urls import reverse

from tests.admin_forms import form_data, opened
from tests.conftest import STAFF_PASSWORD
from tests.pressroom.factories import release
from tools import serve

pytestmark = pytest.mark.django_db(transaction=True)

OLD_TITLE = "Almere and Toronto sign an intention agreement"
NEW_TITLE = "Almere and Toronto sign an agreement on urban agriculture"
NEW_BODY = "Floriade 2022 brings Ryerson University and Nyenrode to the table."
# Reads per page, so that each worker of an instance is likely to answer one.
READS = 4


def _database_url() -> str:
    database = connection.settings_dict
    user = urllib.parse.quote(database["USER"] or "")
    password = urllib.parse.quote(database["PASSWORD"] or "")
    login = f"{user}:{password}@" if password else f"{user}@" if user else ""
    port = f":{database['PORT']}" if database["PORT"] else ""
    return f"postgres://{login}{database['HOST']}{port}/{database['NAME']}"


@pytest.fixture
def app_servers(tmp_path):
    """Instances A and B of the site: their addresses."""
    if connection.vendor != "postgresql":
        pytest.skip("two app servers need one PostgreSQL: set a postgres DATABASE_URL")
    if not os.environ.get("REDIS_URL"):
        pytest.skip("two app servers need one Redis: set REDIS_URL")
    env = serve.production_env(
        DATABASE_URL=_database_url(),
        REDIS_URL=os.environ["REDIS_URL"],
        # Their own keys, apart from other test runs on the same Redis.
        CACHE_KEY_PREFIX=f"almere-scale-out-{uuid.uuid4().hex[:8]}",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=serve.ROOT,
        env=env,
        check=True,
    )
    with contextlib.ExitStack() as servers:
        yield [servers.enter_context(serve.gunicorn(env))[0] for _ in range(2)]


def read_all(opener, base: str, path: str) -> list[str]:
    return [serve.read(opener, base + path) for _ in range(READS)]


def test_what_is_saved_on_one_app_server_is_shown_by_the_other_at_once(
    app_servers, publisher
):
    a, b = app_servers
    item = release(title=OLD_TITLE, body="<p>An intention agreement.</p>")
    page = item.get_absolute_url()
    reader = serve.browser()
    # Read on B first, so that any cache there would hold the old version.
    for path in (page, reverse("pressroom:list"), reverse("home")):
        assert all(OLD_TITLE in text for text in read_all(reader, b, path))

    editor = serve.browser()
    serve.log_in(editor, a, publisher.username, STAFF_PASSWORD)
    change = a + reverse("admin:pressroom_pressrelease_change", args=[item.pk])
    form = serve.read(editor, change)
    fields = {
        **form_data(form, "pressrelease_form"),
        **opened(item),
        "title_en": NEW_TITLE,
        "body_en": f"<p>{NEW_BODY}</p>",
    }
    address, saved = serve.post_form(editor, change, form, fields)
    assert address == a + reverse("admin:pressroom_pressrelease_changelist"), saved

    item.refresh_from_db()
    assert item.get_absolute_url() == page
    for text in read_all(reader, b, page):
        assert NEW_TITLE in text and NEW_BODY in text
        assert OLD_TITLE not in text
    for path in (reverse("pressroom:list"), reverse("home")):
        for text in read_all(reader, b, path):
            assert NEW_TITLE in text and OLD_TITLE not in text

    # The session made on A holds on B.
    admin_on_b = b + reverse("admin:index")
    with editor.open(admin_on_b, timeout=60) as response:
        assert response.url == admin_on_b
        assert "Log out" in response.read().decode()
