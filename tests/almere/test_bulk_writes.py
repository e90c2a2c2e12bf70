"""almere.bulk: rows written by a second thread, in order, in the caller's
transaction."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from almere.bulk import Writes, next_keys
from almere.synthetic import Maker, stamped_as_made
from pressroom.models import PressRelease, Topic
from tests.search.helpers import on_postgresql

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2024, 3, 5, 9, 30, tzinfo=datetime.UTC)


def _topics(*names: str) -> list[Topic]:
    keys = next_keys(Topic, len(names))
    return [
        Topic(pk=key, name=name, slug=name.lower(), description="")
        for key, name in zip(keys, names, strict=True)
    ]


def test_keys_come_after_every_key_in_use_and_are_not_given_out_again():
    Topic.objects.create(name="Housing", slug="housing")
    highest = Topic.objects.order_by("-pk").first().pk

    keys = next_keys(Topic, 3)
    assert keys == sorted(keys) and len(set(keys)) == 3
    assert keys[0] > highest

    with Writes() as writes:
        writes.objects(Topic, _topics("Sport", "Culture", "Care"))
    # A topic saved the ordinary way afterwards gets a key of its own.
    assert Topic.objects.create(name="Safety", slug="safety").pk > keys[-1]
    assert next_keys(Topic, 0) == []


def test_objects_are_written_with_the_values_save_writes():
    """Field by field, a release written as a row reads back as the same release
    saved by the ORM: translated fields, dates, the image and keys included."""
    values = {
        "title": "Work starts on a cycle bridge",
        "lead": "The bridge links Almere Poort and Duin.",
        "body": "<p>The work takes <strong>ten</strong> months.</p>",
        "place": "Almere Poort",
        "status": PressRelease.Status.PUBLISHED,
        "published_at": MOMENT,
        "image": "pressroom/images/bridge.jpg",
        "image_width": 1600,
        "image_height": 900,
        "image_alt": "A bridge over the water.",
        "created_at": MOMENT,
        "updated_at": MOMENT,
    }
    saved = Maker(PressRelease)(slug="saved", **values)
    written = Maker(PressRelease)(slug="written", **values)
    with stamped_as_made(PressRelease):
        PressRelease.objects.bulk_create([saved])
        [written.pk] = next_keys(PressRelease, 1)
        with Writes() as writes:
            writes.objects(PressRelease, [written])

    fields = [
        field.attname
        for field in PressRelease._meta.concrete_fields
        if field.name not in ("id", "slug")
    ]
    rows = {
        row["slug"]: row
        for row in PressRelease.objects.filter(pk__in=[saved.pk, written.pk]).values(
            "slug", *fields
        )
    }
    assert set(rows) == {"saved", "written"}
    assert {name: rows["written"][name] for name in fields} == {
        name: rows["saved"][name] for name in fields
    }
    assert rows["written"]["title_en"] == "Work starts on a cycle bridge"
    assert rows["written"]["published_at"] == MOMENT


def test_objects_without_their_keys_are_refused():
    with Writes() as writes, pytest.raises(ValueError, match="needs its key"):
        writes.objects(Topic, [Topic(name="Housing", slug="housing")])
    assert not Topic.objects.exists()


def test_rows_are_written_in_the_order_given_and_all_of_them_on_leaving():
    release = PressRelease.objects.create(title="Extra money for sport", slug="s")
    topics = _topics("Housing", "Sport")
    through = PressRelease.topics.through
    with Writes() as writes:
        writes.objects(Topic, topics)
        writes.rows(
            through._meta.db_table,
            ["pressrelease_id", "topic_id"],
            [(release.pk, topic.pk) for topic in topics],
        )
        # Waiting is what lets the caller read what it gave.
        writes.wait()
        assert set(release.topics.values_list("slug", flat=True)) == {
            "housing",
            "sport",
        }
        writes.objects(Topic, _topics("Culture"))
    assert list(Topic.objects.order_by("pk").values_list("slug", flat=True)) == [
        "housing",
        "sport",
        "culture",
    ]


@pytest.mark.skipif(not on_postgresql(), reason="a second thread: PostgreSQL")
def test_on_postgresql_a_second_thread_writes_in_the_callers_transaction():
    ran_in = []
    with transaction.atomic():
        with Writes() as writes:
            writes.run(lambda cursor: ran_in.append(threading.current_thread()))
            writes.objects(Topic, _topics("Housing"))
        # Written inside the caller's transaction: seen here, before any commit.
        assert Topic.objects.filter(slug="housing").exists()
        transaction.set_rollback(True)
    assert ran_in and ran_in[0] is not threading.current_thread()
    assert not Topic.objects.filter(slug="housing").exists()


def test_on_sqlite_or_when_asked_the_statements_run_in_the_callers_thread():
    ran_in = []
    with Writes(background=False) as writes:
        writes.run(lambda cursor: ran_in.append(threading.current_thread()))
    assert ran_in == [threading.current_thread()]
    assert Writes().background is (connection.vendor == "postgresql")


def test_a_failed_statement_is_raised_in_the_callers_thread_and_stops_the_rest():
    [housing] = _topics("Housing")
    duplicate = Topic(pk=housing.pk, name="Sport", slug="sport", description="")
    ran_after = []
    with pytest.raises(IntegrityError), transaction.atomic():
        with Writes() as writes:
            writes.objects(Topic, [housing])
            writes.objects(Topic, [duplicate])
            writes.run(lambda cursor: ran_after.append(True))
    assert ran_after == []
    assert not Topic.objects.exists()


@pytest.mark.skipif(not on_postgresql(), reason="a second thread: PostgreSQL")
def test_when_the_caller_fails_what_it_gave_and_is_still_waiting_is_not_run():
    going_on = threading.Event()
    ran_after = []
    with pytest.raises(RuntimeError, match="drawing failed"), transaction.atomic():
        with Writes() as writes:
            # The second thread is still busy when the caller fails.
            writes.run(lambda cursor: going_on.wait(5))
            writes.run(lambda cursor: ran_after.append(True))
            threading.Timer(0.3, going_on.set).start()
            raise RuntimeError("drawing failed")
    assert ran_after == []


def test_generated_releases_keep_the_order_of_their_keys_and_dates():
    """The generator's releases, written by the second thread, are all there,
    their keys in the order they were drawn (oldest first)."""
    from almere import synthetic

    synthetic.generate(press_releases=60, seed=3, now=timezone.now())
    releases = list(
        PressRelease.objects.filter(slug__startswith="synthetic-")
        .exclude(published_at=None)
        .order_by("pk")
        .values_list("published_at", flat=True)
    )
    assert len(releases) >= 50
    assert releases == sorted(releases)
