"""Every public page type, in both languages, is valid HTML by the Nu HTML checker
(vnu.jar, in Java)."""

import pytest

from tests.html_checker import html_problems
from tests.site_pages import PAGE_TYPES, build_site

pytestmark = pytest.mark.django_db


def test_every_page_type_is_valid_html(client, tmp_path, settings):
    settings.ROOT_URLCONF = "tests.urls"
    site = build_site()
    pages = {}
    for page_type in PAGE_TYPES:
        for language in ("en", "nl"):
            path = f"/{language}/" + site[page_type].removeprefix("/en/")
            response = client.get(path)
            assert response.status_code == (404 if page_type == "not found" else 200)
            pages[f"{page_type} ({language})"] = response.content

    # The seed content is in English only, and the checker guesses a page's
    # language from its text: on a Dutch page that is mostly content it guesses
    # English. Content translation marks untranslated text with its own lang.
    problems = [
        problem
        for problem in html_problems(pages, tmp_path)
        if not ("(nl)" in problem and "appears to be written in English" in problem)
    ]
    assert problems == []
