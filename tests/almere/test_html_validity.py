"""Every public page type is valid HTML by the Nu HTML checker (vnu.jar, in Java)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.site_pages import PAGE_TYPES, build_site

pytestmark = pytest.mark.django_db

# `make test` fetches the checker into .venv and names it here.
VNU_JAR = Path(
    os.environ.get("VNU_JAR") or max(Path(".venv").glob("vnu-*.jar"), default="")
)


def _checker() -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        message = (
            "the Nu HTML checker needs Java (apt-get install default-jre-headless) "
            f"and {VNU_JAR} (make test fetches it)"
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-jar", str(VNU_JAR)]


def test_every_page_type_is_valid_html(client, tmp_path, settings):
    checker = _checker()
    settings.ROOT_URLCONF = "tests.urls"
    site = build_site()
    files = {}
    for page_type in PAGE_TYPES:
        response = client.get(site[page_type])
        assert response.status_code == (404 if page_type == "not found" else 200)
        path = tmp_path / f"{page_type.replace(' ', '-')}.html"
        path.write_bytes(response.content)
        files[str(path)] = page_type

    checked = subprocess.run(
        [*checker, "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )

    messages = json.loads(checked.stderr)["messages"]
    problems = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "warning"
    ]
    assert problems == []
