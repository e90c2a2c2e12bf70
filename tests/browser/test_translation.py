"""A reader switches language, and an editor translates a release, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from almere.i18n import MISSING_NOTICES
from pressroom.models import PressRelease
from tests.pressroom import factories as press

from .test_editor import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


def switch_to(page, name: str) -> None:
    page.locator(".language-switcher").get_by_role("link", name=name).click()


def test_a_reader_switches_a_release_to_dutch_and_back(live_server, page):
    release = press.release(title="Windmills turn again", lead="Wind.")
    PressRelease.objects.filter(pk=release.pk).update(
        title_nl="De molens draaien weer", lead_nl="Wind.", body_nl="<p>Het waait.</p>"
    )
    path = release.get_absolute_url().removeprefix("/en/")

    page.goto(f"{live_server.url}/en/{path}")
    expect(page.locator("h1")).to_have_text("Windmills turn again")
    switch_to(page, "Nederlands")

    expect(page).to_have_url(f"{live_server.url}/nl/{path}")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_have_text("De molens draaien weer")
    expect(page.get_by_text(MISSING_NOTICES["nl"])).to_have_count(0)
    # The interface speaks Dutch too: the search button, the skip link.
    expect(page.locator("header button[type=submit]")).to_have_text("Zoeken")

    switch_to(page, "English")
    expect(page).to_have_url(f"{live_server.url}/en/{path}")
    expect(page.locator("h1")).to_have_text("Windmills turn again")
    assert page.console_errors == []


def test_a_dutch_reader_of_an_untranslated_release_reads_english_under_a_notice(
    live_server, page
):
    release = press.release(title="Harbour festival", lead="Boats.")

    page.goto(
        f"{live_server.url}/nl/" + release.get_absolute_url().removeprefix("/en/")
    )

    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_text(MISSING_NOTICES["nl"])).to_be_visible()
    # The English text is marked as English for screen readers.
    expect(page.locator("h1[lang=en]")).to_have_text("Harbour festival")


def test_an_editor_translates_a_release_in_the_dutch_tab(live_server, page, publisher):
    release = press.release(title="Windmills", lead="Turning.", body="<p>Wind.</p>")
    log_in(page, live_server, publisher.username, PASSWORD)
    page.goto(f"{live_server.url}/admin/pressroom/pressrelease/{release.pk}/change/")

    # The form opens in English: the Dutch inputs wait behind their tabs.
    expect(page.locator("#id_title_en")).to_be_visible()
    expect(page.locator("#id_title_nl")).to_be_hidden()
    title_tabs = page.get_by_role("tablist", name=re.compile("Title"))
    title_tabs.get_by_role("tab", name="Nederlands").click()

    # Choosing Dutch on one field shows Dutch on every field.
    expect(page.locator("#id_title_en")).to_be_hidden()
    page.fill("#id_title_nl", "Molens")
    page.fill("#id_lead_nl", "Ze draaien.")
    editable = page.frame_locator(".field-body_nl iframe.cke_wysiwyg_frame").locator(
        "body"
    )
    editable.click()
    page.keyboard.type("De wind ")
    page.keyboard.press("Control+B")
    page.keyboard.type("waait")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("successfully")

    release.refresh_from_db()
    assert (release.title_en, release.title_nl) == ("Windmills", "Molens")
    assert "<strong>waait</strong>" in release.body_nl
    assert release.body_en == "<p>Wind.</p>"

    page.goto(
        f"{live_server.url}/nl/" + release.get_absolute_url().removeprefix("/en/")
    )
    expect(page.locator("h1")).to_have_text("Molens")
    expect(page.locator("main strong", has_text="waait")).to_be_visible()
    expect(page.get_by_text(MISSING_NOTICES["nl"])).to_have_count(0)
    page.goto(f"{live_server.url}{release.get_absolute_url()}")
    expect(page.locator("h1")).to_have_text("Windmills")
    assert page.console_errors == []
