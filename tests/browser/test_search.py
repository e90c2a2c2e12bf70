import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_searches_from_the_header_and_opens_a_result(
    live_server, page, demo_content
):
    page.goto(live_server.url + "/en/partnerships/")

    search = page.get_by_role("search", name="Site search", exact=True)
    search.get_by_role("searchbox", name="Search the site").fill("Shenzhen")
    search.get_by_role("searchbox").press("Enter")

    expect(page.locator("h1")).to_have_text("Search results")
    expect(page.get_by_role("status")).to_contain_text("for “Shenzhen”")
    expect(page.locator("mark").first).to_have_text("Shenzhen")
    page.get_by_role("link", name="Press releases (1)").click()
    expect(page.locator(".search-hit")).to_have_count(1)
    page.locator(".search-hit__title a").click()
    expect(page.locator("h1")).to_have_text(
        "Almere opens doors in Shenzhen for local entrepreneurs"
    )
    assert page.console_errors == []


@pytest.mark.parametrize("width", [320, 375])
def test_the_header_search_box_fits_a_small_phone(live_server, page, width):
    page.set_viewport_size({"width": width, "height": 700})
    page.goto(live_server.url + "/en/search/?q=" + "long+words+" * 10)

    box = page.get_by_role("search", name="Site search", exact=True).get_by_role(
        "searchbox"
    )
    expect(box).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
