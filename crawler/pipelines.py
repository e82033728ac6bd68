"""Item pipelines, one transformation each, in this order:

JoinParts (pages of a split article -> one HTML document) -> KeywordFilter (cheap
keyword test on the visible text) -> Extract (trafilatura + NLP, relevant pages only)
-> Store (article and facts, URLs marked seen). FailureLog records FailedPage items.

The classes take plain arguments so ``pantau reextract`` runs the same chain over the
WARC archive without Scrapy; ``from_crawler`` only wires them to the running spider.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import ArticlePage, FailedPage
from crawler.pages import join_parts, visible_text
from crawler.urls import url_key
from extract.relevance import keyword_pattern
from pantau.store import mark_seen, open_db, prefer_source, record_error, save_result

log = logging.getLogger(__name__)
Patterns = Mapping[str, re.Pattern[str]]
_DEFAULT = keyword_pattern()


def _patterns(crawler: Crawler) -> Patterns:
    return {site.name: site.pattern for site in crawler.spider.sites}


def _stat(crawler: Crawler | None) -> Callable[[str, str | None, int], None]:
    def inc(name: str, site: str | None, count: int = 1) -> None:
        if crawler is not None:
            crawler.stats.inc_value(f"pantau/{name}/{site}", count)

    return inc


class JoinParts:
    def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticlePage):
            item.html = join_parts(item.parts)
        return item


class KeywordFilter:
    """Decides, before any expensive step, whether a page mentions UHC/JKN/BPJS at all."""

    def __init__(self, patterns: Patterns) -> None:
        self.patterns = patterns

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> KeywordFilter:
        return cls(_patterns(crawler))

    def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticlePage):
            pattern = self.patterns.get(item.site, _DEFAULT)
            item.relevant = pattern.search(visible_text(item.html)) is not None
        return item


class Extract:
    """Runs the extractor on relevant pages, then re-checks relevance on the cleaned text
    (a keyword in a sidebar or tag cloud does not make an article relevant). Sites with
    their own keywords are judged by them; the others by the extractor's own verdict."""

    def __init__(self, patterns: Patterns) -> None:
        self.patterns = patterns
        self._extractor: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Extract:
        return cls(_patterns(crawler))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticlePage) or not item.relevant:
            return item
        if self._extractor is None:
            from extract.engine import Extractor

            self._extractor = Extractor()
        try:
            result = self._extractor.extract_record(
                {"html": item.html, "url": item.url, "id": item.url}
            )
        except Exception as exc:
            log.warning("extraction failed for %s: %s", item.url, exc)
            raise DropItem(f"extraction failed for {item.url}") from exc
        pattern = self.patterns.get(item.site, _DEFAULT)
        item.result = result
        if pattern.pattern == _DEFAULT.pattern:
            item.relevant = result.relevant
        else:
            item.relevant = pattern.search(f"{result.title or ''}\n{result.text}") is not None
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
        self.ranks = ranks
        self.crawler = crawler
        self.inc = _stat(crawler)

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
        if item.relevant and item.result is not None:
            aliases = [k for k in item.keys if k != item.url]
            prefer_source(self.db, item.url, item.site, item.result.text, self.ranks)
            save_result(self.db, item.result, url=item.url, site=item.site, aliases=aliases)
            self.inc("articles", item.site, 1)
            self.inc("facts", item.site, len(item.result.awards))
        outcome = "stored" if item.relevant else "irrelevant"
        keys = {*item.keys, url_key(item.url)}
        mark_seen(self.db, keys, site=item.site, outcome=outcome, run_id=self.run_id)
        return item

    def close_spider(self) -> None:
        self.db.close()


class FailureLog:
    """Records failed pages in crawl_errors (once per URL and run); permanent failures of
    article pages are marked seen so later runs leave them alone."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db = open_db(crawler.spider.db_path)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FailureLog:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FailedPage):
            return item
        run_id = self.crawler.stats.get_value("pantau/run_id")
        if record_error(self.db, run_id, item.site, item.url, item.reason):
            self.crawler.stats.inc_value(f"pantau/errors/{item.site}")
            log.warning("skipped %s: %s", item.url, item.reason)
        if item.permanent and item.kind in ("article", "part"):
            mark_seen(self.db, [url_key(item.url)], site=item.site, outcome="failed",
                      run_id=run_id)
        return item

    def close_spider(self) -> None:
        self.db.close()
