"""Guards against hostile servers and oversized discovery, added beside the spider:

- ``OffsiteRedirects`` (downloader): a redirect to a host outside SITES.yaml is not
  followed; it is a failure of the page that redirected ("offsite redirect to ...").
  Scrapy follows any redirect when a spider has no ``allowed_domains``, and ours cannot
  have them (sites differ by port). Search hits (``ANY_HOST``) are exempt: their outlet
  is known only once the redirects end.
- ``RedirectLoops`` (downloader): a redirect back to a URL of its own chain is not
  followed ("redirect loop back to ..."); Scrapy's duplicate filter would otherwise drop
  the repeated request silently and the page would be missing from crawl_errors.
- ``StrictDecompression`` (downloader): Scrapy's HttpCompressionMiddleware, but a body
  that does not decode as its Content-Encoding says is a one-line skip ("undecodable
  gzip body: ...") rather than a zlib traceback.
- ``SitemapAllowance`` (downloader): sitemaps may be as large as the sitemap protocol
  allows (PANTAU_SITEMAP_MAXSIZE, 50 MB) while pages keep DOWNLOAD_MAXSIZE.
- ``SchedulingCap`` (spider): with --max-pages N, at most N distinct URLs per site ever
  reach the scheduler, so a sitemap of 100,000 entries costs N requests, not 100,000
  queued ones that the page cap would drop one by one. Without --max-pages it is not
  installed at all: a spider middleware costs every item of every page a step.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urljoin

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response

from crawler.items import ANY_HOST, KIND, SITE
from crawler.urls import url_key

_REDIRECTS = (301, 302, 303, 307, 308)


def _redirect_target(request: Request, response: Response) -> str | None:
    """The absolute URL a 3xx response sends ``request`` to; None for any other response."""
    location = response.headers.get(b"Location")
    if response.status not in _REDIRECTS or not location:
        return None
    return urljoin(request.url, location.decode("latin-1"))


class OffsiteRedirects:
    """Sits after RedirectMiddleware on the way in (priority above 600), so it sees the
    3xx before it is followed; the IgnoreRequest reaches the spider's errback with the
    original request, whose URL is the one logged."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffsiteRedirects:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        target = _redirect_target(request, response)
        if (
            target is not None
            and not request.meta.get(ANY_HOST)
            and self.crawler.spider.site_for(target) is None
        ):
            self.crawler.stats.inc_value("pantau/offsite_redirects")
            raise IgnoreRequest(f"offsite redirect to {target}")
        return response


class RedirectLoops:
    """Beside ``OffsiteRedirects``: sees each 3xx before RedirectMiddleware follows it, with
    the chain so far in the request's ``redirect_urls`` meta (set by RedirectMiddleware)."""

    def process_response(self, request: Request, response: Response) -> Response:
        target = _redirect_target(request, response)
        if target is None:
            return response
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if url_key(target) in {url_key(url) for url in chain}:
            raise IgnoreRequest(f"redirect loop back to {target}")
        return response


class StrictDecompression(HttpCompressionMiddleware):
    def process_response(self, request: Request, response: Response) -> Request | Response:
        try:
            return super().process_response(request, response)
        except (OSError, EOFError, zlib.error, ValueError) as error:
            encoding = b",".join(response.headers.getlist("Content-Encoding")).decode("latin-1")
            raise IgnoreRequest(f"undecodable {encoding} body: {error}") from error


class SitemapAllowance:
    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SitemapAllowance:
        return cls(crawler.settings.getint("PANTAU_SITEMAP_MAXSIZE"))

    def process_request(self, request: Request) -> None:
        if request.meta.get(KIND) == "sitemap":
            request.meta.setdefault("download_maxsize", self.maxsize)
            request.meta.setdefault("download_warnsize", self.maxsize)


class SchedulingCap:
    """Counts distinct URL keys per site (robots.txt aside); the downloader-side
    SiteBudget still enforces the cap on what is fetched. Once a sitemap's requests go
    over the cap, the rest of that sitemap is not even turned into requests."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.keys: dict[str, set[str]] = defaultdict(set)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SchedulingCap:
        if not getattr(crawler.spider, "max_pages", 0):
            raise NotConfigured  # no --max-pages (a message would be logged as a warning)
        return cls(crawler)

    def _allowed(self, result: Any) -> bool:
        if not isinstance(result, Request) or result.meta.get(KIND) == "robots":
            return True
        keys = self.keys[result.meta.get(SITE) or ""]
        key = url_key(result.url)
        if key in keys:
            return True
        if len(keys) >= self.crawler.spider.max_pages:
            self.crawler.stats.inc_value("pantau/over_page_cap_unscheduled")
            return False
        keys.add(key)
        return True

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for r in start:
            if self._allowed(r):
                yield r

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        sitemap = response.meta.get(KIND) == "sitemap"
        async for r in result:
            if self._allowed(r):
                yield r
            elif sitemap:
                return
