"""The one spider: discovers each site's articles from its home page and fetches them.

Discovery, in the order a site offers it: robots.txt ``Sitemap:`` lines (sitemap indexes
and Google News sitemaps, through Scrapy's SitemapSpider), RSS/Atom feeds announced on
the home page (Blogger's paged Atom feed included), the WordPress REST API searched for
the relevance keywords, and the home page's article links. A site without a sitemap or
an API (a feed lists only the newest stories) is also crawled by its links: every
same-site link of every listing page, bounded by the per-shape cap and by dead ends.
Whether a page is an article is decided by its content (pages.article_verdict),
whatever URL or link led to it.

The spider only yields requests and items; filtering, extraction and storage happen in
middlewares and pipelines. Every response it gets ends in exactly one item that records
its outcome: an ``ArticlePage`` (stored, duplicate, irrelevant), an ``OtherPage`` (not
an article, with the reason) or a ``FailedPage``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import date
from typing import Any
from urllib.parse import urlencode, urljoin, urlparse

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.link import Link
from scrapy.linkextractors import IGNORED_EXTENSIONS, LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.spiders import SitemapSpider
from scrapy.utils.sitemap import sitemap_urls_from_robots
from twisted.python.failure import Failure

from crawler.discovery import (
    Entry,
    feed_entries,
    feed_links,
    generator,
    parse_when,
    sitemap_problem,
    wp_api_root,
    wp_posts,
)
from crawler.items import (
    BEFORE_SINCE,
    DUPLICATE,
    KIND,
    NOT_ARTICLE,
    RETRIED_OUTCOMES,
    SITE,
    ArticlePage,
    FailedPage,
    OtherPage,
)
from crawler.middlewares import KnownPage
from crawler.pages import (
    article_verdict,
    canonical_url,
    first_part_url,
    looks_like_article_link,
    next_part_url,
)
from crawler.request import CrawlRequest
from crawler.search import load_searches
from crawler.sites import Site, load_sites
from crawler.spiders.search import SearchDiscovery
from crawler.urls import clean_url, host, url_key, url_shape
from store import last_run, open_db, seen_keys

# A site crawled by its links stops following a path after this many listing pages in a
# row that link to nothing new (empty calendar days or months): a quarter of empty
# months still leads to the older ones, an endless calendar costs at most this many.
DEAD_ENDS = 3
_FILE_EXTENSIONS = tuple(f".{extension}" for extension in IGNORED_EXTENSIONS)
_PAGER_TEXT = (
    r"(?i)^\s*\d+\s*$|»|›|\bnext\b|\bberikutnya\b|\bselanjutnya\b|\bolder\b|\bposting lama\b"
)


class NewsSpider(SearchDiscovery, SitemapSpider):
    """``scrapy crawl news -a sites=SITES.yaml -a db=DB [-a since=YYYY-MM-DD] [-a max_pages=N]``"""

    name = "news"
    sitemap_rules = (("", "parse_page"),)

    def __init__(
        self,
        sites: str,
        db: str,
        since: str | None = None,
        max_pages: str | int = 0,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.sites: list[Site] = load_sites(sites)
        self.searches = load_searches(sites)
        self.db_path = db
        self.since: date | None = date.fromisoformat(since) if since else None
        self.max_pages = int(max_pages or 0)
        self._by_netloc = {site.netloc: site for site in self.sites}
        self._pager = LinkExtractor(restrict_text=_PAGER_TEXT, deny_extensions=())
        self._links = LinkExtractor(deny_extensions=())
        self._listed: set[str] = set()  # keys of links seen on listing pages
        self._by_links: set[str] = set()  # sites crawled by their links (no feed, sitemap)
        self.listing_shapes: Counter[str] = Counter()  # pages found to be listings, by shape
        self._previously_seen: frozenset[str] | None = None
        self._scheduled: set[str] = set()  # URLs handed to the scheduler (request_scheduled)
        self.after_clean_run = True  # set by from_crawler from the last crawl_runs row

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        db = open_db(spider.db_path)
        previous = last_run(db)
        db.close()
        spider.after_clean_run = previous is None or previous["status"] == "finished"
        crawler.signals.connect(spider.request_scheduled, signals.request_scheduled)
        if not crawler.settings.get("JOBDIR"):
            from crawler.jobdir import prepare_jobdir

            crawler.settings.set("JOBDIR", str(prepare_jobdir(spider.db_path)), "spider")
        return spider

    def request_scheduled(self, request: Request) -> None:
        """Remembers what the scheduler got, so a URL linked again is not yielded again.

        Scrapy's duplicate filter would drop it, but only after building the Request,
        passing it through every spider middleware and fingerprinting it: on news sites,
        where every listing page links the same articles, most links are such repeats.
        Only what reached the scheduler counts (a request a middleware dropped, say one
        over DEPTH_LIMIT, may come again by another way), and only requests the filter
        would have dropped (not ``dont_filter``).
        """
        if not request.dont_filter:
            self._scheduled.add(request.url)

    def site_for(self, url: str) -> Site | None:
        return self._by_netloc.get(host(url))

    def _request(self, url: str, callback: Any, kind: str, **meta: Any) -> Request:
        site = self.site_for(url)
        return CrawlRequest(
            url,
            callback,
            meta={KIND: kind, SITE: site.name if site else None, **meta},
            errback=self.on_error,
        )

    def _article(self, entry: Entry) -> Request | None:
        """A request for a listed article, unless it is off-site or older than --since."""
        if self.site_for(entry.url) is None:
            return None
        if self.since and entry.when and entry.when < self.since:
            return None
        url = clean_url(entry.url)
        return None if url in self._scheduled else self._request(url, self.parse_page, "article")

    async def start(self) -> AsyncIterator[Request]:
        for site in self.sites:
            robots = self._request(urljoin(site.url, "/robots.txt"), self.parse_robots, "robots")
            yield robots.replace(dont_filter=True)
            for url in site.sitemaps:
                yield self._request(url, self.parse_sitemap, "sitemap")
            for url in site.feeds:
                yield self._request(url, self.parse_feed, "feed")
            for url in site.start_urls:
                yield self._request(url, self.parse_page, "listing")
        for request in self.search_requests():
            yield request

    def _home(self, site_name: str, has_sitemap: bool) -> Request:
        site = next(s for s in self.sites if s.name == site_name)
        home = self._request(site.url, self.parse_home, "home", pantau_has_sitemap=has_sitemap)
        return home.replace(dont_filter=True)

    def _other(self, response: Response, reason: str) -> OtherPage:
        keys = _fetched_keys(response)
        return OtherPage(response.meta.get(SITE), response.url, keys, f"{NOT_ARTICLE}: {reason}")

    def parse_robots(self, response: Response) -> Iterator[Request | OtherPage]:
        """Sitemaps named in robots.txt, then the home page (which needs to know of them)."""
        yield self._other(response, "robots.txt")
        sitemaps = list(sitemap_urls_from_robots(response.body, base_url=response.url))
        for url in sitemaps:
            yield self._request(url, self.parse_sitemap, "sitemap")
        yield self._home(response.meta[SITE], bool(sitemaps))

    def on_error(self, failure: Failure) -> Iterator[Request | FailedPage | OtherPage]:
        """A failed request becomes a FailedPage item (the pipelines log it); a site
        without robots.txt still gets its home page fetched."""
        request = failure.request
        if request.meta.get(KIND) == "robots":
            yield self._home(request.meta[SITE], False)
            if isinstance(failure.value, HttpError):
                response = failure.value.response
                yield self._other(response, f"robots.txt answered HTTP {response.status}")
                return
        reason, permanent = _failure_reason(failure.value)
        hops = request.meta.get("redirect_urls", [])  # fetched on the way (FailureLog.redirected)
        if reason:
            yield FailedPage(
                request.meta.get(SITE), request.url, request.meta.get(KIND, "?"), reason, permanent
            )
        elif hops and isinstance(failure.value, KnownPage):
            keys = sorted({url_key(u) for u in hops})
            yield OtherPage(request.meta.get(SITE), hops[0], keys, f"{DUPLICATE} {request.url}")

    def _not_html(self, response: Response) -> FailedPage:
        ctype = response.headers.get(b"Content-Type", b"unknown type").decode("latin-1")
        return FailedPage(
            response.meta.get(SITE),
            response.url,
            response.meta.get(KIND, "?"),
            f"not an HTML page ({ctype.split(';')[0]})",
            permanent=True,
        )

    def parse_home(self, response: Response) -> Iterator[Request | FailedPage | OtherPage]:
        if not isinstance(response, TextResponse):
            yield self._not_html(response)
            return
        yield self._other(response, "home page")
        site = self.site_for(response.url) or self.site_for(response.request.url)
        if site and self.site_for(response.url) is None:  # home redirected (www., https)
            self._by_netloc[host(response.url)] = site
        feeds = list(site.feeds if site and site.feeds else feed_links(response))
        cms = generator(response)
        if not feeds and "wordpress" in cms:
            feeds.append(urljoin(response.url, "/feed/"))
        if not feeds and "blogger" in cms:
            feeds.append(urljoin(response.url, "/feeds/posts/default"))
        for url in feeds:
            yield self._request(url, self.parse_feed, "feed")
        api = wp_api_root(response)
        for keyword in site.keywords if api and site else ():
            yield self._wp_search(api, keyword, 1)
        # A feed holds the newest stories only: without a sitemap or an API to list the
        # older ones, the site's own links are the way to them.
        if site and not (api or site.sitemaps or response.meta.get("pantau_has_sitemap")):
            self._by_links.add(site.name)
        links = _page_links(self._links, response)
        self._is_productive(response, links)  # its links are not news to the listings after it
        # Its pagination only on a site crawled by its links: feeds and sitemaps list more.
        by_links = site is not None and site.name in self._by_links
        yield from self._listing_links(response, links, by_links)

    def parse_sitemap(self, response: Response) -> Iterator[Request | OtherPage | FailedPage]:
        """Scrapy's SitemapSpider parsing, with each request tagged by what it fetches;
        a sitemap that is broken or none is also a failure of its own, said first (a
        --max-pages cap may stop reading it half-way)."""
        yield self._other(response, "sitemap")
        problem = sitemap_problem(self._get_sitemap_body(response))
        if problem:
            yield FailedPage(response.meta.get(SITE), response.url, "sitemap", problem)
        for request in self._parse_sitemap(response):
            if request.url in self._scheduled:
                continue
            if request.callback == self.parse_page:
                kind, callback = "article", self.parse_page
            else:
                kind, callback = "sitemap", self.parse_sitemap
            site = self.site_for(request.url)
            meta = {**request.meta, KIND: kind, SITE: site.name if site else None}
            yield request.replace(
                cls=CrawlRequest, callback=callback, errback=self.on_error, meta=meta
            )

    def sitemap_filter(self, entries: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Only this crawl's sites, only entries modified since --since, URLs cleaned."""
        for entry in entries:
            if self.site_for(entry["loc"]) is None:
                continue
            when = parse_when(entry.get("lastmod"))
            if self.since and when and when < self.since:
                continue
            yield {**entry, "loc": clean_url(entry["loc"])}

    def parse_feed(self, response: Response) -> Iterator[Request | OtherPage]:
        yield self._other(response, "feed")
        entries, next_url = feed_entries(response)
        for entry in entries:
            request = self._article(entry)
            if request:
                yield request
        if next_url and self._worth_paging(entries):
            yield self._request(next_url, self.parse_feed, "feed")

    def _worth_paging(self, entries: list[Entry]) -> bool:
        """Newest-first listings (feeds, WP API) are paged only while a page still has
        an entry that is within --since and, after a crawl that finished, not handled
        by it (after a crash, older pages may hold what it never reached)."""
        known = self.previously_seen if self.after_clean_run else frozenset()
        return any(
            (not self.since or e.when is None or e.when >= self.since)
            and url_key(e.url) not in known
            for e in entries
        )

    @property
    def previously_seen(self) -> frozenset[str]:
        """URL keys handled by earlier crawls (seen_urls), read once per crawl."""
        if self._previously_seen is None:
            db = open_db(self.db_path)
            skip = () if self.since else (BEFORE_SINCE,)
            known = seen_keys(db, skip=skip, skip_prefixes=RETRIED_OUTCOMES)
            self._previously_seen = frozenset(known)
            db.close()
        return self._previously_seen

    def _wp_search(self, api: str, keyword: str, page: int) -> Request:
        params: dict[str, Any] = {"search": keyword, "per_page": 100, "page": page}
        if self.since:
            params["after"] = f"{self.since.isoformat()}T00:00:00"
        query = urlencode(params)
        return self._request(
            urljoin(api, f"wp/v2/posts?{query}"),
            self.parse_wp_api,
            "api",
            pantau_api=api,
            pantau_keyword=keyword,
            pantau_page=page,
        )

    def parse_wp_api(self, response: Response) -> Iterator[Request | OtherPage]:
        """One page of WP REST API search results; page 1 also asks for the others
        (X-WP-TotalPages)."""
        yield self._other(response, "WordPress API")
        if not isinstance(response, TextResponse):
            return
        entries, total = wp_posts(response)
        for entry in entries:
            request = self._article(entry)
            if request:
                yield request
        meta = response.meta
        if meta["pantau_page"] == 1 and self._worth_paging(entries):
            for page in range(2, min(total, self.settings.getint("PANTAU_MAX_API_PAGES")) + 1):
                yield self._wp_search(meta["pantau_api"], meta["pantau_keyword"], page)

    def _listing_links(
        self, response: TextResponse, links: list[Link], productive: bool
    ) -> Iterator[Request]:
        """Article links of a listing page, then its pagination when it listed something
        new. A site crawled by its links gets every same-site link followed instead,
        unless this page ends DEAD_ENDS pages in a row that link to nothing new (empty
        calendar days): endless calendars stop there and at the shape cap."""
        site = self.site_for(response.url)
        home = url_key(site.url) if site else None
        by_links = site is not None and site.name in self._by_links
        barren = 0 if productive else response.meta.get("pantau_barren", 0) + 1
        if by_links and barren >= DEAD_ENDS:
            return
        for link in links:
            if self.site_for(link.url) is None or url_key(link.url) == home:
                continue
            url = clean_url(link.url)
            if url in self._scheduled:
                continue
            if looks_like_article_link(link.url):
                yield self._request(url, self.parse_page, "article")
            elif by_links:
                yield self._request(url, self.parse_page, "page", pantau_barren=barren)
        if not by_links and productive:
            for link in _page_links(self._pager, response):
                url = clean_url(link.url)
                if url in self._scheduled:
                    continue
                if self.site_for(link.url) and not looks_like_article_link(link.url):
                    yield self._request(url, self.parse_page, "listing")

    def _is_productive(self, response: TextResponse, links: list[Link]) -> bool:
        """Whether a listing page links to something not seen on a listing before: an
        article, or a page of another shape than its own (its own shape: the next
        calendar day, the next tag page)."""
        own = url_shape(response.url)
        new = False
        for link in links:
            if self.site_for(link.url) is None:
                continue
            key = url_key(link.url)
            if key not in self._listed and (
                looks_like_article_link(link.url) or url_shape(link.url) != own
            ):
                new = True
            self._listed.add(key)
        return new

    def parse_page(
        self, response: Response
    ) -> Iterator[Request | ArticlePage | FailedPage | OtherPage]:
        """Any page but robots.txt, sitemaps, feeds and the home page: an article (its
        content says so) or a listing, whatever the link that led here promised. A split
        article is followed to its last page first."""
        if not isinstance(response, TextResponse) or not _is_html(response):
            yield self._not_html(response)
            return
        meta = response.meta
        if "pantau_parts" in meta:
            yield from self._article_page(response)
            return
        reason = article_verdict(response)
        first = first_part_url(response.url)
        if reason is None and first is None:
            yield from self._article_page(response)
        elif reason is None:
            yield self._other(response, "a later page of a split article")
            yield self._request(clean_url(first), self.parse_page, "article")
        else:
            self.listing_shapes[url_shape(response.url)] += 1
            yield self._other(response, reason)
            links = _page_links(self._links, response)  # once, for both steps
            yield from self._listing_links(response, links, self._is_productive(response, links))

    def _article_page(self, response: TextResponse) -> Iterator[Request | ArticlePage]:
        meta = response.meta
        parts = [*meta.get("pantau_parts", []), response.text]
        keys = [*meta.get("pantau_keys", []), *_fetched_keys(response)]
        canonical = meta.get("pantau_canonical") or clean_url(canonical_url(response))
        next_url = next_part_url(response)
        if next_url and len(parts) < self.settings.getint("PANTAU_MAX_PARTS"):
            request = self._request(
                next_url,
                self.parse_page,
                "part",
                pantau_parts=parts,
                pantau_keys=keys,
                pantau_canonical=canonical,
                pantau_first=meta.get("pantau_first", response.url),
            )
            yield request.replace(dont_filter=True)  # page 2 may have been linked on its own
            return
        site = self.site_for(canonical) or self.site_for(response.url)
        yield ArticlePage(
            site=site.name if site else "",
            url=canonical,
            parts=parts,
            keys=sorted({*keys, url_key(canonical)}),
        )


def _page_links(extractor: LinkExtractor, response: TextResponse) -> list[Link]:
    """The links of ``response`` less those to files (images, documents, archives), which
    Scrapy's LinkExtractor leaves out by default, but by trying each of its hundred
    extensions in turn on every link: one ``endswith`` of them all is a tenth of the cost."""
    return [
        link
        for link in extractor.extract_links(response)
        if not urlparse(link.url).path.lower().endswith(_FILE_EXTENSIONS)
    ]


def _fetched_keys(response: Response) -> list[str]:
    """The URL keys a response answers for: the URL fetched and every redirect before it."""
    urls = [response.url, response.request.url, *response.meta.get("redirect_urls", [])]
    return sorted({url_key(u) for u in urls})


def _is_html(response: TextResponse) -> bool:
    ctype = response.headers.get(b"Content-Type", b"text/html").decode("latin-1").lower()
    return "html" in ctype and not response.body.lstrip()[:5].startswith(b"%PDF")


# "[<twisted.python.failure.Failure twisted.internet.error.ConnectionLost: text>]"
_TWISTED_FAILURE = re.compile(r"\[?<twisted\.python\.failure\.Failure (?:\w+\.)*(\w+): ([^>]*)>\]?")


def _failure_reason(error: BaseException) -> tuple[str | None, bool]:
    """A one-line reason for crawl_errors and whether retrying later is pointless;
    (None, _) for requests skipped on purpose (robots.txt, page caps, known URLs)."""
    if isinstance(error, HttpError):
        status = error.response.status
        return f"HTTP {status}", status in (404, 410)
    if isinstance(error, DownloadCancelledError):  # no message: a streamed body too big
        return f"skipped: {str(error) or 'download cancelled (body over DOWNLOAD_MAXSIZE)'}", True
    if isinstance(error, IgnoreRequest):
        message = str(error)
        if "robots.txt" in message or getattr(error, "on_purpose", False):
            return None, False
        return f"skipped: {message}", False
    name = type(error).__name__
    lines = str(error).splitlines()
    detail = _TWISTED_FAILURE.sub(r"\1: \2", lines[0])[:200] if lines else ""
    return f"{name}: {detail}" if detail else name, False
