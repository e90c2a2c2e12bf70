"""`manage.py generate_content`: a marked, removable, repeatable synthetic archive."""

import datetime
import hashlib
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from almere import synthetic
from almere.richtext import sanitise_html
from cityprofile.models import Indicator, Official
from partnerships.models import PartnerCity, Partnership
from pressroom import synthetic as press_synthetic
from pressroom.models import Correction, PressRelease, Topic
from search.models import SearchEntry
from tests.search.helpers import results

pytestmark = pytest.mark.django_db

# Time moves on from here during a test, so that no test runs across midnight.
NOON = datetime.datetime(2025, 6, 16, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(NOON, tick=True):
        yield


def snapshot() -> str:
    """A digest of every synthetic row by its natural keys: no primary keys or
    record timestamps, which differ from one run to the next."""
    rows: list = []
    releases = PressRelease.objects.filter(slug__startswith="synthetic-")
    for release in releases.order_by("slug").prefetch_related(
        "topics", "officials_quoted", "partnerships", "corrections"
    ):
        rows.append(
            (
                release.slug,
                release.title,
                release.lead,
                release.body,
                release.place,
                release.status,
                release.published_at,
                release.published_precision,
                release.withdrawn_at,
                release.withdrawal_reason,
                release.image.name,
                sorted(topic.slug for topic in release.topics.all()),
                sorted(official.name for official in release.officials_quoted.all()),
                sorted(partnership.slug for partnership in release.partnerships.all()),
                [(c.made_on, c.note) for c in release.corrections.all()],
            )
        )
    partnerships = Partnership.objects.filter(slug__startswith="synthetic-")
    for partnership in partnerships.order_by("slug").prefetch_related(
        "themes",
        "institutions",
        "officials",
        "stages__almere_signatories",
        "activities__officials",
    ):
        city = partnership.city
        rows.append(
            (
                partnership.slug,
                (city.slug, city.name, city.country.code, city.latitude),
                (city.longitude, city.population, city.description),
                partnership.kind,
                partnership.status,
                partnership.started_on,
                partnership.ended_on,
                partnership.summary,
                partnership.body,
                partnership.is_published,
                sorted(theme.slug for theme in partnership.themes.all()),
                sorted(str(i) for i in partnership.institutions.all()),
                sorted(official.name for official in partnership.officials.all()),
                [
                    (
                        s.stage,
                        s.date,
                        s.note,
                        [o.name for o in s.almere_signatories.all()],
                    )
                    for s in partnership.stages.all()
                ],
                [
                    (
                        a.title,
                        a.starts_on,
                        a.ends_on,
                        [o.name for o in a.officials.all()],
                    )
                    for a in partnership.activities.all()
                ],
            )
        )
    rows += Official.objects.filter(name__endswith=" (synthetic)").values_list(
        "name", "role", "portfolio", "term_start", "term_end"
    )
    for indicator in Indicator.objects.filter(slug__startswith="synthetic-"):
        rows.append(
            (indicator.slug, list(indicator.data_points.values_list("date", "value")))
        )
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def dump_content() -> str:
    out = io.StringIO()
    call_command(
        "dumpdata", "cityprofile", "pressroom", "partnerships", stdout=out, indent=1
    )
    return out.getvalue()


def search_index() -> list:
    return sorted(SearchEntry.objects.values_list("kind", "object_id", "title", "url"))


def test_releases_come_in_every_state_in_fixed_shares():
    synthetic.generate(press_releases=200, seed=1)

    releases = PressRelease.objects.all()
    assert releases.count() == 200
    assert releases.filter(status=PressRelease.Status.DRAFT).count() == 8
    assert releases.scheduled().count() == 4
    withdrawn = releases.filter(status=PressRelease.Status.WITHDRAWN)
    assert withdrawn.count() == 2
    assert all(r.withdrawal_reason and r.withdrawn_at for r in withdrawn)
    assert releases.published().count() == 200 - 8 - 4 - 2
    assert Correction.objects.count() == 2
    years = {
        moment.year for moment in releases.published().dates("published_at", "year")
    }
    assert min(years) <= NOON.year - 20
    assert len(years) >= 20


def test_a_handful_of_releases_are_all_public():
    synthetic.generate(press_releases=3)

    assert PressRelease.objects.published().count() == 3


def test_everything_generated_is_marked_as_synthetic():
    synthetic.generate(press_releases=60, seed=1)

    for release in PressRelease.objects.all():
        assert release.slug.startswith("synthetic-")
        assert release.lead.startswith("Synthetic test content. ")
    assert all(t.name.endswith(" (synthetic)") for t in Topic.objects.all())
    for partnership in Partnership.objects.select_related("city"):
        assert partnership.slug.startswith("synthetic-")
        assert partnership.summary.startswith("Synthetic test content. ")
        assert partnership.city.description.startswith("Synthetic test content. ")
    assert all(o.name.endswith(" (synthetic)") for o in Official.objects.all())


def test_the_same_seed_gives_the_same_archive_whatever_the_batch_size():
    synthetic.generate(press_releases=100, seed=7)
    first = snapshot()

    synthetic.generate(press_releases=100, seed=7, batch_size=9)

    assert snapshot() == first


def test_different_seeds_give_different_archives():
    synthetic.generate(press_releases=100, seed=1)
    first = snapshot()

    synthetic.generate(press_releases=100, seed=2)

    assert snapshot() != first


def test_a_second_run_replaces_the_first():
    out = io.StringIO()
    call_command("generate_content", "--press-releases", "80", stdout=out)
    call_command(
        "generate_content", "--press-releases", "50", "--seed", "3", stdout=out
    )

    assert PressRelease.objects.count() == 50
    assert "press releases: 80" in out.getvalue()  # removed by the second run
    assert Topic.objects.count() == len(press_synthetic.TOPICS)


def test_clearing_removes_exactly_the_synthetic_content():
    call_command("load_demo_content", stdout=io.StringIO())
    demo, demo_index = dump_content(), search_index()
    synthetic.generate(press_releases=60, seed=1)
    assert PressRelease.objects.count() == 62
    assert len(search_index()) > len(demo_index)

    out = io.StringIO()
    call_command("generate_content", "--clear", stdout=out)

    assert dump_content() == demo
    assert search_index() == demo_index
    assert "press releases: 60" in out.getvalue()


def test_clearing_with_nothing_to_clear_changes_nothing():
    call_command("load_demo_content", stdout=io.StringIO())
    demo = dump_content()

    assert synthetic.clear() == {}
    assert dump_content() == demo


def test_quoted_officials_were_in_office_and_partnerships_had_begun():
    synthetic.generate(press_releases=2000, seed=5)

    releases = PressRelease.objects.exclude(published_at=None).prefetch_related(
        "officials_quoted", "partnerships"
    )
    quoted = linked = 0
    for release in releases:
        day = release.published_on
        for official in release.officials_quoted.all():
            quoted += 1
            assert official.term_start <= day
            assert official.term_end is None or day <= official.term_end
        for partnership in release.partnerships.all():
            linked += 1
            assert partnership.started_on <= day
    assert quoted > 1000
    assert linked > 50


def test_releases_are_dated_to_when_they_were_published_or_withdrawn():
    before = timezone.now()
    synthetic.generate(press_releases=300, seed=1)
    after = timezone.now()
    releases = PressRelease.objects.filter(slug__startswith="synthetic-")
    public = releases.filter(
        status=PressRelease.Status.PUBLISHED, published_at__lte=before
    )
    withdrawn = releases.filter(status=PressRelease.Status.WITHDRAWN)
    unpublished = releases.exclude(pk__in=public).exclude(pk__in=withdrawn)

    assert public.count() > 250
    for release in public:
        assert release.created_at == release.updated_at == release.published_at
    assert withdrawn.exists()
    for release in withdrawn:
        assert release.created_at == release.published_at
        assert release.updated_at == release.withdrawn_at
    # Drafts and scheduled releases were made now.
    assert unpublished.count() >= 2
    for release in unpublished:
        assert before <= release.created_at == release.updated_at <= after

    # An editor's change afterwards is stamped with its own time again.
    release = public.first()
    release.title = "Changed after generation"
    release.save()
    release.refresh_from_db()
    assert release.updated_at >= after
    assert release.created_at == release.published_at


def test_public_releases_are_listed_and_drafts_are_not(client):
    synthetic.generate(press_releases=60, seed=1)
    newest = list(PressRelease.objects.published()[:10])

    page = client.get("/en/press/").content.decode()

    for release in newest:
        assert release.get_absolute_url() in page
    assert PressRelease.objects.scheduled().first().slug not in page
    response = client.get(newest[0].get_absolute_url())
    assert response.status_code == 200
    assert "Synthetic test content." in response.content.decode()


def test_public_releases_and_partner_cities_are_found_by_the_site_search(client):
    synthetic.generate(press_releases=60, seed=1)
    public = PressRelease.objects.published()
    titles = list(public.values_list("title", flat=True))
    release = next(r for r in public if titles.count(r.title) == 1)
    draft = PressRelease.objects.filter(status=PressRelease.Status.DRAFT).first()
    city = PartnerCity.objects.filter(partnerships__is_published=True).first()

    found = client.get("/en/search/", {"q": release.title, "kind": "press-release"})
    assert release.get_absolute_url() in found.content.decode()
    assert str(city) in results(client.get("/en/search/", {"q": city.name})).titles
    assert not SearchEntry.objects.filter(kind="press-release", object_id=draft.pk)
    assert SearchEntry.objects.filter(kind="press-release").count() == (
        public.count() + PressRelease.objects.scheduled().count()
    )


def test_bodies_are_sanitised_on_the_way_in():
    synthetic.generate(press_releases=200, seed=1)

    bodies = list(PressRelease.objects.values_list("body", flat=True))
    assert all(sanitise_html(body) == body for body in bodies)
    assert not any("style=" in body or "<span" in body for body in bodies)
    # The generator writes links without rel; only the sanitiser adds it.
    assert any('rel="noopener noreferrer"' in body for body in bodies)


def test_generation_takes_no_query_per_row():
    def queries(count: int) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as context:
            synthetic.generate(press_releases=count, seed=1)
        statements = [query["sql"].lstrip().upper() for query in context]
        inserts = sum(sql.startswith("INSERT") for sql in statements)
        return inserts, len(statements) - inserts

    synthetic.generate(press_releases=50, seed=1)
    few_inserts, few_others = queries(50)
    many_inserts, many_others = queries(500)

    assert many_others == few_others
    # More batches only: SQLite takes some forty releases per INSERT.
    assert many_inserts - few_inserts <= (500 - 50) / 20


def test_pictures_are_shared_stored_once_and_removed_with_the_content(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        synthetic.generate(press_releases=60, seed=1, images=True)

    illustrated = PressRelease.objects.published().exclude(image="")
    names = set(illustrated.values_list("image", flat=True))
    assert 10 < illustrated.count() < 40
    assert 1 < len(names) <= press_synthetic.IMAGE_COUNT
    release = illustrated.first()
    for spec in press_synthetic.IMAGE_SPECS:
        assert default_storage.exists(getattr(release, spec).name)
    page = client.get(release.get_absolute_url()).content.decode()
    assert release.image_hero.url in page

    with django_capture_on_commit_callbacks(execute=True):
        synthetic.clear()

    assert not any(default_storage.exists(name) for name in names)
    assert not default_storage.exists(release.image_hero.name)


def test_purging_a_city_that_partnerships_still_name_is_refused():
    synthetic.generate(press_releases=0)

    with pytest.raises(ProtectedError):
        synthetic.purge(PartnerCity.objects.all())


def test_the_command_reports_what_it_made_and_how_long_it_took():
    out = io.StringIO()
    call_command(
        "generate_content", "--press-releases", "20", "--seed", "4", stdout=out
    )

    output = out.getvalue()
    assert "Made (seed 4):" in output
    assert "  press releases: 20" in output
    assert "  search index: " in output
    assert "Synthetic content made in" in output


@pytest.mark.parametrize(
    "arguments",
    [[], ["--press-releases", "-1"], ["--press-releases", "5", "--clear"]],
    ids=["nothing", "negative", "both"],
)
def test_the_command_wants_a_number_of_releases_or_clear(arguments):
    with pytest.raises(CommandError):
        call_command("generate_content", *arguments, stdout=io.StringIO())


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_maker_makes_what_the_model_makes(language):
    values = {
        "title": "Bridges",
        "lead": "Seven new bridges.",
        "body_nl": "<p>Zeven nieuwe bruggen.</p>",
        "place": "Almere Haven",
        "status": PressRelease.Status.PUBLISHED,
    }
    fields = [field.attname for field in PressRelease._meta.concrete_fields]

    with translation.override(language):
        made = synthetic.Maker(PressRelease)(**values)
        plain = PressRelease(**values)

    assert [getattr(made, name) for name in fields] == [
        getattr(plain, name) for name in fields
    ]
    assert getattr(made, f"title_{language}") == "Bridges"
    assert made._state.adding


def test_a_maker_works_out_a_callable_default_for_each_instance():
    """Like the constructor: the admin's log entries are stamped when made."""
    make = synthetic.Maker(LogEntry)
    first, second = (
        datetime.datetime(2026, 3, day, 9, tzinfo=datetime.UTC) for day in (1, 2)
    )

    with time_machine.travel(first, tick=False):
        earlier = make(object_repr="Bridges", action_flag=1)
    with time_machine.travel(second, tick=False):
        later = make(object_repr="Bridges", action_flag=1)

    assert (earlier.action_time, later.action_time) == (first, second)


def test_a_maker_refuses_a_name_that_is_not_a_column():
    """A related object by name ("contact") would be lost by position: its key
    ("contact_id") is what a maker takes."""
    with pytest.raises(TypeError, match="'contact'"):
        synthetic.Maker(PressRelease)(title="Bridges", contact=None)
