"""Rebuilding facts from the WARC archive (``pantau reextract``) without crawling again."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from crawler.items import ArticlePage
from crawler.urls import clean_url, url_key
from crawler.warc import ArchivedPage, read_archive, warc_dir_for
from store.database import open_db, site_keywords


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


def reextract(db_path: str | Path, since: date | None = None) -> dict[str, int]:
    """Re-run keyword filter, extraction and storage over every archived article
    (published on or after ``since``, if given, as ``pantau crawl --since`` does)."""
    from crawler.pipelines import Extract, JoinParts, KeywordFilter, SinceFilter, Store
    from extract.relevance import keyword_pattern

    db = open_db(db_path)
    keywords = site_keywords(db)
    db.close()
    patterns = {name: keyword_pattern(kw) for name, kw in keywords.items()}
    ranks = {name: i for i, name in enumerate(keywords)}
    store = Store(str(db_path), ranks)
    chain = [
        JoinParts().process_item,
        KeywordFilter(patterns).process_item,
        Extract(patterns).run,
        SinceFilter(since).process_item,
        store.process_item,
    ]
    counts = {"pages": 0, "articles": 0, "facts": 0}
    seen_urls: set[str] = set()
    groups = _group_articles(read_archive(warc_dir_for(db_path)))
    for pages in reversed(list(groups.values())):
        counts["pages"] += len(pages)
        item = _article(pages)
        if item is None or item.url in seen_urls:
            continue
        seen_urls.add(item.url)
        for step in chain:  # a failing step records itself (Store: crawl_errors, "error")
            item = step(item)
        if item.relevant and item.result is not None:
            counts["articles"] += 1
            counts["facts"] += len(item.result.awards)
    store.close_spider()
    return counts
