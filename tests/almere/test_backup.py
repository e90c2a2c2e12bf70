"""The README's dumpdata/loaddata backup gives back everything it took."""

import io
import json

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, models
from django.test import Client
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from reversion.models import Version

from cityprofile.models import Official
from partnerships.models import AgreementStage, Partnership
from pressroom.models import PressRelease
from tests.admin_forms import form_data
from tests.site_pages import build_site

# As in the README's "Backup and restore": what migrate makes, the sessions, the
# search index (rebuilt after loading) and the login throttle's records stay out.
DUMPDATA_OPTIONS = [
    "--natural-foreign",
    "--exclude=contenttypes",
    "--exclude=auth.permission",
    "--exclude=sessions",
    "--exclude=search",
    "--exclude=axes",
]


@pytest.fixture
def fresh_content_types():
    # flush makes the content types anew, with other numbers; so does the rollback.
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


def dumped() -> list[dict]:
    out = io.StringIO()
    call_command("dumpdata", *DUMPDATA_OPTIONS, stdout=out)
    return json.loads(out.getvalue())


def same_instants(entries: list[dict]) -> list[dict]:
    """The dump with its times read as times: JSON keeps them to the millisecond,
    and writes a time that fell on a whole second without the ".000"."""

    def read(value):
        if isinstance(value, str) and (moment := _datetime(value)):
            return moment
        return value

    return [
        {**entry, "fields": {k: read(v) for k, v in entry["fields"].items()}}
        for entry in entries
    ]


def _datetime(value: str):
    try:
        return parse_datetime(value)
    except ValueError:
        return None


def file_references() -> list[tuple[str, str]]:
    """Every stored file name, with the storage that holds it."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                for name in model._base_manager.exclude(**{field.name: ""}).values_list(
                    field.name, flat=True
                ):
                    found.append((name, field.storage))
    return found


def rendered(pages: dict[str, str]) -> dict[str, tuple[int, bytes]]:
    reader = Client()
    return {
        name: (response.status_code, response.content)
        for name, path in pages.items()
        for response in [reader.get(path)]
    }


@pytest.mark.django_db
def test_dumpdata_flush_loaddata_gives_back_every_object_relation_and_file(
    publisher, tmp_path, fresh_content_types
):
    pages = build_site()
    shenzhen = Partnership.objects.get(city__name="Shenzhen")
    mayor = Official.objects.create(name="Franc Weerwind", role="mayor")
    signed = AgreementStage(
        partnership=shenzhen, stage="sister_city", date="2014-11-18"
    )
    signed.document.save("signed.pdf", ContentFile(b"%PDF-1.7\n%signed\n"))
    signed.almere_signatories.set([mayor])
    featured = PressRelease.objects.get(title="New business park opens")
    featured.partnerships.add(shenzhen)
    featured.officials_quoted.add(mayor)
    # An edit in the admin: a version in the history and an entry in the admin log.
    staff = Client()
    staff.force_login(publisher)
    change = reverse("admin:pressroom_pressrelease_change", args=[featured.pk])
    data = form_data(staff.get(change).text, "pressrelease_form")
    assert staff.post(change, {**data, "place": "Almere Poort"}).status_code == 302

    before = dumped()
    files = file_references()
    pages_before = rendered(pages)
    kinds = {entry["model"] for entry in before}
    assert {
        "pressroom.attachment",
        "partnerships.agreementstage",
        "reversion.version",
        "admin.logentry",
        "auth.user",
    } <= kinds
    release_data = next(
        e
        for e in before
        if e["model"] == "pressroom.pressrelease" and e["pk"] == featured.pk
    )["fields"]
    assert release_data["topics"] and release_data["partnerships"]
    assert release_data["image"].endswith(".jpg")
    assert len(files) >= 5  # images, attachments and the signed document
    history_before = Version.objects.get_for_object(featured).count()

    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(before))
    # The test runs in a transaction whose deferred foreign key checks PostgreSQL
    # must make before it truncates; a real backup is restored outside one.
    connection.check_constraints()
    call_command("flush", "--no-input", stdout=io.StringIO())
    ContentType.objects.clear_cache()
    assert not PressRelease.objects.exists()
    call_command("loaddata", str(backup), stdout=io.StringIO())
    call_command("rebuild_search_index", stdout=io.StringIO())

    assert same_instants(dumped()) == same_instants(before)
    assert file_references() == files
    assert all(storage.exists(name) for name, storage in files)
    assert rendered(pages) == pages_before
    assert Version.objects.get_for_object(featured).count() == history_before
    # The history came back with the content, and still reads.
    staff.force_login(publisher)
    history = reverse("admin:pressroom_pressrelease_history", args=[featured.pk])
    assert "Changed Place." in staff.get(history).text
