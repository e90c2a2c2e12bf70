"""Staff keep partnerships current in the real admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cityprofile.models import Official
from partnerships.models import Activity, AgreementStage, PartnerCity, Partnership
from pressroom.models import PressRelease
from tests.admin_forms import changed, inline_forms, opened
from tests.pressroom.factories import draft, release
from tests.pressroom.test_admin import release_form

from .factories import city, partnership, theme

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:partnerships_partnership_add")
LIST_URL = reverse("admin:partnerships_partnership_changelist")
PRESS_RELEASE = "PressRelease_partnerships"


def change_url(item: Partnership) -> str:
    return reverse("admin:partnerships_partnership_change", args=[item.pk])


# The texts of stages and activities, written per language; rows name them
# plainly and are posted in English.
STAGE_TEXTS = {"partner_signatories", "note"}
ACTIVITY_TEXTS = {"title", "description"}


def in_english(rows, texts: set[str]) -> list[dict]:
    return [{f"{k}_en" if k in texts else k: v for k, v in row.items()} for row in rows]


def partnership_form(*, stages=(), activities=(), releases=(), **fields) -> dict:
    """What the admin's partnership form posts, with the given changes."""
    form = {
        "slug": "toronto",
        "kind": "intent",
        "status": "active",
        "started_on": "2014-04-01",
        "started_precision": "month",
        "ended_on": "",
        "ended_precision": "day",
        "summary_en": "An intention agreement on urban agriculture.",
        "summary_nl": "",
        "body_en": "<p>Toronto leads in <strong>urban agriculture</strong>.</p>",
        "body_nl": "",
        **inline_forms("stages", *in_english(stages, STAGE_TEXTS)),
        **inline_forms("activities", *in_english(activities, ACTIVITY_TEXTS)),
        **inline_forms(PRESS_RELEASE, *({"pressrelease": r.pk} for r in releases)),
    }
    return changed(form, **fields)


def test_staff_add_a_partnership_with_its_stages_activities_and_news(
    publisher_client,
):
    toronto = city("Toronto", country="CA")
    mulder = Official.objects.create(name="Henk Mulder", role="alderman")
    food = theme("Food strategy")
    news = release(title="Almere and Toronto sign an intention agreement")
    response = publisher_client.post(
        ADD_URL,
        partnership_form(
            city=toronto.pk,
            is_published="on",
            themes=[food.pk],
            officials=[mulder.pk],
            stages=[
                {
                    "stage": "intent",
                    "date": "2014-04-01",
                    "date_precision": "month",
                    "almere_signatories": [mulder.pk],
                    "partner_signatories": "Mayor of Toronto",
                    "document": SimpleUploadedFile("intent.pdf", b"%PDF-1.7 signed"),
                }
            ],
            activities=[
                {
                    "title": "Visit to Toronto",
                    "kind": "delegation",
                    "starts_on": "2014-06-02",
                    "starts_precision": "day",
                    "ends_on": "2014-06-05",
                    "companies": "3",
                    "officials": [mulder.pk],
                }
            ],
            releases=[news],
        ),
    )
    assert response.status_code == 302, response.context["errors"]
    item = Partnership.objects.get()
    assert item.city == toronto
    assert list(item.themes.all()) == [food]
    stage = item.stages.get()
    assert list(stage.almere_signatories.all()) == [mulder]
    assert stage.document.name.endswith(".pdf")
    visit = item.activities.get()
    assert (str(visit.ends_on), visit.companies, list(visit.officials.all())) == (
        "2014-06-05",
        3,
        [mulder],
    )
    assert list(news.partnerships.all()) == [item]
    page = publisher_client.get(item.get_absolute_url()).text
    assert "Visit to Toronto" in page
    assert "Almere and Toronto sign an intention agreement" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"started_on": "2014-04-01", "ended_on": "2013-01-01"},
            "__all__",
            "A partnership cannot end before it starts.",
        ),
        ({"started_on": "2014-02-30"}, "started_on", "Enter a valid date."),
        ({"slug": "not a slug!"}, "slug", "Enter a valid “slug”"),
    ],
)
def test_bad_partnership_input_gets_a_form_error(
    editor_client, changes, field, message
):
    form = partnership_form(city=city("Toronto").pk, **changes)
    response = editor_client.post(ADD_URL, form)
    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors.get(field))
    assert not Partnership.objects.exists()


def test_a_stage_document_that_is_not_what_it_says_is_refused(editor_client):
    form = partnership_form(
        city=city("Toronto").pk,
        stages=[
            {
                "stage": "intent",
                "date": "2014-04-01",
                "date_precision": "month",
                "document": SimpleUploadedFile("intent.pdf", b"<script>x</script>"),
            }
        ],
    )
    response = editor_client.post(ADD_URL, form)
    assert response.status_code == 200
    assert "This file is named .pdf but is not a PDF." in response.text
    assert not AgreementStage.objects.exists()


def test_an_activity_end_needs_a_start_known_to_the_day(editor_client):
    form = partnership_form(
        city=city("Shenzhen").pk,
        activities=[
            {
                "title": "Hi Tech Fair",
                "kind": "fair",
                "starts_on": "2014-11-01",
                "starts_precision": "month",
                "ends_on": "2014-11-21",
            }
        ],
    )
    response = editor_client.post(ADD_URL, form)
    assert response.status_code == 200
    assert "An end date needs a start known to the day." in response.text
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"latitude": "91"}, "Ensure this value is less than or equal to 90."),
        ({"longitude": "-181"}, "Ensure this value is greater than or equal to -180."),
        ({"population": "17560000"}, "Say which year the population is from."),
        (
            {"image": SimpleUploadedFile("map.svg", b"<svg/>")},
            "File extension “svg” is not allowed.",
        ),
    ],
)
def test_bad_city_input_gets_a_form_error(editor_client, changes, message):
    form = {
        "name": "Shenzhen",
        "slug": "shenzhen",
        "country": "CN",
        "region": "",
        "description": "",
        "latitude": "22.5431",
        "longitude": "114.0579",
        "population": "",
        "population_year": "",
        "website": "",
        "image_alt": "",
        **changes,
    }
    response = editor_client.post(reverse("admin:partnerships_partnercity_add"), form)
    assert response.status_code == 200
    assert message in response.text
    assert not PartnerCity.objects.exists()


def test_editor_links_a_release_to_a_partnership_from_the_press_room(editor_client):
    shenzhen = partnership("Shenzhen")
    item = draft(title="Almere opens doors in Shenzhen")
    form = release_form(
        title=item.title, slug=item.slug, **opened(item), partnerships=[shenzhen.pk]
    )
    change = reverse("admin:pressroom_pressrelease_change", args=[item.pk])
    assert editor_client.post(change, form).status_code == 302
    assert list(shenzhen.press_releases.all()) == [item]
    # ... and the partnership's admin lists it, by its title.
    page = editor_client.get(change_url(shenzhen)).text
    assert "Almere opens doors in Shenzhen" in page


def test_partnerships_are_found_by_autocomplete_from_a_release(editor_client):
    partnership("Shenzhen")
    partnership("Toronto")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "shen",
            "app_label": "pressroom",
            "model_name": "pressrelease",
            "field_name": "partnerships",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == [
        "Shenzhen: cooperation agreement"
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind__exact": "intent"}, ["Toronto"]),
        ({"status__exact": "ended"}, ["Moscow"]),
        ({"city__country__exact": "CN"}, ["Shenzhen"]),
        ({"q": "toron"}, ["Toronto"]),
    ],
)
def test_changelist_filters_and_search(editor_client, query, expected):
    partnership("Shenzhen")
    partnership("Toronto", city=city("Toronto", country="CA"), kind="intent")
    partnership("Moscow", city=city("Moscow", country="RU"), status="ended")
    response = editor_client.get(LIST_URL, query)
    shown = [p.city.name for p in response.context["cl"].result_list]
    assert shown == expected


def test_changelist_filters_by_theme(editor_client):
    food = theme("Food strategy")
    partnership("Shenzhen")
    partnership("Toronto", themes=[food])
    response = editor_client.get(LIST_URL, {"themes__id__exact": food.pk})
    assert [p.city.name for p in response.context["cl"].result_list] == ["Toronto"]


def test_view_on_site_leads_to_the_page_or_to_its_preview(editor_client):
    public = partnership("Shenzhen")
    hidden = partnership("Hidden", is_published=False)
    assert (
        f'href="{public.get_absolute_url()}"'
        in editor_client.get(change_url(public)).text
    )
    preview = reverse("partnerships:preview", args=[hidden.pk])
    assert f'href="{preview}"' in editor_client.get(change_url(hidden)).text


def test_only_publishers_link_a_published_release_from_a_partnership(
    editor_client, publisher
):
    shenzhen = partnership("Shenzhen")
    public = release(title="Public news")
    form = partnership_form(
        city=shenzhen.city.pk,
        slug=shenzhen.slug,
        **opened(shenzhen),
        is_published="on",
        releases=[public],
    )
    response = editor_client.post(change_url(shenzhen), form)
    assert response.status_code == 200
    assert "Only publishers can link or unlink a published press release" in (
        response.text
    )
    assert not shenzhen.press_releases.exists()

    editor_client.force_login(publisher)
    assert editor_client.post(change_url(shenzhen), form).status_code == 302
    assert list(shenzhen.press_releases.all()) == [public]


def test_editors_link_drafts_and_cannot_unlink_published_releases(editor_client):
    shenzhen = partnership("Shenzhen")
    public = release(title="Public news")
    public.partnerships.add(shenzhen)
    link = PressRelease.partnerships.through.objects.get()
    upcoming = draft(title="Draft news")
    keep_public = {"id": link.pk, "partnership": shenzhen.pk, "pressrelease": public.pk}
    form = {
        **partnership_form(
            city=shenzhen.city.pk, slug=shenzhen.slug, **opened(shenzhen)
        ),
        **inline_forms(
            PRESS_RELEASE,
            keep_public,
            {"pressrelease": upcoming.pk},
            initial=1,
        ),
    }
    assert editor_client.post(change_url(shenzhen), form).status_code == 302
    assert set(shenzhen.press_releases.all()) == {public, upcoming}

    form[f"{PRESS_RELEASE}-0-DELETE"] = "on"
    form.update(opened(shenzhen))
    response = editor_client.post(change_url(shenzhen), form)
    assert response.status_code == 200
    assert public in shenzhen.press_releases.all()


def test_editors_cannot_publish_unpublish_or_delete_a_partnership(editor_client):
    hidden = partnership("Hidden", is_published=False)
    public = partnership("Shenzhen")
    page = editor_client.get(change_url(hidden)).text
    assert 'name="is_published"' not in page  # shown, not editable
    for item, crafted in [(hidden, {"is_published": "on"}), (public, {})]:
        form = partnership_form(
            city=item.city.pk, slug=item.slug, **opened(item), **crafted
        )
        assert editor_client.post(change_url(item), form).status_code == 302
    hidden.refresh_from_db()
    public.refresh_from_db()
    assert (hidden.is_published, public.is_published) == (False, True)
    delete = reverse("admin:partnerships_partnership_delete", args=[public.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert Partnership.objects.filter(pk=public.pk).exists()


def test_publishers_publish_and_delete_partnerships(publisher_client):
    hidden = partnership("Hidden", is_published=False)
    form = partnership_form(
        city=hidden.city.pk, slug=hidden.slug, **opened(hidden), is_published="on"
    )
    assert publisher_client.post(change_url(hidden), form).status_code == 302
    hidden.refresh_from_db()
    assert hidden.is_published
    delete = reverse("admin:partnerships_partnership_delete", args=[hidden.pk])
    assert publisher_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Partnership.objects.exists()
