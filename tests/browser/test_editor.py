import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from cityprofile.models import CityProfile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_contain_text("Almere CMS")


def test_staff_edits_the_city_introduction_in_the_editor(live_server, page, editor):
    CityProfile.objects.create(introduction="<p>The old introduction.</p>")
    log_in(page, live_server, editor.username, "a-long-test-password")

    page.get_by_role("link", name="City profiles").click()
    editable = page.frame_locator(
        ".field-introduction_en iframe.cke_wysiwyg_frame"
    ).locator("body")
    expect(editable).to_contain_text("The old introduction.")
    editable.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Almere grows greener every year. ")
    page.keyboard.press("Control+B")
    page.keyboard.type("Since 1976.")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(f"{live_server.url}/city/")
    introduction = page.locator("main .rich-text").first
    expect(introduction).to_contain_text("Almere grows greener every year.")
    expect(introduction.locator("strong")).to_have_text("Since 1976.")
    assert page.console_errors == []
    profile = CityProfile.objects.get()
    assert "<strong>Since 1976.</strong>" in profile.introduction


def choose_in_image_dialog(page, live_server, editor, file):
    """Open the city introduction's image dialog and pick a file to upload."""
    CityProfile.objects.create(introduction="<p>Almere.</p>")
    log_in(page, live_server, editor.username, "a-long-test-password")
    page.goto(f"{live_server.url}/admin/cityprofile/cityprofile/")
    page.locator(".field-introduction_en .cke_button__image").click()
    dialog = page.locator(".cke_dialog")
    dialog.get_by_role("tab", name="Upload").click()
    upload_frame = page.frame_locator(".cke_dialog iframe.cke_dialog_ui_input_file")
    upload_frame.locator("input[type=file]").set_input_files(file)
    return dialog


def test_staff_uploads_an_image_through_the_editor(live_server, page, editor, tmp_path):
    image = tmp_path / "harbour.png"
    Image.new("RGB", (60, 30), "teal").save(image)
    dialog = choose_in_image_dialog(page, live_server, editor, image)
    dialog.get_by_role("button", name="Send it to the Server").click()
    src = dialog.locator("input.cke_dialog_ui_input_text").first
    expect(src).to_have_value(re.compile(r"/media/uploads/.*harbour.*\.png$"))
    assert page.console_errors == []


def test_the_editor_says_why_an_image_is_refused(live_server, page, editor, tmp_path):
    drawing = tmp_path / "drawing.png"
    drawing.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>')
    dialog = choose_in_image_dialog(page, live_server, editor, drawing)
    with page.expect_event("dialog") as alert:
        dialog.get_by_role("button", name="Send it to the Server").click()
    assert alert.value.message == "This file is not a JPEG, PNG, GIF or WebP image."
    alert.value.accept()
    assert page.console_errors == []
