"""The W3C Nu HTML Checker (vnu.jar, run with Java) over pages the tests fetched."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

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


def html_problems(pages: dict[str, bytes], folder: Path) -> list[str]:
    """Every error and warning the checker finds, named by page; one Java run."""
    checker = _checker()
    files = {}
    for name, content in pages.items():
        path = folder / f"page-{len(files)}.html"
        path.write_bytes(content)
        files[str(path)] = name
    checked = subprocess.run(
        [*checker, "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in json.loads(checked.stderr)["messages"]
        if m["type"] == "error" or m.get("subType") == "warning"
    ]
