"""Records in the ``sites`` table each outlet that search discovery made a site of the
crawl (crawler/spiders/search.py), once per crawl, when its first relevant article is
about to be stored: an outlet with nothing stored is not worth a row."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from crawler.items import ArticlePage
from store import open_db
from store.outlets import record_outlet


def outlet_row(spider: Any, site_name: str) -> dict[str, Any] | None:
    """name, url, keywords and title of ``site_name`` if search discovery found it, else
    None (a site of SITES.yaml, already recorded when the crawl started)."""
    if site_name not in getattr(spider, "outlets", ()):
        return None
    site = next(s for s in spider.sites if s.name == site_name)
    return {
        "name": site.name,
        "url": site.url,
        "keywords": list(site.keywords),
        "title": site.title,
    }


class RecordOutlets:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.recorded: set[str] = set()
        self.db: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RecordOutlets:
        return cls(crawler)

    def open_spider(self) -> None:
        self.db = open_db(self.crawler.spider.db_path)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticlePage) and item.relevant and item.site not in self.recorded:
            row = outlet_row(self.crawler.spider, item.site)
            if row is not None:
                record_outlet(self.db, **row)
                self.recorded.add(item.site)
        return item

    def close_spider(self) -> None:
        self.db.close()
