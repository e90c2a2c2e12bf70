import pytest

from tests.site_pages import build_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(settings):
    settings.ROOT_URLCONF = "tests.urls"
    return build_site()


SHOWN = """selector => [...document.querySelectorAll(selector)]
    .some(el => el.getClientRects().length)"""


def test_a_press_release_prints_without_the_site_around_it(live_server, page, site):
    page.goto(live_server.url + site["press release with image and attachments"])
    page.emulate_media(media="print")

    for chrome in [".site-header", ".site-footer", ".breadcrumbs", ".prev-next"]:
        assert not page.evaluate(SHOWN, chrome), chrome
    for content in ["h1", ".lead", ".rich-text", ".hero img", ".attachments"]:
        assert page.evaluate(SHOWN, content), content
    # Links in the text say where they lead.
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.rich-text a'), '::after').content"
    )
    assert after == '" (https://example.org/)"'
    assert page.pdf()[:4] == b"%PDF"


def test_nothing_moves_for_readers_who_ask_for_reduced_motion(live_server, page, site):
    page.emulate_media(reduced_motion="reduce")
    for path in [site["home"], site["partnerships"], site["city profile"]]:
        page.goto(live_server.url + path)
        assert page.evaluate("document.getAnimations().length") == 0
        assert (
            page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
            == "auto"
        )
