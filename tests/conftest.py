import tempfile

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
