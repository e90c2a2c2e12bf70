"""A partnership's and a partner city's history: restore and recover, with the
stages and activities, and the right to publish kept to publishers."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from cityprofile.models import Official
from partnerships.models import PartnerCity, Partnership
from tests.admin_forms import changed, form_data
from tests.search.helpers import titles

from .factories import activity, city, partnership, stage, theme

pytestmark = pytest.mark.django_db

FORM = "partnership_form"


def url(view: str, *args, model: str = "partnership") -> str:
    return reverse(f"admin:partnerships_{model}_{view}", args=args)


def versions(item) -> list[Version]:
    return list(Version.objects.get_for_object(item).order_by("pk"))


def save_form(client, address: str, form: str = FORM, **changes):
    page = client.get(address)
    assert page.status_code == 200
    return client.post(address, changed(form_data(page.text, form), **changes))


@pytest.fixture
def shenzhen() -> Partnership:
    item = partnership("Shenzhen", themes=[theme("Trade")])
    mulder = Official.objects.create(name="Henk Mulder", role="alderman")
    signed = stage(item, partner_signatories="Mayor of Shenzhen")
    signed.almere_signatories.set([mulder])
    signed.document.save("agreement.pdf", ContentFile(b"%PDF-1.7\n%signed\n"))
    visit = activity(item, title="Trade mission to Shenzhen", place="Shenzhen")
    visit.officials.set([mulder])
    return item


def test_restore_brings_back_stages_activities_and_themes(editor_client, shenzhen):
    reader = Client()
    assert save_form(editor_client, url("change", shenzhen.pk)).status_code == 302
    kept = versions(shenzhen)[-1]
    response = save_form(
        editor_client,
        url("change", shenzhen.pk),
        summary="A worse summary.",
        themes=[],
        **{"activities-0-DELETE": "on", "stages-0-partner_signatories": "Nobody"},
    )
    assert response.status_code == 302, response.context["errors"]
    assert not shenzhen.activities.exists()

    assert (
        save_form(editor_client, url("revision", shenzhen.pk, kept.pk)).status_code
        == 302
    )
    shenzhen.refresh_from_db()
    assert shenzhen.summary.startswith("Summary of partnership")
    assert [t.name for t in shenzhen.themes.all()] == ["Trade"]
    visit = shenzhen.activities.get()
    assert visit.title == "Trade mission to Shenzhen"
    assert [o.name for o in visit.officials.all()] == ["Henk Mulder"]
    signed = shenzhen.stages.get()
    assert signed.partner_signatories == "Mayor of Shenzhen"
    assert [o.name for o in signed.almere_signatories.all()] == ["Henk Mulder"]
    assert signed.document.name.endswith(".pdf") and signed.document.storage.exists(
        signed.document.name
    )
    page = reader.get(shenzhen.get_absolute_url()).text
    assert "Trade mission to Shenzhen" in page
    assert titles(reader, "mission") == [str(shenzhen)]


def test_compare_lists_the_stages_and_activities_that_changed(editor_client, shenzhen):
    save_form(editor_client, url("change", shenzhen.pk))
    save_form(
        editor_client,
        url("change", shenzhen.pk),
        **{"activities-0-DELETE": "on", "stages-0-partner_signatories": "Nobody"},
    )
    page = editor_client.get(url("compare", shenzhen.pk)).text
    assert "Activity “Trade mission to Shenzhen”: removed" in page
    assert "Agreement stage “Cooperation agreement”: changed" in page
    assert "<del>Mayor of Shenzhen</del><ins>Nobody</ins>" in page


def test_an_editor_may_restore_text_but_not_whether_it_is_published(
    editor_client, publisher, shenzhen
):
    hidden_then = save_form(editor_client, url("change", shenzhen.pk))
    assert hidden_then.status_code == 302
    publisher_client = Client()
    publisher_client.force_login(publisher)
    save_form(publisher_client, url("change", shenzhen.pk), is_published="")
    save_form(editor_client, url("change", shenzhen.pk), summary="Newer summary.")
    published, unpublished, _ = versions(shenzhen)

    # Unpublished now and then: the editor restores the text.
    assert (
        save_form(
            editor_client, url("revision", shenzhen.pk, unpublished.pk)
        ).status_code
        == 302
    )
    shenzhen.refresh_from_db()
    assert shenzhen.summary.startswith("Summary of partnership")
    # The version when it was public would publish it: not for an editor.
    page = editor_client.get(url("revision", shenzhen.pk, published.pk))
    assert 'name="_save"' not in page.text
    data = form_data(page.text, FORM)
    response = editor_client.post(url("revision", shenzhen.pk, published.pk), data)
    assert response.status_code == 403
    shenzhen.refresh_from_db()
    assert not shenzhen.is_published


def test_a_deleted_partnership_is_recovered_with_its_timeline(
    editor_client, publisher, shenzhen
):
    publisher_client, reader = Client(), Client()
    publisher_client.force_login(publisher)
    save_form(publisher_client, url("change", shenzhen.pk))
    address = shenzhen.get_absolute_url()
    delete_url = url("delete", shenzhen.pk)
    assert publisher_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert reader.get(address).status_code == 404
    assert titles(reader, "mission") == []

    last = Version.objects.get_deleted(Partnership).get()
    # An editor could not publish it by bringing it back.
    page = editor_client.get(url("recover", last.pk))
    assert 'name="_save"' not in page.text
    data = form_data(page.text, FORM)
    assert editor_client.post(url("recover", last.pk), data).status_code == 403

    response = save_form(publisher_client, url("recover", last.pk))
    assert response.status_code == 302
    assert "Trade mission to Shenzhen" in reader.get(address).text
    assert titles(reader, "mission") == [str(shenzhen)]
    assert Partnership.objects.get().stages.get().document.name.endswith(".pdf")


def test_a_deleted_partner_city_is_recovered(publisher_client):
    toronto = city("Toronto", country="CA", population=2_800_000, population_year=2016)
    edit_url = url("change", toronto.pk, model="partnercity")
    assert save_form(publisher_client, edit_url, "partnercity_form").status_code == 302
    delete_url = url("delete", toronto.pk, model="partnercity")
    assert publisher_client.post(delete_url, {"post": "yes"}).status_code == 302

    recover_list = publisher_client.get(url("recoverlist", model="partnercity")).text
    assert "Toronto, Canada" in recover_list
    last = Version.objects.get_deleted(PartnerCity).get()
    recover_url = url("recover", last.pk, model="partnercity")
    assert (
        save_form(publisher_client, recover_url, "partnercity_form").status_code == 302
    )
    toronto = PartnerCity.objects.get()
    assert (toronto.name, toronto.population) == ("Toronto", 2_800_000)


def test_a_version_whose_city_is_gone_is_refused_with_a_message(
    publisher_client, shenzhen
):
    save_form(publisher_client, url("change", shenzhen.pk))
    the_city = shenzhen.city
    publisher_client.post(url("delete", shenzhen.pk), {"post": "yes"})
    the_city.delete()
    last = Version.objects.get_deleted(Partnership).get()
    response = publisher_client.get(url("recover", last.pk), follow=True)
    assert "belongs to a partner city that no longer exists" in response.text
    assert response.status_code == 200
    assert not Partnership.objects.exists()


def test_a_release_linked_from_the_partnership_records_it_in_its_history(
    editor_client, shenzhen
):
    from pressroom.models import PressRelease
    from tests.pressroom.factories import draft

    news = draft(title="Shenzhen news")
    page = editor_client.get(url("change", shenzhen.pk))
    data = form_data(page.text, FORM)
    prefix = "PressRelease_partnerships"
    data |= {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-pressrelease": str(news.pk)}
    response = editor_client.post(url("change", shenzhen.pk), data)
    assert response.status_code == 302, response.context["errors"]

    (linked,) = Version.objects.get_for_object(news)
    assert linked.field_dict["partnerships"] == [shenzhen.pk]
    assert linked.revision.user.username == "comms"
    assert list(PressRelease.objects.get(pk=news.pk).partnerships.all()) == [shenzhen]


def test_the_demo_content_starts_each_history_with_its_links():
    import io

    from django.core.management import call_command

    from pressroom.models import PressRelease

    call_command("load_demo_content", stdout=io.StringIO())
    news = PressRelease.objects.get(slug__startswith="almere-opens-doors")
    (first,) = Version.objects.get_for_object(news)
    assert first.revision.comment == "Demo content loaded."
    linked = list(news.partnerships.values_list("pk", flat=True))
    assert linked and first.field_dict["partnerships"] == linked
