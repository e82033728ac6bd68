"""Running a crawl from Python (``pantau crawl``) and rebuilding facts from the archive
(``pantau reextract``).

Resuming: Scrapy keeps its queue in ``DB.jobdir`` (JOBDIR). That state is only
trustworthy after a clean stop (Ctrl-C: run status "interrupted"); after a crash or
SIGKILL the queue and its seen-request file may be half-written, so it is discarded and
the crawl starts again from the home pages, skipping every article the database
already holds (seen_urls). Store writes are idempotent, so nothing is duplicated.
"""

from __future__ import annotations

import logging
import shutil
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from crawler.items import ArticlePage
from crawler.urls import clean_url, url_key
from pantau.store import last_run, open_db, site_keywords
from pantau.warc import ArchivedPage, read_archive, warc_dir_for

log = logging.getLogger(__name__)

# Settings for crawling the local sample network quickly (tests, benchmarks, demo).
FAST: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "PANTAU_RETRY_BACKOFF": 0.05,
    "DOWNLOAD_TIMEOUT": 5,
}


def jobdir_for(db_path: str | Path) -> Path:
    return Path(f"{db_path}.jobdir")


def prepare_jobdir(db_path: str | Path) -> Path:
    """The JOBDIR for this database, emptied unless the last run stopped cleanly."""
    jobdir = jobdir_for(db_path)
    db = open_db(db_path)
    previous = last_run(db)
    db.close()
    if previous is None or previous["status"] != "interrupted":
        shutil.rmtree(jobdir, ignore_errors=True)
    return jobdir


def crawl_settings(overrides: Mapping[str, Any] | None = None) -> Any:
    """crawler/settings.py (whatever the working directory) plus ``overrides``."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.update(dict(overrides or {}), priority="cmdline")
    return settings


def setting_problem(name: str, value: str) -> str | None:
    """Why ``-s NAME=VALUE`` would fail once the crawl has started, or None if it will not.

    Scrapy reads a setting with the getter of its type (``getfloat("DOWNLOAD_TIMEOUT")``)
    only when a component starts, deep inside the crawl, where a bad value is a traceback.
    The check goes by the type of the setting's default; numbers are checked as numbers
    only, because an int default (DOWNLOAD_TIMEOUT = 180) may be read as a float.
    """
    default = crawl_settings().get(name)
    settings = crawl_settings({name: value})
    if isinstance(default, bool):
        getter, kind = settings.getbool, "true or false"
    elif isinstance(default, int | float):
        getter, kind = settings.getfloat, "a number"
    else:
        return None
    try:
        getter(name)
    except ValueError:
        return f"{name} expects {kind}, got {value!r}"
    return None


def run_crawl(
    sites: str | Path, db: str | Path, *, since: str | None = None, max_pages: int = 0,
    settings: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Crawl every site of SITES.yaml into ``db``; returns this run's crawl_runs row (not
    merely the latest: other workers may share the database, see crawler/distributed.py)."""
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders.news import NewsSpider

    process = CrawlerProcess(crawl_settings(settings))
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, sites=str(sites), db=str(db), since=since, max_pages=max_pages)
    process.start()
    run_id = crawler.stats.get_value("pantau/run_id")
    store = open_db(db)
    try:
        if run_id is None:
            return last_run(store) or {}
        return dict(store["crawl_runs"].get(run_id))
    finally:
        store.close()


def _group_articles(pages: Iterable[ArchivedPage]) -> dict[str, list[ArchivedPage]]:
    """Archived article pages grouped by their first page, later crawls winning."""
    groups: dict[str, list[ArchivedPage]] = {}
    parts: dict[str, dict[int, ArchivedPage]] = defaultdict(dict)
    for page in pages:
        if page.kind == "article":
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

    from crawler.pages import canonical_url, is_article

    responses = [
        HtmlResponse(p.url, status=p.status, headers=p.headers, body=p.body) for p in pages
    ]
    if not is_article(responses[0]):
        return None
    canonical = clean_url(canonical_url(responses[0]))
    return ArticlePage(
        site=pages[0].site, url=canonical, parts=[r.text for r in responses],
        keys=sorted({url_key(canonical), *(url_key(p.url) for p in pages)}),
    )


def reextract(db_path: str | Path, since: date | None = None) -> dict[str, int]:
    """Re-run keyword filter, extraction and storage over every archived article
    (published on or after ``since``, if given, as ``pantau crawl --since`` does)."""
    from scrapy.exceptions import DropItem

    from crawler.pipelines import Extract, JoinParts, KeywordFilter, SinceFilter, Store
    from extract.relevance import keyword_pattern

    db = open_db(db_path)
    keywords = site_keywords(db)
    db.close()
    patterns = {name: keyword_pattern(kw) for name, kw in keywords.items()}
    ranks = {name: i for i, name in enumerate(keywords)}
    store = Store(str(db_path), ranks)
    chain = [JoinParts().process_item, KeywordFilter(patterns).process_item,
             Extract(patterns).run, SinceFilter(since).process_item, store.process_item]
    counts = {"pages": 0, "articles": 0, "facts": 0}
    seen_urls: set[str] = set()
    groups = _group_articles(read_archive(warc_dir_for(db_path)))
    for pages in reversed(list(groups.values())):
        counts["pages"] += len(pages)
        item = _article(pages)
        if item is None or item.url in seen_urls:
            continue
        seen_urls.add(item.url)
        try:
            for step in chain:
                item = step(item)
        except DropItem:
            continue
        if item.relevant and item.result is not None:
            counts["articles"] += 1
            counts["facts"] += len(item.result.awards)
    store.close_spider()
    return counts
