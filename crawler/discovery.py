"""Where a site lists its articles: feeds, sitemaps and the WordPress REST API.

Each function reads one kind of response and returns article links with the date the
site gives for them (so ``--since`` can skip old ones without fetching them) and the
next page of the listing, if any. Sitemaps are left to Scrapy's own SitemapSpider.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from io import BytesIO
from typing import Any

import lxml.etree
from scrapy.http import Response, TextResponse

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
WP_API_REL = "https://api.w.org/"


@dataclass(frozen=True)
class Entry:
    """One article link found in a listing, with the date the listing gives for it."""

    url: str
    when: date | None = None


def parse_when(text: str | None) -> date | None:
    """ISO 8601 (sitemaps, Atom, WP API) or RFC 822 (RSS) date; None if unreadable."""
    if not text:
        return None
    text = text.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def feed_links(response: TextResponse) -> list[str]:
    """Feeds a page announces with <link rel="alternate" type="application/rss+xml">."""
    hrefs = []
    for link in response.xpath('//link[contains(@rel, "alternate")][@href]'):
        if (link.attrib.get("type") or "").lower() in FEED_TYPES:
            hrefs.append(response.urljoin(link.attrib["href"]))
    return hrefs


def wp_api_root(response: TextResponse) -> str | None:
    """The WordPress REST API root a WordPress page announces, if any."""
    href = response.xpath(f'//link[@rel="{WP_API_REL}"]/@href').get()
    return response.urljoin(href) if href else None


def generator(response: TextResponse) -> str:
    """The CMS a page says it was made with (meta generator), lower-cased."""
    return (response.xpath('//meta[@name="generator"]/@content').get() or "").lower()


def _xml(response: Response) -> lxml.etree._Element | None:
    try:
        return lxml.etree.fromstring(
            response.body, parser=lxml.etree.XMLParser(recover=True, resolve_entities=False)
        )
    except lxml.etree.XMLSyntaxError:
        return None


def _local(tag: Any) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def feed_entries(response: Response) -> tuple[list[Entry], str | None]:
    """Article links of an RSS or Atom feed page, and its rel="next" page (Blogger)."""
    root = _xml(response)
    if root is None:
        return [], None
    entries: list[Entry] = []
    next_url = None
    for node in root.iter():
        name = _local(node.tag)
        if name == "item":
            fields = {_local(c.tag): (c.text or "").strip() for c in node}
            if fields.get("link"):
                when = parse_when(fields.get("pubDate") or fields.get("date"))
                entries.append(Entry(response.urljoin(fields["link"]), when))
        elif name == "entry":
            href = None
            when = None
            for child in node:
                child_name = _local(child.tag)
                if child_name == "link" and child.get("rel", "alternate") == "alternate":
                    href = child.get("href")
                elif child_name in ("published", "updated") and when is None:
                    when = parse_when(child.text)
            if href:
                entries.append(Entry(response.urljoin(href), when))
        elif name == "link" and node.get("rel") == "next" and node.get("href"):
            parent = node.getparent()
            if parent is not None and _local(parent.tag) in ("feed", "channel"):
                next_url = response.urljoin(node.get("href"))
    return entries, next_url


def wp_posts(response: TextResponse) -> tuple[list[Entry], int]:
    """Posts of one WP REST API page (``link`` and ``date``) and X-WP-TotalPages."""
    try:
        posts = json.loads(response.text)
    except ValueError:
        return [], 0
    if not isinstance(posts, list):
        return [], 0
    entries = [
        Entry(p["link"], parse_when(p.get("date_gmt") or p.get("date")))
        for p in posts
        if isinstance(p, dict) and isinstance(p.get("link"), str)
    ]
    total = response.headers.get(b"X-WP-TotalPages", b"1").decode("ascii", "replace")
    return entries, int(total) if total.isdigit() else 1


def sitemap_problem(body: bytes | None) -> str | None:
    """Why a sitemap cannot be read whole, or None. A broken one is still read as far as it
    goes (Scrapy's recovering parser); this says so for crawl_errors. ``body`` is what
    SitemapSpider found (None: not a sitemap). The XML is streamed: a sitemap may be 50 MB."""
    if body is None:
        return "not a sitemap"
    try:
        for _ in lxml.etree.iterparse(BytesIO(body), events=("end",), resolve_entities=False):
            pass
    except lxml.etree.XMLSyntaxError as error:
        return f"broken sitemap XML: {str(error).splitlines()[0]}"
    return None
