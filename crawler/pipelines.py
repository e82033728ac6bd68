"""Item pipelines, one transformation each, in this order:

JoinParts (pages of a split article -> one HTML document) -> KeywordFilter (cheap
keyword test on the page) -> Extract (trafilatura + NLP, relevant pages only; relevance
decided on the cleaned title and text) -> SinceFilter (--since) -> Store (article and
facts, URLs marked seen with their outcome). FailureLog records FailedPage and
OtherPage items, and any page or item whose processing raised.

A failure in one step is recorded (crawl_errors) and the article goes on with what
could be done: page 1 alone when the pages cannot be joined, an "error" outcome when
extraction fails. No fetched page ends without a recorded outcome.

``pantau reextract`` builds this same chain from ITEM_PIPELINES to re-run it over the
WARC archive (crawler/reextract.py); the classes take plain arguments, and
``from_crawler`` only wires them to the spider.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.extensions import ARCHIVE_PENDING
from crawler.items import (
    BEFORE_SINCE,
    DUPLICATE,
    ERROR,
    FAILED,
    IRRELEVANT,
    NOT_ARTICLE,
    STORED,
    ArticlePage,
    FailedPage,
    OtherPage,
)
from crawler.middlewares import REDIRECTED
from crawler.pages import join_parts, reading_text
from crawler.urls import url_key
from extract.relevance import is_relevant
from store import Articles, SeenLog, open_db, record_error, writing

if TYPE_CHECKING:  # imported where used, as the extraction modules are
    from extract.loop_workers import Worker

log = logging.getLogger(__name__)
Patterns = Mapping[str, re.Pattern[str]]


def _patterns(crawler: Crawler) -> Patterns:
    return {site.name: site.pattern for site in crawler.spider.sites}


_SEEN_LOGS: WeakKeyDictionary[Crawler, SeenLog] = WeakKeyDictionary()


def _seen_log(crawler: Crawler, db_path: str) -> SeenLog:
    """The crawl's one SeenLog: Store and FailureLog share it, so that their marks of one
    URL (a redirect, then the article it led to) reach seen_urls in the order made. The
    archive's pending records are written before each batch of marks."""
    if crawler not in _SEEN_LOGS:
        archive = partial(crawler.signals.send_catch_log, ARCHIVE_PENDING)
        _SEEN_LOGS[crawler] = SeenLog(open_db(db_path), before_write=archive)
    return _SEEN_LOGS[crawler]


def _stat(crawler: Crawler | None) -> Callable[[str, str | None, int], None]:
    def inc(name: str, site: str | None, count: int = 1) -> None:
        if crawler is not None:
            crawler.stats.inc_value(f"pantau/{name}/{site}", count)

    return inc


class JoinParts:
    """Pages of a split article -> one document; if that fails, page 1 alone (recorded)."""

    def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticlePage):
            try:
                item.html = join_parts(item.parts)
            except Exception as exc:
                item.html = item.parts[0]
                item.problems.append(f"pages not joined, page 1 kept: {_one_line(exc)}")
        return item


class KeywordFilter:
    """Decides, before any expensive step, whether the page mentions UHC/JKN/BPJS at all.
    It reads what a reader reads (pages.reading_text: every page of a split article, the
    headline, any text block; not menus and link lists), whatever the template, so it
    only sets aside pages that cannot be relevant. Whether a mention in a text widget
    counts is decided by Extract, on the cleaned title and text."""

    def __init__(self, patterns: Patterns) -> None:
        self.patterns = patterns

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> KeywordFilter:
        return cls(_patterns(crawler))

    def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticlePage):
            keywords = self.patterns.get(item.site)
            # A page without the keywords anywhere is not parsed for its text at all.
            item.relevant = is_relevant(item.html, keywords) and is_relevant(
                reading_text(item.html), keywords
            )
        return item


class Extract:
    """Runs the extractor on relevant pages; its verdict on the cleaned text is final
    (a keyword in a sidebar or tag cloud does not make an article relevant). Sites with
    their own keywords are judged by them, in the extractor too.

    The extractor lives in warm worker processes that the crawl's event loop feeds
    (``extract.loop_workers``, PANTAU_EXTRACT_WORKERS), so the NLP runs on another core
    while downloads go on. A worker that dies (killed, out of memory) is replaced and its
    articles tried once more by the new one, so one lost worker does not fail every later
    article; an article that ends the new worker too is recorded as failed.
    """

    def __init__(self, patterns: Patterns, workers: int = 0) -> None:
        self.patterns = patterns
        self.workers = max(1, workers)  # PANTAU_EXTRACT_WORKERS 0 still means one
        self._workers: list[Worker] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Extract:
        return cls(_patterns(crawler), crawler.settings.getint("PANTAU_EXTRACT_WORKERS"))

    def open_spider(self) -> None:
        """Start the workers and load the NLP pipeline before the first request: loading
        it mid-crawl would hold up items for seconds."""
        from extract.loop_workers import Worker, WorkerDied

        self._workers = [Worker() for _ in range(self.workers)]
        for worker in self._workers:
            try:
                worker.wait_ready()
            except WorkerDied as exc:  # the crawl goes on; each article will log its failure
                log.warning("extractor failed to start: %s", exc)

    def _replace(self, worker: Worker) -> None:
        """A new worker for ``worker``, unless another article already replaced it."""
        from extract.loop_workers import Worker

        if worker in self._workers:
            log.warning("an extraction worker died; starting a new one")
            worker.close()
            self._workers[self._workers.index(worker)] = new = Worker()
            new.wait_ready()

    def close_spider(self) -> None:
        workers, self._workers = self._workers, []  # none is replaced from now on
        for worker in workers:
            worker.close()

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticlePage) or not item.relevant:
            return item
        try:
            result = await self._extract(item)
        except Exception as exc:
            return self._failed(item, exc)
        return self._judge(item, result)

    async def _extract(self, item: ArticlePage, retry: bool = True) -> Any:
        """The result of the least busy worker for ``item``; if that worker died, once more
        by a new one."""
        from extract.loop_workers import WorkerDied

        worker = min(self._workers, key=lambda w: w.load)
        try:
            return await worker.extract(self._record(item), self.patterns.get(item.site))
        except WorkerDied:
            self._replace(worker)
            if not retry:
                raise
        return await self._extract(item, retry=False)

    @staticmethod
    def _record(item: ArticlePage) -> dict[str, Any]:
        return {"html": item.html, "url": item.url, "id": item.url}

    @staticmethod
    def _failed(item: ArticlePage, exc: Exception | str) -> ArticlePage:
        """Recorded by Store (crawl_errors, outcome "error": the next run tries again);
        ``exc`` is the exception, or a worker's one-line account of it."""
        log.warning("extraction failed for %s: %s", item.url, exc)
        item.relevant = False
        item.outcome = ERROR
        reason = exc if isinstance(exc, str) else _one_line(exc)
        item.problems.append(f"extraction failed: {reason}")
        return item

    def _judge(self, item: ArticlePage, result: Any) -> ArticlePage:
        """The extractor's result, judged with the site's keywords already."""
        from extract.pool import ExtractionFailed

        if isinstance(result, ExtractionFailed):
            return self._failed(item, result.message)
        item.result = result
        item.relevant = result.relevant
        return item


class SinceFilter:
    """With --since, an article published earlier is not stored; it is remembered as
    "before-since", which only crawls with a --since skip (a crawl without one fetches
    it again). Dated listings (sitemaps, feeds, WP API) already avoid most such pages."""

    def __init__(self, since: date | None) -> None:
        self.since = since

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SinceFilter:
        return cls(crawler.spider.since)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticlePage) or item.result is None or self.since is None:
            return item
        published = item.result.published
        if published is not None and published < self.since:
            item.relevant = False
            item.outcome = BEFORE_SINCE
        return item


class Store:
    """Saves relevant articles with their facts and marks every URL of the page seen.

    The same text published by two sites (syndication) is one article; it is filed
    under the site listed first in SITES.yaml (``ranks``), whichever was fetched first.
    """

    def __init__(
        self, db_path: str, ranks: Mapping[str, int], crawler: Crawler | None = None
    ) -> None:
        self.db = open_db(db_path)
        self.articles = Articles(self.db)
        self.ranks = ranks
        self.crawler = crawler
        self.inc = _stat(crawler)
        # A crawl batches its marks; without one (``pantau store``, which acknowledges
        # each message once written) every mark is written at once.
        self.seen = _seen_log(crawler, db_path) if crawler else SeenLog(self.db, batch=1)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Store:
        ranks = {site.name: i for i, site in enumerate(crawler.spider.sites)}
        return cls(crawler.spider.db_path, ranks, crawler)

    @property
    def run_id(self) -> int | None:
        return self.crawler.stats.get_value("pantau/run_id") if self.crawler else None

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticlePage):
            return item
        outcome = item.outcome or (STORED if item.relevant else IRRELEVANT)
        if item.relevant and item.result is not None:
            aliases = [k for k in item.keys if k != item.url]
            with writing(self.db):  # one transaction per article
                copy_of = self.articles.duplicate_of(item.url, item.result.text)
                self.articles.prefer_source(item.url, item.site, item.result.text, self.ranks)
                self.articles.save(item.result, url=item.url, site=item.site, aliases=aliases)
            outcome = f"{DUPLICATE} {copy_of}" if copy_of else outcome
            self.inc("articles", item.site, 1)
            self.inc("facts", item.site, len(item.result.awards))
        reason = "; ".join(item.problems)
        if reason and self.run_id is not None:
            record_error(self.db, self.run_id, item.site, item.url, reason)
            self.inc("errors", item.site, 1)
            log.warning("%s: %s", item.url, reason)
        keys = {*item.keys, url_key(item.url)}
        self.seen.mark(keys, site=item.site, outcome=outcome, run_id=self.run_id)
        return item

    def close_spider(self) -> None:
        self.seen.close()
        self.db.close()


class FailureLog:
    """Records what is not an article: failed pages in crawl_errors (once per URL and
    run; permanent failures of article pages are also marked seen so later runs leave
    them alone), other pages (robots.txt, sitemaps, listings ...) in seen_urls as
    "not-article: reason", and pages or items whose processing raised (Scrapy's
    spider_error and item_error signals) as failures, so none is lost without a trace."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db = open_db(crawler.spider.db_path)
        self.seen = _seen_log(crawler, crawler.spider.db_path)
        crawler.signals.connect(self.page_crashed, signals.spider_error)
        crawler.signals.connect(self.item_crashed, signals.item_error)
        crawler.signals.connect(self.redirected, REDIRECTED)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FailureLog:
        return cls(crawler)

    @property
    def run_id(self) -> int | None:
        return self.crawler.stats.get_value("pantau/run_id")

    def process_item(self, item: Any) -> Any:
        if isinstance(item, OtherPage):
            self.seen.mark(item.keys, site=item.site, outcome=item.outcome, run_id=self.run_id)
        if not isinstance(item, FailedPage):
            return item
        self._record(item.site, item.url, item.reason)
        if item.permanent and item.kind in ("article", "part", "page"):
            self.seen.mark([url_key(item.url)], site=item.site, outcome=FAILED, run_id=self.run_id)
        return item

    def _record(self, site: str | None, url: str, reason: str) -> None:
        if record_error(self.db, self.run_id, site, url, reason):
            self.crawler.stats.inc_value(f"pantau/errors/{site}")
            log.warning("skipped %s: %s", url, reason)

    def redirected(self, request: Request, response: Response, target: str) -> None:
        """A 3xx is an outcome of its own: "not-article: redirect to X". When X is stored,
        its keys (the chain included) say so instead; when X was requested already, the
        duplicate filter drops it without a word, and this is all that is left."""
        outcome = f"{NOT_ARTICLE}: redirect to {target}"
        site = self.crawler.spider.site_for(request.url)
        keys = [url_key(request.url)]
        self.seen.mark(keys, site=site and site.name, outcome=outcome, run_id=self.run_id)

    def page_crashed(self, failure: Failure, response: Response, spider: Any) -> None:
        """A spider callback raised on ``response``: a failure of that page."""
        site = spider.site_for(response.url)
        self._crashed(site.name if site else None, response.url, [url_key(response.url)], failure)

    def item_crashed(self, item: Any, response: Response, spider: Any, failure: Failure) -> None:
        """A pipeline raised on ``item``: a failure of its page(s)."""
        url = getattr(item, "url", None) or response.url
        keys = getattr(item, "keys", None) or [url_key(url)]
        self._crashed(getattr(item, "site", None), url, keys, failure)

    def _crashed(self, site: str | None, url: str, keys: list[str], failure: Failure) -> None:
        self._record(site, url, f"processing failed: {_one_line(failure.value)}")
        self.seen.mark(keys, site=site, outcome=ERROR, run_id=self.run_id)

    def close_spider(self) -> None:
        self.seen.close()
        self.db.close()


def _one_line(exc: BaseException) -> str:
    """``Type: first line of the message`` for crawl_errors."""
    message = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {message[0][:200]}" if message else type(exc).__name__
