"""Every public page type as readers meet it, in Chromium: WCAG 2.1 AA by axe-core,
no console errors, no sideways scrolling on a small phone, images sized and described.
"""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.site_pages import PAGE_TYPES, build_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE_WIDTHS = (320, 375)


@pytest.fixture
def site(settings):
    settings.ROOT_URLCONF = "tests.urls"
    return build_site()


def _violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + json.dumps([node["target"] for node in v["nodes"]])
        for v in results.response["violations"]
    ]


def _images_without_size_or_alt(page) -> list[str]:
    return page.evaluate(
        """() => [...document.images]
            .filter(img => !img.hasAttribute('alt') || !img.getAttribute('width')
                           || !img.getAttribute('height'))
            .map(img => img.outerHTML)"""
    )


# Dutch words run longer: the page types with the most interface text, in Dutch.
IN_DUTCH = [
    "home",
    "city profile",
    "press releases filtered",
    "press release with image and attachments",
    "partnership",
    "search results",
    "not found",
]


@pytest.mark.parametrize(
    ("page_type", "language"),
    [(page_type, "en") for page_type in PAGE_TYPES]
    + [(page_type, "nl") for page_type in IN_DUTCH],
)
def test_every_page_type_meets_wcag_aa(live_server, page, site, page_type, language):
    path = f"/{language}/" + site[page_type].removeprefix("/en/")
    response = page.goto(live_server.url + path)
    assert response.status == (404 if page_type == "not found" else 200)

    assert _violations(page) == []
    assert _images_without_size_or_alt(page) == []
    # Lean: nothing from elsewhere, no scripts, one small stylesheet.
    resources = page.evaluate(
        """() => performance.getEntriesByType('resource').map(r => ({
            url: r.name, type: r.initiatorType, size: r.decodedBodySize}))"""
    )
    assert [
        r["url"] for r in resources if not r["url"].startswith(live_server.url)
    ] == []
    assert [r["url"] for r in resources if r["type"] == "script"] == []
    css = [r["size"] for r in resources if r["url"].endswith(".css")]
    assert len(css) == 1
    assert 0 < css[0] < 24_000
    # Images further down than a screen or two wait until the reader gets there.
    eager_below_fold = page.evaluate(
        """() => [...document.images].filter(img =>
            img.getBoundingClientRect().top > 2 * innerHeight && img.loading !== 'lazy'
        ).map(img => img.outerHTML)"""
    )
    assert eager_below_fold == []
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    broken = page.evaluate(
        "() => [...document.images].filter(i => !i.complete || !i.naturalWidth)"
        ".map(i => i.src)"
    )
    assert broken == []
    for width in PHONE_WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert _violations(page) == [], f"at {width} px"
    errors = page.console_errors
    if page_type == "not found":
        # Chromium logs the page's own 404; missing images are caught above.
        errors = [error for error in errors if "status of 404" not in error]
    assert errors == []
