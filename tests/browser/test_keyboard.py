"""Keyboard only: Tab from the top of a page reaches everything, in reading order,
and always shows where the focus is."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What a reader can Tab to, in document order: the yardstick for the Tab order.
FOCUSABLE = """() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]'
  )].filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length)
    .map(el => el.outerHTML.slice(0, 120))"""

ACTIVE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const box = el.getBoundingClientRect();
  return {html: el.outerHTML.slice(0, 120), ring,
          onScreen: box.width > 0 && box.height > 0 && box.bottom > 0
                    && box.top < innerHeight && box.left < innerWidth && box.right > 0};
}"""


def _tab_through(page) -> list[dict]:
    page.locator("body").focus()
    visited = []
    for _ in range(300):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if visited and active["html"] == visited[0]["html"]:
            break
        if active["html"].startswith("<body"):
            break
        visited.append(active)
    return visited


@pytest.mark.parametrize(
    "path", ["/en/", "/nl/", "/en/partnerships/", "/en/search/?q=shenzhen"]
)
def test_tab_reaches_every_link_and_control_in_reading_order(
    live_server, page, demo_content, path
):
    page.goto(live_server.url + path)

    visited = _tab_through(page)

    assert visited[0]["html"].startswith('<a class="skip-link"')
    assert [stop["html"] for stop in visited] == page.evaluate(FOCUSABLE)
    assert [stop["html"] for stop in visited if not stop["ring"]] == []
    assert [stop["html"] for stop in visited if not stop["onScreen"]] == []


def test_the_skip_link_moves_focus_to_the_main_content(live_server, page, demo_content):
    page.goto(live_server.url)
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    # The next Tab continues inside the content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
