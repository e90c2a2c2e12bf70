"""Finding markup that could run in a reader's browser or feed reader.

:func:`page_findings` and :func:`feed_findings` list what an output holds that
could run: elements such as ``<script>`` (but JSON-LD data blocks, which are
listed apart), event-handler and ``style`` attributes, and addresses with a
scheme other than http, https, mailto or tel. A page's own markup (the search
form, JSON-LD, charts drawn in SVG) is listed too, so a test compares an output
with what the same output held before the content changed: anything more came
from the content.

The parser is Python's ``html.parser``; it tokenises as HTML5 does where it
matters here (tag and attribute names, quoting, entities), and it errs towards
finding too much: it reads markup inside ``<title>`` and ``<textarea>``, which
browsers take as text.
"""

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
UNSAFE_ELEMENTS = frozenset(
    {
        "applet",
        "audio",
        "base",
        "bgsound",
        "button",
        "embed",
        "form",
        "frame",
        "frameset",
        "iframe",
        "input",
        "isindex",
        "link",
        "math",
        "noembed",
        "noscript",
        "object",
        "plaintext",
        "portal",
        "script",
        "select",
        "style",
        "svg",
        "template",
        "textarea",
        "video",
        "xmp",
    }
)
URL_ATTRIBUTES = frozenset(
    {
        "action",
        "background",
        "cite",
        "codebase",
        "data",
        "dynsrc",
        "formaction",
        "href",
        "icon",
        "longdesc",
        "lowsrc",
        "manifest",
        "ping",
        "poster",
        "src",
        "xlink:href",
    }
)
JSON_LD = "application/ld+json"
# Browsers drop these from an address before reading its scheme (and tabs and
# line breaks anywhere); dropping them all errs towards finding too much.
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f-\x9f]")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


def url_scheme(url: str) -> str | None:
    """The scheme a browser would read in an attribute's (decoded) value."""
    match = _SCHEME.match(_IGNORED_IN_URLS.sub("", url))
    return match.group(1).lower() if match else None


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[str] = Counter()
        self.json_ld: list[str] = []
        self._json_ld: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = [(name, value or "") for name, value in attrs]
        if tag == "script" and dict(attributes).get("type") == JSON_LD:
            self.found[f"<script type={JSON_LD}>"] += 1
            self._json_ld = []
        elif tag in UNSAFE_ELEMENTS:
            self.found[f"<{tag}>"] += 1
        for name, value in attributes:
            if name.startswith("on"):
                self.found[f"<{tag} {name}>"] += 1
            elif name in ("style", "srcdoc", "srcset", "formaction"):
                self.found[f"<{tag} {name}>"] += 1
            elif name == "http-equiv":
                self.found[f"<{tag} http-equiv={value.lower()}>"] += 1
            elif name in URL_ATTRIBUTES or name.endswith(":href"):
                scheme = url_scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    self.found[f"<{tag} {name}={scheme}:…>"] += 1

    def handle_data(self, data: str) -> None:
        if self._json_ld is not None:
            self._json_ld.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._json_ld is not None:
            self.json_ld.append("".join(self._json_ld))
            self._json_ld = None

    def handle_comment(self, data: str) -> None:
        self.found["<!-- comment -->"] += 1

    def handle_pi(self, data: str) -> None:
        self.found["<?processing instruction>"] += 1

    def unknown_decl(self, data: str) -> None:
        self.found[f"<![{data.split('[')[0]}[…]]>"] += 1

    def handle_decl(self, decl: str) -> None:
        if decl.lower() != "doctype html":
            self.found[f"<!{decl}>"] += 1


def html_findings(html: str) -> tuple[Counter[str], list[str]]:
    """What in a piece of HTML could run, and the text of its JSON-LD blocks."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    found = finder.found
    for block in finder.json_ld:
        # A "<" could close the data block early; the block must be data only.
        if "<" in block:
            found["“<” in JSON-LD"] += 1
        try:
            json.loads(block)
        except ValueError:
            found["JSON-LD that is not JSON"] += 1
    return found, finder.json_ld


def page_findings(html: str) -> Counter[str]:
    return html_findings(html)[0]


RSS_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
ATOM = "{http://www.w3.org/2005/Atom}"


def feed_html(xml: bytes) -> list[tuple[str, str]]:
    """Each piece of HTML a feed reader would render, named by its element.

    Titles and categories are text in both formats (Atom says so with its
    default ``type="text"``), so they are left out; RSS's descriptions and
    ``content:encoded``, and Atom's ``type="html"`` elements, are HTML.
    """
    root = ET.fromstring(xml)
    parts = []
    for item in root.iterfind("./channel/item"):
        for tag, name in (("description", "description"), (RSS_CONTENT, "content")):
            if (element := item.find(tag)) is not None:
                parts.append((f"item {name}", element.text or ""))
    for entry in root.iterfind(f"{ATOM}entry"):
        for element in entry:
            if element.get("type") in ("html", "xhtml"):
                tag = element.tag.removeprefix(ATOM)
                parts.append((f"entry {tag}", element.text or ""))
    return parts


def feed_findings(xml: bytes) -> Counter[str]:
    found: Counter[str] = Counter()
    for where, html in feed_html(xml):
        for finding, count in page_findings(html).items():
            found[f"{where}: {finding}"] += count
    return found
