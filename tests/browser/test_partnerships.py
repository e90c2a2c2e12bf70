import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_follows_a_map_mark_to_a_partnership_and_on_to_its_news(
    live_server, page, demo_content
):
    loaded = []
    page.on(
        "response",
        lambda response: (
            loaded.append(response.status)
            if response.url.endswith("/world.svg")
            else None
        ),
    )
    page.goto(live_server.url + "/en/partnerships/")
    world_map = page.locator("svg.world-map__svg")
    expect(world_map).to_be_visible()
    expect(world_map.locator("a.map-mark")).to_have_count(3)  # Almere and two
    assert loaded == [200]  # the land behind the marks, from this site

    world_map.locator("a.map-mark", has_text="Shenzhen").click()
    expect(page).to_have_url(live_server.url + "/en/partnerships/shenzhen/")
    expect(page.locator("h1")).to_have_text("Shenzhen")
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("14–21 November 2014")

    timeline.get_by_role(
        "link", name="Almere opens doors in Shenzhen for local entrepreneurs"
    ).click()
    expect(page.locator("h1")).to_have_text(
        "Almere opens doors in Shenzhen for local entrepreneurs"
    )
    page.get_by_role("link", name="Shenzhen", exact=True).click()
    expect(page).to_have_url(live_server.url + "/en/partnerships/shenzhen/")
    assert page.console_errors == []


# What the focused element shows: a mark carries one label for wide screens and
# one for phones, and shows one of them.
VISIBLE_TEXT = """
[...document.activeElement.querySelectorAll("text")]
  .filter(label => getComputedStyle(label).display !== "none")
  .map(label => label.textContent)
  .join("") || document.activeElement.textContent.trim()
"""


def test_map_marks_are_reachable_by_keyboard(live_server, page, demo_content):
    page.goto(live_server.url + "/en/partnerships/")
    focused = []
    for _ in range(30):
        page.keyboard.press("Tab")
        focused.append(page.evaluate(VISIBLE_TEXT))
        if focused[-1] == "Toronto":
            break
    # After the skip link and the header's links, the map's marks in order.
    assert focused[-3:] == ["Almere", "Shenzhen", "Toronto"]
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Toronto")


def test_the_map_labels_are_drawn_larger_on_a_phone(live_server, page, demo_content):
    sizes = {}
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(live_server.url + "/en/partnerships/")
        label = page.locator("a.map-mark", has_text="Toronto").locator("text:visible")
        sizes[width] = label.bounding_box()["height"]
    # The map shrinks to a quarter; its labels keep more than half their height.
    assert sizes[320] > sizes[1280] / 2
