"""Politeness and economy: what is not worth fetching, and patience with flaky servers.

- ``KnownArticleFilter``: article requests already handled by an earlier run, or
  already requested in this run under another URL form (AMP copy, ?m=1, a redirect to
  a page fetched directly), are dropped. This is what makes a second run incremental.
- ``SiteBudget`` (downloader middleware): per-site page cap (``--max-pages``) and a cap
  per URL shape for listing pages, the defence against endless calendars and tag pages.
  Pages of a site crawled by its links count against their shape's cap only once they
  turned out to be listings (thousands of articles share ``/berita.php?id=N``), so that
  cap can be overrun by the pages in flight (CONCURRENT_REQUESTS_PER_DOMAIN).
- ``BackoffRetryMiddleware``: Scrapy's RetryMiddleware, waiting longer before each retry.
- ``RedirectSignal``: sends ``REDIRECTED`` for every 3xx before RedirectMiddleware turns
  it into a new request: a redirect is fetched too, and the engine never sees it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urljoin

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.defer import deferred_to_future
from twisted.internet.task import deferLater

from crawler.items import KIND, SITE
from crawler.urls import url_key, url_shape

REDIRECTED = object()  # signal: (request, response, target) of each 3xx answer


class SkippedOnPurpose(IgnoreRequest):
    """A request the crawl chose not to make: not an error."""

    on_purpose = True


class KnownPage(SkippedOnPurpose):
    """The page was handled already (earlier run, or this one under another URL)."""


class KnownArticleFilter:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._known: set[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> KnownArticleFilter:
        return cls(crawler)

    @property
    def known(self) -> set[str]:
        if self._known is None:
            self._known = set(self.crawler.spider.previously_seen)
        return self._known

    def process_request(self, request: Request) -> None:
        """Runs for redirect targets and retries too, which never pass the spider."""
        if request.meta.get(KIND) not in ("article", "page") or "retry_times" in request.meta:
            return
        key = url_key(request.url)
        if key in self.known:
            self.crawler.stats.inc_value("pantau/known_skipped")
            raise KnownPage(f"already handled: {request.url}")
        self.known.add(key)


class SiteBudget:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.shape_cap = crawler.settings.getint("PANTAU_SHAPE_CAP")
        self.pages: Counter[str] = Counter()
        self.shapes: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteBudget:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        kind = request.meta.get(KIND)
        if kind == "robots" or "retry_times" in request.meta:
            return
        site = request.meta.get(SITE) or ""
        cap = self.crawler.spider.max_pages
        if cap and self.pages[site] >= cap:
            self.crawler.stats.inc_value("pantau/over_page_cap")
            raise SkippedOnPurpose(f"page cap of {cap} reached for {site}")
        shape = url_shape(request.url)
        over = False
        if kind == "listing":
            self.shapes[shape] += 1
            over = self.shapes[shape] > self.shape_cap
        elif kind == "page":  # of a site crawled by its links: its articles do not count
            over = self.crawler.spider.listing_shapes[shape] >= self.shape_cap
        if over:
            self.crawler.stats.inc_value("pantau/over_shape_cap")
            raise SkippedOnPurpose(f"more than {self.shape_cap} pages like {shape}")
        self.pages[site] += 1


class BackoffRetryMiddleware(RetryMiddleware):
    """Retries 5xx and timeouts like Scrapy does, after 1x, 2x, 4x... the base delay, so a
    server that is briefly overloaded (503) gets room to recover."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("PANTAU_RETRY_BACKOFF")
        self.ceiling = settings.getfloat("PANTAU_RETRY_BACKOFF_MAX")

    async def _pause(self, result: Request | Response | None) -> Request | Response | None:
        if isinstance(result, Request) and self.base > 0:
            from twisted.internet import reactor

            delay = min(self.base * 2 ** (result.meta.get("retry_times", 1) - 1), self.ceiling)
            await deferred_to_future(deferLater(reactor, delay, lambda: None))
        return result

    async def process_response(self, request: Request, response: Response) -> Any:
        return await self._pause(super().process_response(request, response))

    async def process_exception(self, request: Request, exception: Exception) -> Any:
        return await self._pause(super().process_exception(request, exception))


class RedirectSignal:
    """Between the redirect guards (650, 660: loops and offsite redirects are failures,
    not redirects) and RedirectMiddleware (600) on the way in."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectSignal:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if 300 <= response.status < 400 and location:
            target = urljoin(request.url, location.decode("latin-1"))
            self.crawler.signals.send_catch_log(
                REDIRECTED, request=request, response=response, target=target
            )
        return response
