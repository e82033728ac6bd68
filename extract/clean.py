"""HTML or plain text -> the article's title, text, date, author and site name.

trafilatura does the extraction and the metadata (htmldate under it). What it cannot know
is the boilerplate Indonesian regional sites put *inside* the article body ("Baca juga:"
boxes, share bars, "Editor:" lines, "(adv)"), so that is described once, as data, in
``BOILERPLATE_STARTS`` and friends below, and used twice: to prune those blocks from the
tree before trafilatura sees it, and as a line filter on the extracted text (which is
also all ``clean_text`` needs). The page is parsed once; trafilatura gets the tree.
"""

from __future__ import annotations

import logging
import re
from copy import deepcopy
from dataclasses import dataclass
from datetime import date

import trafilatura
from courlan import extract_domain
from htmldate import find_date
from justext.core import define_stoplist
from lxml import etree
from lxml.html import HtmlElement
from trafilatura import external as fallbacks
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import MANUALLY_CLEANED, Document
from trafilatura.utils import detect_encoding, load_html
from w3lib.encoding import html_to_unicode

from extract.asides import prune_asides
from extract.datafiles import load_vocab
from extract.dates import find_dates, parse_date, stamp_near
from extract.layout_tables import flatten_layout_tables

LOG = logging.getLogger(__name__)

_WORDS = load_vocab("cleaning")
# A paragraph, box or line whose text starts with one of these (any case) is boilerplate.
BOILERPLATE_STARTS: tuple[str, ...] = tuple(_WORDS["boilerplate_starts"])
# A line made only of these words is a share bar or a pager ("WhatsApp Facebook Google+
# Twitter BBM", "Halaman 1 2 3 Selanjutnya").
BAR_WORDS: frozenset[str] = frozenset(_WORDS["bar_words"])
# Markers glued to the end of a paragraph: advertorial tags.
TRAILING_MARKERS = re.compile(r"\s*\((?:adv|advertorial)\)\s*$", re.IGNORECASE)
# Credit lines: "Penulis: Maria Lado | Editor: Yosef Bria". Roles in order of preference
# for the author; an editor is the author only when nobody else is named.
CREDIT_ROLES: tuple[str, ...] = tuple(_WORDS["credit_roles"])

# Block elements that may hold a boilerplate paragraph or box; a longer one is a container
# that merely starts with it, and is kept.
_BLOCKS = ("p", "div", "li", "section", "aside", "blockquote", "figure", "table",
           "h2", "h3", "h4", "h5", "h6")  # fmt: skip
_MAX_BOX_CHARS = 400
_EDITORS = {"editor", "redaktur"}

_STARTS_RE = re.compile("|".join(map(re.escape, BOILERPLATE_STARTS)), re.IGNORECASE)
_CANDIDATE_RE = re.compile(
    r"\s*(?:" + "|".join(map(re.escape, BOILERPLATE_STARTS + CREDIT_ROLES)) + ")", re.IGNORECASE
)
_CREDIT_RE = re.compile(
    r"\b(?P<role>"
    + "|".join(CREDIT_ROLES)
    + r")\s*:\s*(?P<name>[^|/:\n]+?)\s*(?=[|/]|$|\b(?:"
    + "|".join(CREDIT_ROLES)
    + r")\s*:)",
    re.IGNORECASE,
)
_CREDIT_LINE_RE = re.compile(
    r"^\W*(?:(?:" + "|".join(CREDIT_ROLES) + r")\s*:[^:]*?\s*(?:[|/,]\s*)?)+$", re.IGNORECASE
)
_LINE_END = '.!?"”’)'
_SITE_SUFFIX_RE = re.compile(r"^(?P<title>.+?)\s+(?:[|\-–—:•·»]|::)\s+(?P<site>[^|\-–—:]+)$")
_SITE_PREFIX_RE = re.compile(r"^(?P<site>[^|:]+?)\s*(?:[|:]|::)\s+(?P<title>.+)$")
# Byline words before a name: "Diposting oleh Admin", "Oleh Maria Lado".
_AUTHOR_PREFIX_RE = re.compile(
    r"^(?:diposting oleh|dipost oleh|ditulis oleh|posted by|oleh|by)\s+", re.I
)


_TEXT_NODES = etree.XPath("//text()")
_BODY_TEXT = etree.XPath("//body//text()[not(ancestor::script or ancestor::style)]")
_HEADINGS = etree.XPath("//h1 | //h2 | //h3")
# Where a page writes its date for readers when its metadata has none.
_DATE_BLOCKS = etree.XPath(
    "//time | //*[self::span or self::div or self::p or self::h2 or self::small]"
    "[contains(@class, 'date') or contains(@class, 'time') or contains(@class, 'tanggal')"
    " or contains(@class, 'posted')]"
)

EXTRACTION_OPTIONS = {
    "include_comments": False,
    "include_tables": False,
    "favor_precision": True,
}
# A first pass (trafilatura's own extractor, no comparison with readability and justext)
# that finds at least this much text is kept; a shorter one is redone with the fallbacks.
GOOD_FIRST_PASS_CHARS = 800
# What trafilatura's cleaning deletes with its content before extracting (its own list, and
# tables, which pantau leaves out), less what it reads first: <form> (kept when it wraps
# the article), <math> (formulas salvaged), <head> and <script> (a JSON-LD script tells a
# forum thread). On bench/news_pages.py's 50-200 KB pages they hold 93% of the elements.
_TABLES = () if EXTRACTION_OPTIONS["include_tables"] else ("table", "td", "th", "tr")
_DELETED_IN_CLEANING = (
    tuple(tag for tag in MANUALLY_CLEANED if tag not in {"form", "math", "head", "script"})
    + _TABLES
)
_JSON_LD = "application/ld+json"
_READ_FIRST = etree.XPath("//h1 | //script")
_KEPT = etree.XPath(f"//h1 | //script[@type='{_JSON_LD}']")
# Metadata only (meta tags, JSON-LD, <time>, date classes): htmldate's free-text search
# does not read Indonesian and grabs sidebar dates; ``find_dates`` does that part.
DATE_EXTRACTION_PARAMS = {"original_date": True, "extensive_search": False}


@dataclass
class Cleaned:
    """One article, cleaned: ``text`` has one paragraph a line (the NLP splits sentences)
    and, for HTML, does not repeat the title."""

    title: str | None
    text: str
    published: date | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None


def parse_credits(line: str) -> dict[str, str]:
    """{"penulis": "Maria Lado", "editor": "Yosef Bria"} from a credit line, else {}."""
    if not _CREDIT_LINE_RE.match(line.strip()):
        return {}
    return {m["role"].lower(): m["name"].strip(" .") for m in _CREDIT_RE.finditer(line)}


def _is_bar(line: str) -> bool:
    words = line.lower().split()
    return len(words) >= 2 and all(w.strip(":,") in BAR_WORDS or w.isdigit() for w in words)


def strip_boilerplate(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """Drop boilerplate lines; return the kept lines and the credits found on the way.

    After a bare label ("BACA JUGA:"), the headline-like lines that follow (short, no
    closing punctuation) are the linked articles, and go too.
    """
    kept: list[str] = []
    credits: dict[str, str] = {}
    in_link_list = False
    for raw in lines:
        line = TRAILING_MARKERS.sub("", raw).strip()
        headline = line.lstrip("-•* ")
        if in_link_list and headline and len(headline) < 150 and headline[-1] not in _LINE_END:
            continue
        in_link_list = False
        if found := parse_credits(line):
            credits = found | credits
            continue
        if _STARTS_RE.match(headline):
            in_link_list = len(headline) < 30
            continue
        if line and not _is_bar(line):
            kept.append(line)
    return kept, credits


def _dateline_date(lines: list[str]) -> date | None:
    """A date written in the first lines ("Kupang, Senin (26/1/2026) -")."""
    return _first_full_date(" \n".join(lines[:4]))


def _first_full_date(text: str) -> date | None:
    return next((m.date for m in find_dates(text) if m.has_year), None)


def clean_text(text: str) -> Cleaned:
    """A plain-text article: its first non-empty line is the title, a dateline gives the
    date, and the same in-body boilerplate as in HTML is dropped."""
    lines, credits = strip_boilerplate(text.splitlines())
    if not lines:
        return Cleaned(title=None, text="", author=_author(None, credits))
    return Cleaned(
        title=lines[0],
        text="\n".join(lines),
        published=_dateline_date(lines),
        author=_author(None, credits),
    )


def _guess_encoding(raw: bytes) -> str | None:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return next(iter(detect_encoding(raw)), None)
    return "utf-8"


def decode_html(html: bytes | str) -> str:
    """Bytes -> text as a browser would: BOM, then <meta charset> (with the WHATWG rule
    that "iso-8859-1" means windows-1252, curly quotes included), then a guess. A page
    whose declared charset does not fit its bytes (an old page re-served as "utf-8") is
    guessed instead of being filled with replacement characters."""
    if isinstance(html, bytes):
        _, text = html_to_unicode(None, html, auto_detect_fun=_guess_encoding)
        if "\ufffd" in text and "\ufffd".encode() not in html:
            guessed = _guess_encoding(html)
            text = html.decode(guessed, errors="replace") if guessed else text
        html = text
    return html.replace("\x00", "")


def strip_site_name(title: str, site_names: list[str | None], headings: list[str]) -> str:
    """ "Judul Berita - Kabar Kupang" (or Blogger's "Kabar Kupang: Judul Berita") ->
    "Judul Berita" when the cut part names the site (its name or host) or the rest alone
    is the page's own heading."""
    names = {_squash(n) for n in site_names if n}
    names |= {n.split(".")[0] for n in names if "." in n}
    for pattern in (_SITE_SUFFIX_RE, _SITE_PREFIX_RE):
        match = pattern.match(title)
        if not match:
            continue
        site = _squash(match["site"])
        if match["title"] in headings or any(
            site in n or n in site for n in names if n and len(site) > 2
        ):
            return match["title"]
    return title


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9.]", "", name.lower()).removeprefix("www.")


def _page_date(tree: HtmlElement, lines: list[str], title: str | None) -> date | None:
    """The date shown to readers: date-classed elements, the body's dateline, then a time
    stamp beside the headline (old sites mark their date with nothing else)."""
    for element in _DATE_BLOCKS(tree):
        found = _first_full_date(element.get("datetime") or element.text_content())
        if found:
            return found
    found = _dateline_date(lines)
    if found is None and title:
        found = stamp_near("\n".join(_BODY_TEXT(tree)), title)
    return found


def _block_of(text: etree._ElementUnicodeResult) -> HtmlElement | None:
    """The nearest block element holding a text node (a tail belongs to the parent)."""
    element = text.getparent()
    if text.is_tail and element is not None:
        element = element.getparent()
    while element is not None and element.tag not in _BLOCKS:
        element = element.getparent()
    return element


def prune_boilerplate(tree: HtmlElement) -> dict[str, str]:
    """Remove in-body boilerplate boxes (and the link list after a "Baca juga" label) and
    credit lines from ``tree``, in place; return the credits.

    A block goes only if its own text starts with a boilerplate phrase and is short: a
    container that merely begins with a "Baca juga" box is kept. Text nodes are matched
    in Python: one regex per node is much faster than XPath string functions.
    """
    credits: dict[str, str] = {}
    doomed = []
    for text in _TEXT_NODES(tree):
        if not _CANDIDATE_RE.match(text):
            continue
        block = _block_of(text)
        content = block.text_content().strip() if block is not None else ""
        if not content or len(content) > _MAX_BOX_CHARS:
            continue
        if found := parse_credits(content):
            credits = found | credits
        elif not _STARTS_RE.match(content):
            continue
        doomed.append(block)
        following = block.getnext()
        if following is not None and following.tag in ("ul", "ol"):
            doomed.append(following)
    for element in dict.fromkeys(doomed):
        if element.getparent() is not None:
            element.drop_tree()
    return credits


def _author(byline: str | None, credits: dict[str, str]) -> str | None:
    """A credit line's writer beats the page's byline, which beats a credited editor."""
    byline = _AUTHOR_PREFIX_RE.sub("", byline or "").strip()
    writers = [credits[r] for r in CREDIT_ROLES if r not in _EDITORS and r in credits]
    editors = [credits[r] for r in CREDIT_ROLES if r in _EDITORS and r in credits]
    return next((name for name in (*writers, byline, *editors) if name), None)


def _document(html: str) -> HtmlElement | None:
    """trafilatura's ``load_html``, always as a whole document: for some fragments it
    hands back an element inside the parsed page ("&nbsp;<html><script>" gives the
    <script>), and cleaning that element drops it from its own tree, which lxml refuses
    with an AssertionError."""
    tree = load_html(html)
    return tree if tree is None or tree.getparent() is None else tree.getroottree().getroot()


def page_metadata(html: str, url: str | None = None) -> Cleaned:
    """Title and date of a decoded page, without its text or author.

    For pages that cannot be relevant (no keyword anywhere in them): nobody reads their
    text or author, and extracting them is most of the cost of cleaning.
    """
    try:
        tree = _document(html)
        meta = _metadata(tree, url, want_author=False) if tree is not None else None
    except (ValueError, TypeError, etree.LxmlError) as err:
        LOG.warning("unparsable page %s: %s", url or "", err)
        meta = None
    if meta is None:
        return Cleaned(title=None, text="", url=url)
    return Cleaned(
        title=_title(tree, meta),
        text="",
        published=parse_date(meta.date) if meta.date else None,
        sitename=meta.sitename,
        url=meta.url or url,
    )


def _metadata(tree: HtmlElement, url: str | None, want_author: bool) -> Document:
    """``trafilatura.extract_metadata``, step for step, less what pantau never reads
    (categories, tags, licence) and, unless ``want_author``, less its search of the whole
    page for a byline: on a 100 KB page that search is a third of the cleaning, and a
    credit line in the article ("Penulis: ...") names the writer anyway."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    try:
        meta = extract_meta_json(tree, meta)
    except Exception as err:  # trafilatura guards its JSON-LD parser alike
        LOG.warning("error in JSON metadata of %s: %s", url or "", err)
    meta.title = meta.title or extract_title(tree)
    if want_author and not meta.author:
        meta.author = extract_author(tree)
    meta.url = meta.url or extract_url(tree, url)
    if meta.url:
        meta.hostname = extract_domain(meta.url, fast=True)
    meta.date = find_date(tree, url=meta.url, **DATE_EXTRACTION_PARAMS)
    meta.sitename = meta.sitename or extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url and (match := META_URL.match(meta.url)):
        meta.sitename = match[1]
    meta.clean_and_trim()
    return meta


def _title(tree: HtmlElement, meta: Document) -> str | None:
    headings = [h.text_content().strip() for h in _HEADINGS(tree)]
    title = meta.title and strip_site_name(meta.title, [meta.sitename, meta.hostname], headings)
    return title or None


def _without_deleted(tree: HtmlElement) -> HtmlElement:
    """A copy of ``tree`` without what trafilatura's cleaning would delete anyway, or
    ``tree`` itself when that would take away what trafilatura reads before cleaning.

    trafilatura walks the raw page with XPaths that call a Python regular expression on
    every element's id and class (half the time of its first pass) before it deletes the
    menus, sidebars, footers and scripts; given a tree without them, its own extractor
    finds the same text. Before cleaning it reads only JSON-LD scripts (a forum thread)
    and <h1> (a container of appended articles holds none): if one of them sat in a
    deleted element, it gets the whole page. So does the fallback comparison: readability
    reads the raw tree."""
    lean = deepcopy(tree)
    kept = 0
    for element in _READ_FIRST(lean):
        if element.tag == "h1" or element.get("type") == _JSON_LD:
            kept += 1
        else:
            element.drop_tree()
    etree.strip_elements(lean, *_DELETED_IN_CLEANING, with_tail=False)
    return lean if len(_KEPT(lean)) == kept else tree


def prepare_fallbacks() -> None:
    """Give trafilatura's justext fallback its stop words as a set whose hash is kept.

    trafilatura hands justext the stop words of all its languages as one tuple of 154,000
    words, and justext caches its lower-cased set of them under that tuple: each page
    that took the fallback hashed the whole tuple again, most of the fallback's time on a
    short article. Handed that lower-cased set instead (the same words, so pages are
    classified exactly as before), justext finds it in its cache at once."""
    if not isinstance(fallbacks.JT_STOPLIST, frozenset):
        stoplist = fallbacks.JT_STOPLIST or fallbacks.jt_stoplist_init()
        words = frozenset(word.lower() for word in stoplist)  # as justext's cache makes it
        define_stoplist(words)  # cached under this very set, found by identity
        fallbacks.JT_STOPLIST = words


def _main_text(tree: HtmlElement, url: str | None) -> str:
    """trafilatura's own extractor alone, and only when it finds little, again with its
    comparison against readability and justext (which doubles the cost of a page)."""
    for fast in (True, False):
        if not fast:
            prepare_fallbacks()
        source = _without_deleted(tree) if fast else tree
        doc = trafilatura.bare_extraction(source, url=url, fast=fast, **EXTRACTION_OPTIONS)
        text = (doc.text if doc is not None else None) or ""
        if len(text) >= GOOD_FIRST_PASS_CHARS:
            break
    return text


def clean_html(html: bytes | str, url: str | None = None) -> Cleaned:
    """Main text and metadata of a news page, without navigation or boilerplate.

    The text does not repeat the title. Never raises on a bad page: an unparsable one
    gives an empty ``Cleaned``.
    """
    try:
        tree = _document(decode_html(html))
        if tree is None:
            return Cleaned(title=None, text="", url=url)
        flatten_layout_tables(tree)
        credits = prune_boilerplate(tree)
        prune_asides(tree)
        meta = _metadata(tree, url, want_author=not _writer(credits))
        lines, text_credits = strip_boilerplate(_main_text(tree, url).splitlines())
        if not _writer(credits | text_credits) and meta.author is None:
            meta.author = extract_author(tree)
    except (ValueError, TypeError, etree.LxmlError) as err:
        LOG.warning("unparsable page %s: %s", url or "", err)
        return Cleaned(title=None, text="", url=url)
    title = _title(tree, meta)
    if lines and lines[0] == title:
        lines = lines[1:]
    published = parse_date(meta.date) if meta.date else None
    return Cleaned(
        title=title,
        text="\n".join(lines),
        published=published or _page_date(tree, lines, title),
        author=_author(meta.author, text_credits | credits),
        sitename=meta.sitename,
        url=meta.url or url,
    )


def _writer(credits: dict[str, str]) -> bool:
    return any(role not in _EDITORS for role in credits)
