"""Static files as production serves them: collected, hashed, compressed, cached."""

import json

from tests.almere.test_settings import run_manage

CHECK = """
import json, re
from django.test import Client
client = Client()
home = client.get("/en/", secure=True).content.decode()
css = re.search(r'href="(/static/css/site\\.[0-9a-f]{12}\\.css)"', home).group(1)
response = client.get(css, secure=True, HTTP_ACCEPT_ENCODING="gzip")
print(json.dumps({
    "css": css,
    "status": response.status_code,
    "cache_control": response["Cache-Control"],
    "encoding": response.get("Content-Encoding", ""),
}))
"""


def test_static_files_are_served_with_hashed_names_and_long_lifetimes(tmp_path):
    env = {
        "SECRET_KEY": "test-only",
        "STATIC_ROOT": str(tmp_path / "static"),
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    assert run_manage("migrate", "-v0", **env).returncode == 0
    collected = run_manage("collectstatic", "--noinput", "-v0", **env)
    assert collected.returncode == 0, collected.stderr
    served = run_manage("shell", "--no-imports", "-c", CHECK, **env)
    assert served.returncode == 0, served.stderr
    result = json.loads(served.stdout)
    assert result["status"] == 200
    assert "immutable" in result["cache_control"]
    assert "max-age=315360000" in result["cache_control"]
    assert result["encoding"] == "gzip"
