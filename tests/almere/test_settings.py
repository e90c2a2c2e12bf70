import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {
        key: value
        for key, value in os.environ.items()
        # The browser tests allow async-unsafe calls in this process, not in a site.
        if key
        not in (
            "SECRET_KEY",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        )
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_site_refuses_to_start_without_a_secret_key_in_production():
    result = run_manage("check")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SECRET_KEY" in lines[0]


def test_development_mode_starts_without_a_secret_key():
    result = run_manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_database_url_selects_postgresql():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection; print(connection.vendor)",
        DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/almere",
    )
    assert result.stdout.strip() == "postgresql", result.stderr


def test_times_are_in_amsterdam_and_aware(settings):
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_TZ is True


def test_debug_is_off_by_default(settings):
    assert settings.DEBUG is False


def test_cache_round_trip():
    """Whichever cache the settings picked (Redis under REDIS_URL) stores values."""
    cache.set("almere-test-key", {"residents": 197000}, 30)
    assert cache.get("almere-test-key") == {"residents": 197000}
    cache.delete("almere-test-key")


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set")
def test_redis_url_selects_the_redis_cache(settings):
    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"


def test_ckeditor_end_of_life_warning_is_acknowledged_explicitly(settings):
    assert "ckeditor.W001" in settings.SILENCED_SYSTEM_CHECKS


def test_uploads_stay_on_this_server_without_a_bucket(settings):
    storage = settings.STORAGES["default"]["BACKEND"]
    assert storage == "django.core.files.storage.FileSystemStorage"


def test_a_bucket_name_puts_uploads_in_an_s3_compatible_store():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "import json; from django.conf import settings;"
        "print(json.dumps(settings.STORAGES['default']))",
        DEBUG="1",
        AWS_STORAGE_BUCKET_NAME="almere-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.net",
        AWS_S3_REGION_NAME="eu-west-1",
        AWS_S3_CUSTOM_DOMAIN="media.almere.example",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
    )
    storage = json.loads(result.stdout)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage", result.stderr
    assert (
        storage["OPTIONS"]
        | {
            "bucket_name": "almere-media",
            "endpoint_url": "https://s3.example.net",
            "region_name": "eu-west-1",
            "custom_domain": "media.almere.example",
            "access_key": "key",
            "secret_key": "secret",
            # Public uploads: plain addresses, and no upload replaces another.
            "querystring_auth": False,
            "file_overwrite": False,
        }
        == storage["OPTIONS"]
    )
