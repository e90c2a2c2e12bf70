import pytest
from playwright.sync_api import expect

from cityprofile.models import Official
from partnerships.models import Partnership
from tests.partnerships.factories import city

from .test_editor import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def choose(page, select_id: str, search: str, option: str) -> None:
    """Pick an option in one of the admin's autocomplete boxes."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).click()


def test_staff_add_a_partnership_with_an_activity(live_server, page, publisher):
    city("Toronto", country="CA")
    Official.objects.create(name="Henk Mulder", role="alderman")
    log_in(page, live_server, publisher.username, "a-long-test-password")
    page.goto(f"{live_server.url}/admin/partnerships/partnership/add/")

    choose(page, "id_city", "tor", "Toronto")
    page.fill("#id_slug", "toronto")
    page.select_option("#id_kind", label="Letter of intent")
    page.select_option("#id_status", label="Active")
    page.check("#id_is_published")
    page.fill("#id_started_on", "2014-04-01")
    page.select_option("#id_started_precision", label="Month")
    page.fill("#id_summary_en", "An intention agreement on urban agriculture.")
    body = page.frame_locator(".field-body_en iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.type("Toronto leads in urban agriculture.")
    choose(page, "id_officials", "mul", "Henk Mulder")

    page.get_by_role("button", name="Add another Activity").click()
    page.fill("#id_activities-0-title_en", "Visit to Toronto")
    page.select_option("#id_activities-0-kind", label="Delegation visit")
    page.fill("#id_activities-0-starts_on", "2014-06-02")
    page.fill("#id_activities-0-ends_on", "2014-06-05")
    page.fill("#id_activities-0-companies", "3")
    choose(page, "id_activities-0-officials", "mul", "Henk Mulder")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto(f"{live_server.url}/partnerships/toronto/")
    expect(page.locator("h1")).to_have_text("Toronto")
    expect(page.locator(".rich-text")).to_contain_text("leads in urban agriculture")
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("2–5 June 2014")
    expect(timeline).to_contain_text("Taking part for Almere: Alderman Henk Mulder.")
    expect(timeline).to_contain_text("3 companies took part.")
    assert page.console_errors == []
    assert list(Partnership.objects.get().officials.values_list("name", flat=True)) == [
        "Henk Mulder"
    ]
