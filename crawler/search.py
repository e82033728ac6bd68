"""News-search feeds as a source of articles: SITES.yaml's ``searches:`` list.

A BPJS team cannot list in advance every outlet that will report a UHC Award, so a
search asks a public news index for matching articles and each hit is fetched from the
outlet itself (crawler/spiders/search.py). Two indexes are spoken:

- ``gdelt``: the GDELT DOC 2.0 API (``mode=ArtList&format=json``), whose ``sourcecountry:``
  and ``sourcelang:`` filters are operators inside the query;
- ``google-news``: Google News RSS search (``/rss/search?q=...&hl=id&gl=ID&ceid=ID:id``),
  whose item links redirect to the outlet and whose ``<source>`` names it. Google answers
  many links with a page that moves on by script, not HTTP, so each hit also keeps what
  the item itself says of the article: the URL inside an old-style link id, a description
  linking it directly, the outlet's home (``<source url>``) and the headline, to be looked
  up there.

Neither index pages its results, and each caps them (GDELT at 250, Google News at about
100), so a search is cut into time windows: the first covers the whole span; a window
that comes back full is split in two halves, each asked again, until a window is no
longer full or is as short as the index can tell apart (15 minutes for GDELT, one day
for Google News's ``after:``/``before:`` operators).
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlencode, urljoin, urlsplit

import lxml.etree
import lxml.html

from crawler.sites import SitesError, read_sites_file
from crawler.urls import host

KINDS = ("gdelt", "google-news")
MAX_RESULTS = {"gdelt": 250, "google-news": 100}
SHORTEST = {"gdelt": timedelta(minutes=15), "google-news": timedelta(days=1)}
# How often the window end ("now") moves: workers started minutes apart ask for the
# same windows, so the shared duplicate filter (crawler/distributed.py) sees one request.
_CLOCK = {"gdelt": timedelta(hours=1), "google-news": timedelta(days=1)}
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_SPAN = re.compile(r"^\s*(\d+)\s*(min|h|d|w|months?)\s*$")
_SPAN_UNITS = {"min": 1 / 1440, "h": 1 / 24, "d": 1, "w": 7, "month": 30, "months": 30}
_KEYS = {"name", "search", "query", "sourcecountry", "sourcelang", "timespan", "since"}
_KEYS |= {"max_results"}


@dataclass(frozen=True)
class Search:
    """One saved search: which index, what query, over which span."""

    name: str
    kind: str
    query: str
    span: timedelta | None = None
    since: date | None = None
    sourcecountry: str | None = None
    sourcelang: str | None = None
    max_results: int = 0

    def start(self, now: datetime, crawl_since: date | None = None) -> datetime:
        """The earliest moment asked for: ``since``, else ``timespan`` back from now
        (default three months, GDELT's own window); never before the crawl's --since."""
        if self.since is not None:
            start = datetime.combine(self.since, time(), tzinfo=UTC)
        else:
            start = now - (self.span or timedelta(days=90))
        if crawl_since is not None:
            start = max(start, datetime.combine(crawl_since, time(), tzinfo=UTC))
        return start


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime

    def halves(self, kind: str) -> list[Window]:
        """Two halves, or none when the window is already as short as ``kind`` tells apart."""
        if self.end - self.start <= SHORTEST[kind]:
            return []
        middle = self.start + (self.end - self.start) / 2
        if kind == "google-news":
            middle = datetime.combine(middle.date(), time(), tzinfo=UTC)
            if middle <= self.start:
                middle += timedelta(days=1)
        return [Window(self.start, middle), Window(middle, self.end)]

    def to_meta(self) -> list[str]:
        return [self.start.isoformat(), self.end.isoformat()]

    @classmethod
    def from_meta(cls, value: list[str]) -> Window:
        return cls(datetime.fromisoformat(value[0]), datetime.fromisoformat(value[1]))


@dataclass(frozen=True)
class Hit:
    """One search result: the outlet's article URL (for Google News, a redirect to it),
    the outlet's name (a domain) and its display title where the index gives one.

    For a link that does not lead to the outlet: ``targets``, article URLs the index's
    item gives itself; ``home`` (the outlet's home page) and ``headline``, to find the
    article's link there."""

    url: str
    outlet: str
    title: str | None = None
    targets: tuple[str, ...] = ()
    home: str | None = None
    headline: str | None = None


def _span(value: object, where: str) -> timedelta:
    match = _SPAN.match(str(value))
    if not match:
        raise SitesError(f"{where}: timespan must be like 24h, 7d, 2w or 3months, got {value!r}")
    return timedelta(days=int(match[1]) * _SPAN_UNITS[match[2]])


def _search(entry: object, where: str) -> Search:
    if not isinstance(entry, dict):
        raise SitesError(f"{where}: expected a mapping with name, search and query")
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise SitesError(f"{where}: missing or invalid name (letters, digits, - _ .)")
    where = f"{where} ({name})"
    unknown = set(entry) - _KEYS
    if unknown:
        raise SitesError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    kind = entry.get("search")
    if kind not in KINDS:
        raise SitesError(f"{where}: search must be one of {', '.join(KINDS)}, got {kind!r}")
    query = entry.get("query")
    if not isinstance(query, str) or not query.strip():
        raise SitesError(f"{where}: missing query")
    if "timespan" in entry and "since" in entry:
        raise SitesError(f"{where}: give timespan or since, not both")
    since = entry.get("since")
    if since is not None and not isinstance(since, date):
        raise SitesError(f"{where}: since must be a date YYYY-MM-DD, got {since!r}")
    limit = MAX_RESULTS[kind]
    max_results = entry.get("max_results", limit)
    if not isinstance(max_results, int) or not 1 <= max_results <= limit:
        raise SitesError(f"{where}: max_results must be 1..{limit} for {kind}")
    for key in ("sourcecountry", "sourcelang"):
        if key in entry and not isinstance(entry[key], str):
            raise SitesError(f"{where}: {key} must be a string")
    return Search(
        name=name,
        kind=kind,
        query=query.strip(),
        span=_span(entry["timespan"], where) if "timespan" in entry else None,
        since=since,
        sourcecountry=entry.get("sourcecountry"),
        sourcelang=entry.get("sourcelang"),
        max_results=max_results,
    )


def load_searches(path: str) -> list[Search]:
    """The ``searches:`` of SITES.yaml, validated; ``SitesError`` with a one-line message."""
    doc = read_sites_file(path)
    searches = [_search(e, f"{path}: searches[{i}]") for i, e in enumerate(doc["searches"])]
    names = [s.name for s in searches]
    for name in names:
        if names.count(name) > 1:
            raise SitesError(f"{path}: duplicate search name {name!r}")
    return searches


def now_for(kind: str, now: datetime | None = None) -> datetime:
    """The end of a search's span: now, rounded up (see ``_CLOCK``; Google News's
    ``before:`` day is excluded, so today needs tomorrow's date)."""
    now = now or datetime.now(UTC)
    step = _CLOCK[kind].total_seconds()
    return datetime.fromtimestamp((now.timestamp() // step + 1) * step, UTC)


def search_url(base: str, search: Search, window: Window) -> str:
    """The index's URL for one window of ``search`` (``base``: PANTAU_GDELT_URL or
    PANTAU_GOOGLE_NEWS_URL)."""
    if search.kind == "gdelt":
        query = search.query
        if re.search(r"\sOR\s", query) and not query.startswith("("):
            query = f"({query})"  # GDELT refuses OR'd terms outside parentheses
        if search.sourcecountry:
            query += f" sourcecountry:{search.sourcecountry}"
        if search.sourcelang:
            query += f" sourcelang:{search.sourcelang}"
        params = {
            "query": query,
            "mode": "ArtList",
            "format": "json",
            "maxrecords": search.max_results,
            "sort": "DateDesc",
            "startdatetime": window.start.strftime("%Y%m%d%H%M%S"),
            "enddatetime": window.end.strftime("%Y%m%d%H%M%S"),
        }
        return f"{base}?{urlencode(params)}"
    lang = search.sourcelang or "id"
    country = search.sourcecountry or "ID"
    query = f"{search.query} after:{window.start.date()} before:{window.end.date()}"
    params = {"q": query, "hl": lang, "gl": country, "ceid": f"{country}:{lang}"}
    return f"{base}?{urlencode(params)}"


class SearchResponseError(ValueError):
    """An index answered with something that is not its documented format."""


def gdelt_hits(body: bytes) -> list[Hit]:
    """Hits of a GDELT ArtList JSON answer. GDELT answers a bad query with a plain-text
    sentence and an empty result with ``{}``."""
    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        first = body.decode("utf-8", "replace").strip().splitlines()[:1]
        reason = first[0][:120] if first else "empty"
        raise SearchResponseError(f"not GDELT JSON: {reason}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("articles", []), list):
        raise SearchResponseError("not GDELT JSON: no articles list")
    hits = []
    for article in doc.get("articles", []):
        url = article.get("url") if isinstance(article, dict) else None
        if isinstance(url, str) and urlsplit(url).scheme in ("http", "https"):
            domain = article.get("domain") or urlsplit(url).hostname or ""
            hits.append(Hit(url, outlet_name(domain), None))
    return hits


def google_news_hits(body: bytes) -> list[Hit]:
    """Hits of a Google News RSS answer: each item's link (a news.google.com redirect)
    with the outlet of its ``<source url="...">Title</source>``, and what the item says of
    the article besides (see ``Hit``)."""
    try:
        root = lxml.etree.fromstring(body, lxml.etree.XMLParser(resolve_entities=False))
    except lxml.etree.XMLSyntaxError as error:
        raise SearchResponseError(f"not RSS: {str(error).splitlines()[0]}") from None
    if root.tag != "rss":
        raise SearchResponseError(f"not RSS: root element <{root.tag}>")
    hits = []
    for item in root.iterfind("channel/item"):
        link = (item.findtext("link") or "").strip()
        if not _is_web(link):
            continue
        source = item.find("source")
        home = source.get("url", "").strip() if source is not None else ""
        title = (source.text or "").strip() or None if source is not None else None
        targets = [_token_url(link), *_description_links(item.findtext("description") or "")]
        hits.append(
            Hit(
                link,
                outlet_name(urlsplit(home).hostname or ""),
                title,
                targets=tuple(
                    dict.fromkeys(t for t in targets if t and host(t) not in ("", host(link)))
                ),
                home=urljoin(home, "/") if _is_web(home) else None,
                headline=_headline(item.findtext("title") or "", title),
            )
        )
    return hits


def _is_web(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def _token_url(link: str) -> str | None:
    """The outlet URL inside a Google News article id of the older kind
    (``/rss/articles/CBMi...``: base64url of a protobuf message whose field 4 is the URL).
    Newer ids hold an encrypted ``AU_yqL...`` that only Google can resolve: None."""
    token = urlsplit(link).path.rsplit("/", 1)[-1]
    if not token.startswith("CBMi"):
        return None
    try:
        message = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except ValueError:
        return None
    found = _PROTOBUF_URL.match(message)
    url = found["url"].decode("ascii", "replace") if found else ""
    return url if _is_web(url) else None


# Field 1 (a varint), then field 4 (tag 0x22) with a one- or two-byte length: the URL.
_PROTOBUF_URL = re.compile(
    rb"\x08[\x00-\x7f]\x22(?:[\x00-\x7f]|[\x80-\xff][\x00-\x7f])(?P<url>https?://[\x21-\x7e]+)"
)


def _description_links(description: str) -> list[str]:
    """The ``<a href>`` of an item's description (HTML inside the XML text)."""
    if "<a" not in description:
        return []
    try:
        fragment = lxml.html.fragment_fromstring(description, create_parent="div")
    except (lxml.etree.LxmlError, ValueError):
        return []
    return [href.strip() for href in fragment.xpath("//a/@href")]


def _headline(item_title: str, source_title: str | None) -> str | None:
    """The item's title without the " - Outlet" Google News appends to it."""
    headline = item_title.strip()
    if source_title and headline.endswith(f" - {source_title}"):
        headline = headline.removesuffix(f" - {source_title}").strip()
    return headline or None


_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)$")
MIN_TRUNCATED = 30  # characters a cut headline ("Sumbawa Raih UHC Award…") must keep


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def headline_link(html: str, base_url: str, headline: str) -> str | None:
    """The absolute URL of the link on a page (an outlet's home) whose text, or title
    attribute, is ``headline`` (any case and spacing; a home page may cut a long one
    with "…" after at least MIN_TRUNCATED characters); None if no link is."""
    wanted = _squash(headline)
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.LxmlError, ValueError):
        return None
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href:
            continue
        for label in (anchor.text_content(), anchor.get("title") or ""):
            text = _squash(label)
            cut = _ELLIPSIS.sub("", text)
            if text == wanted or (
                cut != text and len(cut) >= MIN_TRUNCATED and wanted.startswith(cut)
            ):
                return urljoin(base_url, href)
    return None


def outlet_name(domain: str) -> str:
    """A site name for an outlet nobody listed: its domain without ``www.`` (empty if
    unknown: the page's own host names it once fetched)."""
    domain = domain.strip().lower().removeprefix("www.")
    return re.sub(r"[^a-z0-9_.-]", "-", domain).strip("-.")
