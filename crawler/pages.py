"""Reading HTML pages: is this an article, what is its canonical URL, does it continue
on a next page, and how the pages of a split article become one document.

Pure functions of Scrapy responses / HTML strings, shared by the spider and by
``pantau reextract`` (which rebuilds responses from the WARC archive). A response is
read through the tree Scrapy parsed for it (``response.selector.root``, which its link
extraction reads too), never parsed again and never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree
from scrapy.http import TextResponse

from crawler.urls import host, url_key
from extract.dates import find_dates
from extract.layout_tables import flatten_layout_tables

MIN_TEXT = 150  # characters of running text an article's main block has at least
_ARTICLE_TYPES = re.compile(
    r'"@type"\s*:\s*"(NewsArticle|Article|BlogPosting|ReportageNewsArticle)"'
)
_MICRODATA_TYPES = re.compile(r"schema\.org/(NewsArticle|Article|BlogPosting)\b")
_NEXT_TEXT = re.compile(r"halaman\s+(selanjutnya|berikutnya)|selanjutnya\s*(»|›|>)", re.I)
_PAGER_LINK = re.compile(r"\s*(\d+|«|»|‹|›|prev|next|sebelumnya)\s*", re.I)
_PAGE_KEYS = ("page", "halaman", "hal")
_PAGE_PARAM = re.compile(r"[?&](page|halaman|hal)=\d+")
_HEADINGS = ("h1", "h2", "h3", "h4")
_BLOCK_TAGS = ("div", "td", "article", "section", "main", "font", "span", "body")
_CHROME_TAGS = ("nav", "aside", "header", "footer", "form")
_SKIPPED_IN_PARTS = ("h1", "header", "nav", "script", "style", "aside", "footer")
_LISTING_PATH = re.compile(
    r"/(category|kategori|tag|tags|label|topik|search|cari|arsip|archive|indeks|index|page|"
    r"author|penulis|feed|wp-json|feeds)(/|$)",
    re.I,
)
_ARTICLE_PATH = re.compile(r"(\w+-){2,}\w+(\.html?)?/?$|/\d{4,}(/|$)|/\d{4}/\d{2}/.+", re.I)
_HIDDEN_TAGS = ("script", "style", "noscript", "nav", "aside")


def _xpath(query: str) -> etree.XPath:
    """A compiled query returning plain strings: parsel's ``response.xpath`` wraps every
    node it finds in a Selector, and these run on every page that declares nothing."""
    return etree.XPath(query, smart_strings=False)


_LD_JSON = _xpath('//script[@type="application/ld+json"]/text()')
_ITEMTYPES = _xpath("//@itemtype")
_TITLE_TEXT = _xpath("//title//text()")


@dataclass(frozen=True)
class _Declared:
    """What the verdict and the canonical URL read from <meta> and <link>."""

    robots: tuple[str, ...]  # every <meta name="robots"> content
    og_type: str | None
    published: bool  # has <meta property="article:published_time">
    canonical: str | None  # the first <link rel="canonical"> href
    og_url: str | None


@lru_cache(maxsize=1)  # the verdict and the canonical URL of a page are asked in a row
def _declarations(root: lxml.html.HtmlElement) -> _Declared:
    """What a page's <meta> and <link> elements declare, in one pass over them (a query
    per value costs three times as much); where a page repeats one, the first counts."""
    robots: list[str] = []
    og_type = canonical = og_url = None
    published = False
    for element in root.iter("meta", "link"):
        if element.tag == "link":
            if canonical is None and element.get("rel") == "canonical":
                canonical = element.get("href")
            continue
        content = element.get("content")
        if element.get("name") == "robots" and content is not None:
            robots.append(content)
        prop = element.get("property")
        if prop == "og:type" and og_type is None:
            og_type = content
        elif prop == "og:url" and og_url is None:
            og_url = content
        elif prop == "article:published_time":
            published = True
    return _Declared(tuple(robots), og_type, published, canonical, og_url)


def canonical_url(response: TextResponse) -> str:
    """rel=canonical (else og:url) when it stays on the same site, else the URL fetched."""
    declared = _declarations(response.selector.root)
    for href in (declared.canonical, declared.og_url):
        if href:
            absolute = response.urljoin(href.strip())
            if host(absolute) == host(response.url):
                return absolute
    return response.url


def article_verdict(response: TextResponse) -> str | None:
    """None for an article page, else why it is not one (recorded in seen_urls).

    Pages that declare themselves (og:type, article:published_time, JSON-LD, schema.org
    microdata) are believed. The others are judged by what every article page has, in
    any template: a headline that is not a link to another page (a listing's headlines
    are), a main block of running text of real length, and a date somewhere.
    """
    root = response.selector.root  # the tree Scrapy parsed, read and never changed
    declared = _declarations(root)
    if "noindex" in " ".join(declared.robots).lower():
        return "noindex"
    og_type = (declared.og_type or "").lower()
    if og_type == "article" or declared.published:
        return None
    if og_type:
        return f"og:type {og_type}"
    scripts = " ".join(_LD_JSON(root))
    if _ARTICLE_TYPES.search(scripts) or _MICRODATA_TYPES.search(" ".join(_ITEMTYPES(root))):
        return None
    return _content_verdict(root, response.url)


def _content_verdict(tree: lxml.html.HtmlElement, url: str) -> str | None:
    block, length = main_block(tree)
    if block is None:
        return "no main text"
    headline = _headline_before(tree, block)
    if headline is not None and _links_elsewhere(headline, url):
        return "listing (its headlines link to other pages)"
    if length < MIN_TEXT:
        return f"no main text ({length} characters)"
    title = headline.text_content().strip() if headline is not None else ""
    if not (title or " ".join(_TITLE_TEXT(tree)).strip()):
        return "no title"
    if not any(m.has_year for m in find_dates(_shown_text(tree))):
        return "no date"
    return None


def _shown_text(tree: lxml.html.HtmlElement) -> str:
    """``_text`` of ``tree`` without changing it (it is Scrapy's, and copying a whole page
    costs more than this): the text of every element outside script, style, noscript,
    nav and aside, pieces joined as ``_text`` joins them. ``drop_tree`` glues a dropped
    element's tail onto the text before it; so does this, for the same words."""
    on_the_way: set[lxml.html.HtmlElement] = set()  # elements holding a hidden one
    for hidden in tree.iter(_HIDDEN_TAGS):
        for ancestor in hidden.iterancestors():
            if ancestor in on_the_way:
                break
            on_the_way.add(ancestor)
    pieces: list[str] = []
    _gather(tree, on_the_way, pieces)
    return " ".join(pieces)


def _gather(
    element: lxml.html.HtmlElement, on_the_way: set[lxml.html.HtmlElement], pieces: list[str]
) -> None:
    """Pieces of text of ``element`` and its descendants, without hidden subtrees: a
    subtree with none in it is read by lxml in one go."""
    before = element.text  # the text a dropped child's tail would be glued to
    for child in element:
        if child.tag in _HIDDEN_TAGS:
            if child.tail:
                before = (before or "") + child.tail
            continue
        if before is not None:
            pieces.append(before)
        if child in on_the_way:
            _gather(child, on_the_way, pieces)
        elif isinstance(child.tag, str):  # comments and processing instructions: no text
            pieces.extend(child.itertext())
        before = child.tail
    if before is not None:
        pieces.append(before)


def is_article(response: TextResponse) -> bool:
    return article_verdict(response) is None


def main_block(tree: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement | None, int]:
    """The element holding the most running text (its paragraphs' text, link text left
    out, and half its own loose text: a <p> is the surer sign of an article, loose text
    may be a pager's sentence), and that weight: the article body, whatever the template
    calls it."""
    best, best_length = None, 0
    # Blocks inside menus, headers, footers and forms, found from those few elements down
    # (looking up from every block touched each of its ancestors).
    in_chrome = {e for chrome in tree.iter(*_CHROME_TAGS) for e in chrome.iter(*_BLOCK_TAGS)}
    for element in tree.iter(*_BLOCK_TAGS):
        if element in in_chrome:
            continue
        loose = len((element.text or "").strip())
        paragraphs = 0
        for child in element:
            if child.tag == "p":
                paragraphs += _unlinked_length(child)
            loose += len((child.tail or "").strip())
        length = paragraphs + loose // 2
        if length > best_length:
            best, best_length = element, length
    return best, best_length


def _unlinked_length(element: lxml.html.HtmlElement) -> int:
    linked = sum(len(a.text_content()) for a in element.iter("a"))
    return max(0, len(element.text_content().strip()) - linked)


def _headline_before(
    tree: lxml.html.HtmlElement, block: lxml.html.HtmlElement
) -> lxml.html.HtmlElement | None:
    """The last heading before the main block (or inside it, first): its headline. A
    heading that is only a date (a blog's date header) is not one."""
    inside = next((h for h in block.iter(*_HEADINGS) if not _only_a_date(h)), None)
    if inside is not None:
        return inside
    last = None
    for element in tree.iter():
        if element is block:
            return last
        if element.tag in _HEADINGS and not _only_a_date(element):
            last = element
    return last


def _only_a_date(heading: lxml.html.HtmlElement) -> bool:
    text = heading.text_content().strip()
    dated = sum(m.end - m.start for m in find_dates(text) if m.has_year)
    return bool(text) and dated * 2 >= len(text)


def _links_elsewhere(heading: lxml.html.HtmlElement, url: str) -> bool:
    return any(url_key(urljoin(url, href)) != url_key(url) for href in heading.xpath(".//a/@href"))


def looks_like_article_link(url: str) -> bool:
    """A guess from the URL alone, used to route links found on listing pages
    (WordPress short links ``/?p=123`` included)."""
    parts = urlsplit(url)
    if parts.path in ("", "/") and re.fullmatch(r"p=\d+", parts.query):
        return True
    return not _LISTING_PATH.search(parts.path) and bool(_ARTICLE_PATH.search(parts.path))


def next_part_url(response: TextResponse) -> str | None:
    """The next page of a split article: page N+1 of the same URL (same path, same query
    but for the page number). A "Selanjutnya" link to another path or another ``id=``
    (Joomla's pager leads to the next *article*) is not a next page.

    Only links that say "next page" or carry a page number are looked at closely: an
    article page has dozens of links and this runs on every one.
    """
    here, wanted = None, 0  # this page's, worked out at the first such link: most have none
    for link in response.selector.root.iter("a"):  # the tree Scrapy parsed, no Selectors
        href = link.get("href")
        if href is None or (
            not _PAGE_PARAM.search(href) and not _NEXT_TEXT.search(_link_text(link))
        ):
            continue
        if here is None:
            here, wanted = _article_base(response.url), _page_number(response.url) + 1
        absolute = response.urljoin(href)
        if _page_number(absolute) == wanted and _article_base(absolute) == here:
            return absolute
    return None


def _link_text(link: lxml.html.HtmlElement) -> str:
    """``" ".join(link.itertext())``, read straight from ``link.text`` for a link without
    child elements (nearly all of them): itertext costs seven times as much."""
    return (link.text or "") if len(link) == 0 else " ".join(link.itertext())


def first_part_url(url: str) -> str | None:
    """For page N > 1 of a split article, its first page; None for a first page."""
    if _page_number(url) == 1:
        return None
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in _PAGE_KEYS]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _article_base(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url_key(url))
    query = sorted((k, v) for k, v in parse_qsl(parts.query) if k not in _PAGE_KEYS)
    return parts.netloc, parts.path, urlencode(query)


def _page_number(url: str) -> int:
    if "?" not in url:  # no query, no page number: most URLs, asked on every page
        return 1
    query = dict(parse_qsl(urlsplit(url).query))
    value = next((query[k] for k in _PAGE_KEYS if k in query), "1")
    return int(value) if value.isdecimal() else 1


def _drop_pager(body: lxml.html.HtmlElement) -> None:
    """Remove the "Halaman selanjutnya" links and the pager blocks around them. Targets
    are collected first: a pager holds several links, and a dropped holder must not be
    dropped again for its next link (lxml asserts on a detached element)."""
    targets: list[lxml.html.HtmlElement] = []
    for link in body.iter("a"):
        text = link.text_content()
        if not (_NEXT_TEXT.search(text) or _PAGER_LINK.fullmatch(text)):
            continue
        holder = link.getparent()
        while (
            holder is not None
            and holder is not body
            and len(holder.text_content().strip()) < 120
            and holder.getparent() is not body
        ):
            holder = holder.getparent()
        target = holder if holder is not None and holder is not body else link
        if not any(target is t or t in target.iterancestors() for t in targets):
            targets.append(target)
    for target in targets:
        target.drop_tree()


def join_parts(parts: list[str]) -> str:
    """One HTML document for extraction: page 1 with the main block of pages 2..n
    appended to its own main block, pagers dropped, layout tables turned into blocks.
    Extraction then sees one article, as a reader who clicked through would. A later
    page without a main block raises ValueError: the caller records it, keeps page 1.

    A one-page article is handed on as it is: there is nothing to join, and extraction
    (clean_html) turns its layout tables into blocks itself."""
    if len(parts) == 1:
        return parts[0]
    first = lxml.html.document_fromstring(parts[0])
    flatten_layout_tables(first)
    target, _length = main_block(first)
    if target is None:
        raise ValueError("page 1 has no main text block")
    _drop_pager(target)
    for number, html in enumerate(parts[1:], start=2):
        block, _length = main_block(lxml.html.document_fromstring(html))
        if block is None:
            raise ValueError(f"page {number} has no main text block")
        _drop_pager(block)
        target.extend(c for c in list(block) if c.tag not in _SKIPPED_IN_PARTS)
    return lxml.html.tostring(first, encoding="unicode")


def visible_text(html: str) -> str:
    """Text a reader sees (no scripts, styles or tags)."""
    return _text(_parse(html))


def reading_text(html: str) -> str:
    """The words a reader reads on the page, in any template: the visible text without
    menus and without links that stand alone (popular lists, related titles, tag
    clouds, which name JKN on every page of a health desk). A link inside a sentence
    keeps its words: portals link names like "BPJS Kesehatan" in the body."""
    tree = _parse(html)
    for link in list(tree.iter("a")):
        if len(_string(link.getparent()).strip()) <= len(_string(link).strip()) + 3:
            _drop_tree(link)
    return _text(tree)


# The trees pantau parses for its own reading are plain lxml elements: lxml.html picks an
# element class for every element Python touches by a call back into Python, which
# costs a quarter of reading_text. Its drop_tree works on any element.
_PLAIN_PARSER = etree.HTMLParser()
_drop_tree = lxml.html.HtmlMixin.drop_tree


def _string(element: etree._Element) -> str:
    """All the text in ``element`` (what text_content gives, libxml2's node content),
    serialised by libxml2 in a quarter of the time text_content's XPath call takes."""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def _parse(html: str) -> etree._Element:
    """``html`` parsed (ParserError when it holds no document), as lxml.html parses it."""
    return lxml.html.document_fromstring(html, parser=_PLAIN_PARSER)


def _text(tree: etree._Element) -> str:
    """The text of ``tree`` without scripts, styles, noscript, nav and aside; each is
    removed with its content, its tail glued to the text before it (as drop_tree does)."""
    etree.strip_elements(tree, *_HIDDEN_TAGS, with_tail=False)
    return " ".join(tree.itertext())  # "...Raih UHC</h1><p>Bupati": two words, not "UHCBupati"
