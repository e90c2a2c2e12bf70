import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_goes_from_the_home_page_to_the_city_profile(
    live_server, page, demo_content
):
    page.goto(live_server.url)
    expect(page.locator("h1")).to_have_text("Almere")
    expect(page.locator(".figures")).to_contain_text("197,000")

    nav_city = page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="City", exact=True
    )
    nav_city.click()
    expect(page.locator("h1")).to_have_text("About Almere")
    expect(page.locator("svg.chart")).to_be_visible()
    expect(page.get_by_role("table").nth(1)).to_contain_text("215,995")
    expect(nav_city).to_have_attribute("aria-current", "page")
    # The strict Content-Security-Policy blocks nothing the public pages use.
    assert page.console_errors == []


@pytest.mark.parametrize("width", [320, 375])
def test_public_pages_fit_a_small_phone_without_sideways_scrolling(
    live_server, page, demo_content, width
):
    page.set_viewport_size({"width": width, "height": 700})
    for path in (
        "/en/",
        "/en/city/",
        "/en/partnerships/",
        "/en/partnerships/shenzhen/",
        "/en/search/?q=shenzhen",
    ):
        page.goto(live_server.url + path)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, path


def test_breadcrumbs_wrap_on_a_small_phone(live_server, page):
    from tests.pressroom.factories import at, release

    # A Dutch compound wider than the phone, well within the trail's 60 characters.
    item = release(
        title="Almere signs its Samenwerkingsovereenkomstondertekeningsceremonie",
        published_at=at(2014, 11, 14),
    )
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(live_server.url + item.get_absolute_url())
    trail = page.get_by_role("navigation", name="Breadcrumb")
    expect(trail.get_by_role("link")).to_have_count(4)
    expect(trail.locator('[aria-current="page"]')).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.console_errors == []
