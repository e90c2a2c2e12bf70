import tempfile

import pytest
from django.conf import settings as django_settings


def pytest_configure(config: pytest.Config) -> None:
    from model_bakery import generators

    generators.add("almere.richtext.RichTextField", lambda: "<p>Rich text</p>")
    # Tests render templates without running collectstatic first; the manifest
    # storage itself is covered by tests/almere/test_static.py.
    django_settings.STATIC_ROOT = tempfile.mkdtemp(prefix="almere-static-")
    django_settings.STORAGES = {
        **django_settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def editor(db, django_user_model):
    """A member of the communications staff, with the group's permissions."""
    from almere.staff import ensure_editors_group

    user = django_user_model.objects.create_user(
        "comms", password="a-long-test-password", is_staff=True
    )
    user.groups.add(ensure_editors_group())
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
