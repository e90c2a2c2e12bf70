from html.parser import HTMLParser

from django.db import connection
from django.urls import reverse


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


class _Results(HTMLParser):
    """Titles of the hits on a results page, grouped by section heading."""

    def __init__(self):
        super().__init__()
        self.titles: list[str] = []
        self.snippets: list[str] = []
        self._in_title = self._in_snippet = False
        self._snippet = ""

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class", "") or ""
        if "search-hit__title" in classes:
            self._in_title = True
            self.titles.append("")
        if "search-hit__snippet" in classes:
            self._in_snippet = True
            self._snippet = ""
        if self._in_snippet and tag == "mark":
            self._snippet += "<mark>"

    def handle_endtag(self, tag):
        if tag == "h3":
            self._in_title = False
        if self._in_snippet and tag == "mark":
            self._snippet += "</mark>"
        if self._in_snippet and tag == "p":
            self._in_snippet = False
            self.snippets.append(self._snippet)

    def handle_data(self, data):
        if self._in_title:
            self.titles[-1] += data
        if self._in_snippet:
            self._snippet += data


def results(response) -> _Results:
    parser = _Results()
    parser.feed(response.content.decode())
    return parser


def titles(client, q: str, **params) -> list[str]:
    response = client.get(reverse("search:results"), {"q": q, **params})
    assert response.status_code == 200
    return results(response).titles
