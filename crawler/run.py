"""Running a crawl from Python (``pantau crawl``): Scrapy's CrawlerProcess with pantau's
settings module and the news spider."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from crawler.items import BEFORE_SINCE, DUPLICATE, ERROR, FAILED, IRRELEVANT, STORED
from crawler.urls import url_key
from store import last_run, open_db, run_outcomes


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
    sites: str | Path,
    db: str | Path,
    *,
    since: str | None = None,
    max_pages: int = 0,
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


def site_summaries(db: str | Path, run_id: int) -> list[str]:
    """One line per site of run ``run_id``: how each fetched URL ended, so a user sees at
    a glance a site whose pages are fetched and not understood (all "not article"). A URL
    with a crawl_errors row counts as failed unless it was stored all the same (page 1
    of an article whose later pages could not be joined)."""
    store = open_db(db)
    try:
        seen, errors = run_outcomes(store, run_id)
    finally:
        store.close()
    kinds: dict[str, dict[str, str]] = {}
    for site, url in errors:
        kinds.setdefault(site or "", {})[url_key(url)] = "failed"
    for site, key, outcome in seen:
        if outcome not in (FAILED, ERROR):
            kinds.setdefault(site or "", {})[key] = _kind(outcome)
    lines = []
    for site, by_key in sorted(kinds.items()):
        tally = Counter(by_key.values())
        lines.append(
            f"{site}: {len(by_key)} URLs fetched: {tally['stored']} stored, "
            f"{tally['duplicate']} duplicate, {tally['irrelevant']} irrelevant, "
            f"{tally['not article']} not article, {tally['failed']} failed"
        )
    return lines


def _kind(outcome: str) -> str:
    if outcome == STORED:
        return "stored"
    if outcome.startswith(DUPLICATE):
        return "duplicate"
    if outcome in (IRRELEVANT, BEFORE_SINCE):
        return "irrelevant"
    return "not article"  # NOT_ARTICLE: reason
