"""Reading HTML pages: is this an article, what is its canonical URL, does it continue
on a next page, and how the pages of a split article become one document.

Pure functions of Scrapy responses / HTML strings, shared by the spider and by
``pantau reextract`` (which rebuilds responses from the WARC archive).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import lxml.html
from scrapy.http import TextResponse

from crawler.urls import url_key

_ARTICLE_TYPES = re.compile(
    r'"@type"\s*:\s*"(NewsArticle|Article|BlogPosting|ReportageNewsArticle)"'
)
_NEXT_TEXT = re.compile(r"halaman\s+(selanjutnya|berikutnya)|selanjutnya\s*(»|›|>)", re.I)
_PAGE_PARAM = re.compile(r"[?&](page|halaman|hal)=\d+")
_BODY_XPATHS = (
    '//*[@itemprop="articleBody"]',
    '//*[contains(concat(" ", normalize-space(@class), " "), " entry-content ")]',
    '//*[contains(concat(" ", normalize-space(@class), " "), " post-body ")]',
    '//*[contains(concat(" ", normalize-space(@class), " "), " article-content ")]',
    '//*[contains(concat(" ", normalize-space(@class), " "), " detail__body-text ")]',
    "//article",
    "//main",
    "//body",
)
_LISTING_PATH = re.compile(
    r"/(category|kategori|tag|tags|label|topik|search|cari|arsip|archive|indeks|index|page|"
    r"author|penulis|feed|wp-json|feeds)(/|$)",
    re.I,
)
_ARTICLE_PATH = re.compile(r"(\w+-){2,}\w+(\.html?)?/?$|/\d{4,}(/|$)|/\d{4}/\d{2}/.+", re.I)


def canonical_url(response: TextResponse) -> str:
    """rel=canonical (else og:url) when it stays on the same site, else the URL fetched."""
    for href in (
        response.xpath('//link[@rel="canonical"]/@href').get(),
        response.xpath('//meta[@property="og:url"]/@content').get(),
    ):
        if href:
            absolute = response.urljoin(href.strip())
            if urlsplit(absolute).netloc.lower() == urlsplit(response.url).netloc.lower():
                return absolute
    return response.url


def is_article(response: TextResponse) -> bool:
    """Article pages declare themselves (og:type, article:published_time, JSON-LD);
    home, category and archive pages do not."""
    og_type = (response.xpath('//meta[@property="og:type"]/@content').get() or "").lower()
    if og_type == "article":
        return True
    if og_type:
        return False
    if response.xpath('//meta[@property="article:published_time"]'):
        return True
    scripts = " ".join(response.xpath('//script[@type="application/ld+json"]/text()').getall())
    if _ARTICLE_TYPES.search(scripts):
        return True
    return len(response.xpath("//article")) == 1 and bool(response.xpath("//article//h1|//h1"))


def looks_like_article_link(url: str) -> bool:
    """A guess from the URL alone, used to route links found on listing pages
    (WordPress short links ``/?p=123`` included)."""
    parts = urlsplit(url)
    if parts.path in ("", "/") and re.fullmatch(r"p=\d+", parts.query):
        return True
    return not _LISTING_PATH.search(parts.path) and bool(_ARTICLE_PATH.search(parts.path))


def next_part_url(response: TextResponse) -> str | None:
    """The next page of a split article ("Halaman selanjutnya", ?page=N+1), if any.

    Only links that say "next page" or carry a page number are looked at closely: an
    article page has dozens of links and this runs on every one.
    """
    here = urlsplit(url_key(response.url))
    wanted = _page_number(response.url) + 1
    for link in response.xpath("//a[@href]"):
        href = link.attrib["href"]
        is_next = _NEXT_TEXT.search(" ".join(link.xpath(".//text()").getall()))
        if not is_next and not _PAGE_PARAM.search(href):
            continue
        absolute = response.urljoin(href)
        there = urlsplit(url_key(absolute))
        if (there.netloc, there.path) != (here.netloc, here.path) or absolute == response.url:
            continue
        if is_next or _page_number(absolute) == wanted:
            return absolute
    return None


def _page_number(url: str) -> int:
    query = dict(parse_qsl(urlsplit(url).query))
    value = query.get("page") or query.get("halaman") or query.get("hal") or "1"
    return int(value) if value.isdigit() else 1


def _body(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    for xpath in _BODY_XPATHS:
        found = tree.xpath(xpath)
        if found:
            return found[0]
    return tree


def _drop_pager(body: lxml.html.HtmlElement) -> None:
    """Remove the "Halaman selanjutnya" links and the pager blocks around them."""
    for link in body.xpath(".//a"):
        if _NEXT_TEXT.search(link.text_content()) or re.fullmatch(
            r"\s*(\d+|«|»|‹|›|prev|next|sebelumnya)\s*", link.text_content(), re.I
        ):
            holder = link.getparent()
            while (
                holder is not None
                and holder is not body
                and len(holder.text_content().strip()) < 120
                and holder.getparent() is not body
            ):
                holder = holder.getparent()
            target = holder if holder is not None and holder is not body else link
            target.drop_tree()


def join_parts(parts: list[str]) -> str:
    """One HTML document: page 1 with the article body of pages 2..n appended to its body.

    Extraction then sees one article, as a reader who clicked through would.
    """
    if len(parts) == 1:
        return parts[0]
    first = lxml.html.document_fromstring(parts[0])
    target = _body(first)
    _drop_pager(target)
    for html in parts[1:]:
        body = _body(lxml.html.document_fromstring(html))
        _drop_pager(body)
        for child in list(body):
            if child.tag in ("h1", "header", "nav", "script", "style", "aside", "footer"):
                continue
            target.append(child)
    return lxml.html.tostring(first, encoding="unicode")


def visible_text(html: str) -> str:
    """Text a reader sees (no scripts, styles or tags)."""
    return _text(lxml.html.document_fromstring(html))


def body_text(html: str) -> str:
    """Title and article body text, without menus and sidebars (when the page marks its
    body up): what the cheap keyword check runs on."""
    tree = lxml.html.document_fromstring(html)
    title = " ".join(tree.xpath("//title//text()|//h1//text()"))
    return f"{title}\n{_text(_body(tree))}"


def _text(tree: lxml.html.HtmlElement) -> str:
    for node in tree.xpath(".//script|.//style|.//noscript|.//nav|.//aside"):
        node.drop_tree()
    return tree.text_content()
