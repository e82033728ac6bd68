"""Rebuilding facts from the WARC archive (``pantau reextract``) without crawling again."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.pipelines import ItemPipelineManager
from scrapy.utils.misc import load_object

from crawler.items import ArticlePage
from crawler.run import crawl_settings
from crawler.sites import Site
from crawler.urls import clean_url, url_key
from crawler.warc import ArchivedPage, read_archive, warc_dir_for
from store import open_db, recorded_sites


def _group_articles(pages: Iterable[ArchivedPage]) -> dict[str, list[ArchivedPage]]:
    """Archived article pages grouped by their first page, later crawls winning. A page
    fetched as a listing or an unknown page may be an article too (the spider decides by
    content): ``_article`` decides again."""
    groups: dict[str, list[ArchivedPage]] = {}
    parts: dict[str, dict[int, ArchivedPage]] = defaultdict(dict)
    for page in pages:
        if page.kind in ("article", "page", "listing"):
            groups[page.url] = [page]
            parts.pop(page.url, None)
        elif page.kind == "part" and page.first:
            parts[page.first][page.part] = page
    for first, more in parts.items():
        if first in groups:
            groups[first].extend(more[n] for n in sorted(more))
    return groups


def _article(pages: list[ArchivedPage]) -> ArticlePage | None:
    from scrapy.http import HtmlResponse

    from crawler.pages import canonical_url, first_part_url, is_article

    responses = [
        HtmlResponse(p.url, status=p.status, headers=p.headers, body=p.body) for p in pages
    ]
    if first_part_url(pages[0].url) is not None or not is_article(responses[0]):
        return None
    canonical = clean_url(canonical_url(responses[0]))
    return ArticlePage(
        site=pages[0].site,
        url=canonical,
        parts=[r.text for r in responses],
        keys=sorted({url_key(canonical), *(url_key(p.url) for p in pages)}),
    )


class ArchiveSpider(Spider):
    """What the item pipelines read from a crawl's spider, for a re-extraction: the sites
    as the crawls recorded them (names and keywords, in crawl order), the database, --since."""

    name = "archive"

    def __init__(self, sites: list[Site], db_path: str, since: date | None) -> None:
        super().__init__()
        self.sites = sites
        self.db_path = db_path
        self.since = since


def item_pipelines(db_path: str | Path, since: date | None) -> ItemPipelineManager:
    """The crawl's ITEM_PIPELINES, built and ordered by Scrapy from crawler/settings.py,
    less those listed in PANTAU_REEXTRACT_SKIP (they make no sense without fetching)."""
    settings = crawl_settings()
    chain = settings.getdict("ITEM_PIPELINES")
    settings.set(
        "ITEM_PIPELINES",
        {**chain, **dict.fromkeys(settings.getlist("PANTAU_REEXTRACT_SKIP"))},
        priority="cmdline",
    )
    db = open_db(db_path)
    sites = [Site(name, url, keywords=tuple(kw)) for name, url, kw in recorded_sites(db)]
    db.close()
    crawler = Crawler(ArchiveSpider, settings)
    crawler.spider = ArchiveSpider(sites, str(db_path), since)
    crawler.stats = load_object(settings["STATS_CLASS"])(crawler)
    return ItemPipelineManager.from_crawler(crawler)


def reextract(db_path: str | Path, since: date | None = None) -> dict[str, int]:
    """Re-run the crawl's item pipelines (keyword filter, extraction, storage) over every
    archived article (published on or after ``since``, if given, as ``pantau crawl
    --since`` does)."""
    return asyncio.run(_reextract(item_pipelines(db_path, since), warc_dir_for(db_path)))


async def _reextract(pipelines: ItemPipelineManager, archive: Path) -> dict[str, int]:
    counts = {"pages": 0, "articles": 0, "facts": 0}
    seen_urls: set[str] = set()
    groups = _group_articles(read_archive(archive))
    await pipelines.open_spider_async()
    try:
        for pages in reversed(list(groups.values())):
            counts["pages"] += len(pages)
            item = _article(pages)
            if item is None or item.url in seen_urls:
                continue
            seen_urls.add(item.url)
            # a failing step records itself (Store: crawl_errors, outcome "error")
            item = await pipelines.process_item_async(item)
            if item.relevant and item.result is not None:
                counts["articles"] += 1
                counts["facts"] += len(item.result.awards)
    finally:
        await pipelines.close_spider_async()
    return counts
