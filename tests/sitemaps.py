"""Reading the sitemap as a crawler does: the index, then every sitemap it names."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

NAMESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _entries(client, address: str, root: str, tag: str) -> dict[str, str | None]:
    """Address (path and query, on this site): lastmod, of each entry."""
    response = client.get(address)
    assert response.status_code == 200, address
    assert response["Content-Type"] == "application/xml"
    document = ET.fromstring(response.content)
    assert document.tag == f"{NAMESPACE}{root}"
    entries = {}
    for entry in document.iter(f"{NAMESPACE}{tag}"):
        url = urlsplit(entry.findtext(f"{NAMESPACE}loc"))
        assert (url.scheme, url.netloc) == ("http", "testserver"), url
        address = f"{url.path}?{url.query}" if url.query else url.path
        assert address not in entries, f"{address} is listed twice"
        entries[address] = entry.findtext(f"{NAMESPACE}lastmod")
    return entries


def sitemap_index(client) -> dict[str, str | None]:
    """Each sitemap /sitemap.xml names: its lastmod."""
    return _entries(client, "/sitemap.xml", "sitemapindex", "sitemap")


def sitemap(client) -> dict[str, str | None]:
    """Every page the sitemaps list, by path: its lastmod, a date."""
    pages = {}
    for address in sitemap_index(client):
        listed = _entries(client, address, "urlset", "url")
        assert not pages.keys() & listed.keys(), "a page is listed twice"
        pages |= listed
    return pages
