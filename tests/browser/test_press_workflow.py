"""The press workflow as staff live it: an Editor drafts, a Publisher publishes.

Everything happens in the real admin, in a real browser; readers then find the
release on the public site with the formatting the Editor typed.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from pressroom.models import PressRelease
from tests.conftest import STAFF_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Almere opens a new harbour in the Weerwater"
SLUG = "almere-opens-a-new-harbour-in-the-weerwater"
LEAD = "The harbour gives sailors and rowers a place to moor in the city centre."
LINK_URL = "https://www.almere.nl/weerwater"


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}{reverse('admin:login')}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_contain_text("Almere CMS")


def log_out(page, live_server) -> None:
    page.goto(f"{live_server.url}{reverse('admin:index')}")
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Logged out")).to_be_visible()


def write_body(page) -> None:
    """Type the body: one part bold (Ctrl+B), one part a link (the Link dialog)."""
    editable = page.frame_locator(".field-body_en iframe.cke_wysiwyg_frame").locator(
        "body"
    )
    editable.click()
    page.keyboard.type("The harbour opens on ")
    page.keyboard.press("Control+B")
    page.keyboard.type("Saturday 4 July")
    page.keyboard.press("Control+B")
    page.keyboard.type(". Read ")
    link_text = "the plans"
    page.keyboard.type(link_text)
    for _ in link_text:
        page.keyboard.press("Shift+ArrowLeft")
    page.locator(".field-body_en a.cke_button__link").click()
    dialog = page.locator(".cke_dialog")
    url_field = dialog.get_by_role("textbox", name="URL", exact=True)
    expect(url_field).to_be_visible()
    url_field.fill(LINK_URL)
    dialog.get_by_role("button", name="OK", exact=True).click()
    expect(dialog).to_be_hidden()
    page.keyboard.press("End")
    page.keyboard.type(".")
    expect(editable.locator("strong")).to_have_text("Saturday 4 July")
    expect(editable.get_by_role("link", name=link_text, exact=True)).to_be_visible()


def test_editor_drafts_a_release_and_publisher_publishes_it(
    live_server, page, editor, publisher
):
    admin_changelist = (
        f"{live_server.url}{reverse('admin:pressroom_pressrelease_changelist')}"
    )

    # An Editor writes the release in the admin.
    log_in(page, live_server, editor.username)
    page.goto(f"{live_server.url}{reverse('admin:pressroom_pressrelease_add')}")
    page.get_by_label("Title [en]:").press_sequentially(TITLE)
    expect(page.get_by_label("Slug:")).to_have_value(SLUG)
    page.get_by_label("Lead [en]:").fill(LEAD)
    write_body(page)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # It is a draft, and nothing in the admin lets the Editor publish it.
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row.locator(".field-state_label")).to_have_text("Draft")
    expect(
        page.locator("select[name=action] option", has_text="Publish")
    ).to_have_count(0)
    release = PressRelease.objects.get(slug=SLUG)
    assert release.status == PressRelease.Status.DRAFT
    assert release.created_by == editor
    row.get_by_role("link", name=TITLE, exact=True).click()
    expect(page.get_by_label("Title [en]:")).to_have_value(TITLE)
    expect(page.locator("select[name=status]")).to_have_count(0)
    expect(page.locator(".field-status .readonly")).to_have_text("Draft")

    # Readers cannot see a draft, even with the Editor's session.
    page.goto(f"{live_server.url}/press/")
    expect(page.get_by_role("heading", name="Press releases", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=TITLE, exact=True)).to_have_count(0)
    page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=TITLE, exact=True)).to_have_count(0)
    log_out(page, live_server)

    # A Publisher publishes it with the changelist's action.
    log_in(page, live_server, publisher.username)
    page.goto(admin_changelist)
    row = page.get_by_role("row").filter(has_text=TITLE)
    row.get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(label="Publish now")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Published 1 press release(s)."
    )
    expect(row.locator(".field-state_label")).to_have_text("Published")
    log_out(page, live_server)

    # Readers find it on the home page and in the press room.
    page.goto(live_server.url)
    latest = page.get_by_role("region", name="Latest news")
    expect(latest.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    page.goto(f"{live_server.url}/press/")
    page.get_by_role("link", name=TITLE, exact=True).click()

    # The detail page keeps the Editor's bold text and link intact.
    expect(page).to_have_url(re.compile(rf"/en/press/\d{{4}}/\d{{2}}/{SLUG}/$"))
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    body = page.locator("article .rich-text")
    expect(body).to_contain_text(
        "The harbour opens on Saturday 4 July. Read the plans."
    )
    expect(body.locator("strong")).to_have_text("Saturday 4 July")
    link = body.get_by_role("link", name="the plans", exact=True)
    expect(link).to_have_attribute("href", LINK_URL)
    assert page.console_errors == []
