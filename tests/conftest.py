import json
import logging
import runpy
import tempfile
import uuid

import pytest
from django.conf import settings as django_settings


def pytest_configure(config: pytest.Config) -> None:
    from model_bakery import generators

    generators.add("almere.richtext.RichTextField", lambda: "<p>Rich text</p>")
    # Tests render templates without running collectstatic first; the manifest
    # storage itself is covered by tests/almere/test_static.py.
    django_settings.STATIC_ROOT = tempfile.mkdtemp(prefix="almere-static-")
    # Production settings redirect to HTTPS; the test client and the live server
    # speak plain HTTP. tests/almere/test_security.py checks the redirect itself.
    django_settings.SECURE_SSL_REDIRECT = False
    django_settings.STORAGES = {
        **django_settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request for a Dutch page leaves
    Dutch active in the thread (LocaleMiddleware), and reverse() would follow."""
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached pages: a rolled-back test sends no signal."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def page_cache_seconds(settings):
    """Off for tests of single requests, whose query counts are the pages' own.

    tests/almere/test_page_cache.py, the browser tests and the test with two app
    servers run with it on (600 s), as production does.
    """
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(scope="session")
def s3_server():
    """A local S3-compatible server (moto's, in a thread): its endpoint URL."""
    from moto.server import ThreadedMotoServer

    # Its request log says nothing the tests do not check.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


S3_ENVIRONMENT = {
    "AWS_S3_REGION_NAME": "eu-central-1",
    "AWS_ACCESS_KEY_ID": "almere-test",
    "AWS_SECRET_ACCESS_KEY": "almere-test-secret",
}


@pytest.fixture
def s3_media(s3_server, settings, monkeypatch):
    """Uploads in a new, empty bucket of the local S3 server, with the storage the
    settings make of the environment a deployment would set. The bucket's name."""
    import boto3
    from ckeditor_uploader import utils as editor_utils
    from django.utils.functional import empty

    from almere import settings as almere_settings

    bucket = f"almere-media-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_server, **_boto3_arguments())
    client.create_bucket(
        Bucket=bucket,
        CreateBucketConfiguration={
            "LocationConstraint": S3_ENVIRONMENT["AWS_S3_REGION_NAME"]
        },
    )
    # Readers may fetch every upload, as the README asks of a deployment's bucket.
    client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_read(bucket)))
    environment = {
        **S3_ENVIRONMENT,
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": s3_server,
        "SECRET_KEY": "settings-read-again-for-their-storage",
    }
    with monkeypatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)
        # The settings module run again, as an app server would run it.
        configured = runpy.run_path(almere_settings.__file__)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": configured["STORAGES"]["default"],
    }
    # django-ckeditor keeps its own handle on the default storage.
    editor_utils.storage._wrapped = empty
    yield bucket
    editor_utils.storage._wrapped = empty


def public_read(bucket: str) -> dict:
    """A bucket policy that lets anyone read the bucket's files, not list them."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicReadOfUploads",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }


def _boto3_arguments() -> dict:
    return {
        "region_name": S3_ENVIRONMENT["AWS_S3_REGION_NAME"],
        "aws_access_key_id": S3_ENVIRONMENT["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": S3_ENVIRONMENT["AWS_SECRET_ACCESS_KEY"],
    }


@pytest.fixture
def s3_client(s3_server):
    """A boto3 client of the local S3 server, to look into its buckets."""
    import boto3

    return boto3.client("s3", endpoint_url=s3_server, **_boto3_arguments())


STAFF_PASSWORD = "a-long-test-password"


def _staff_member(django_user_model, username: str, group_name: str):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username, password=STAFF_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db, django_user_model):
    """Communications staff who write drafts but cannot publish."""
    from almere.staff import EDITORS_GROUP

    return _staff_member(django_user_model, "comms", EDITORS_GROUP)


@pytest.fixture
def publisher(db, django_user_model):
    """Communications staff who may also publish and withdraw."""
    from almere.staff import PUBLISHERS_GROUP

    return _staff_member(django_user_model, "chief", PUBLISHERS_GROUP)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client
