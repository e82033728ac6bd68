"""Idempotent writes of extraction results: articles, their URLs and their facts.

One article is one row however many URLs lead to it; re-saving an article replaces its
facts rather than adding to them, so any stage can be re-run safely.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

import sqlite_utils

from extract.result import Result
from store.clock import now

FACT_TABLES = ("awards", "article_officials", "article_regions")


def text_hash(text: str) -> str:
    """Fingerprint of an article's text, so the same story under two URLs is stored once."""
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()


def find_article(db: sqlite_utils.Database, url: str, text: str = "") -> int | None:
    """The id of the article already stored under this URL, or with this exact text."""
    for row in db["article_urls"].rows_where("url = ?", [url], select="article_id", limit=1):
        return row["article_id"]
    if text:
        for row in db["articles"].rows_where(
            "text_hash = ?", [text_hash(text)], select="id", limit=1
        ):
            return row["id"]
    return None


def save_result(
    db: sqlite_utils.Database,
    result: Result,
    *,
    url: str,
    site: str | None,
    aliases: Iterable[str] = (),
) -> int:
    """Store one extracted article with its facts; idempotent for the same article.

    ``url`` is the canonical URL; ``aliases`` are other URLs that led to the same page.
    An article whose text is already stored under another URL keeps its first row.
    """
    with db.conn:
        article_id = find_article(db, url, result.text)
        row = {
            "url": url,
            "site": site,
            "title": result.title,
            "published": result.published.isoformat() if result.published else None,
            "event_date": result.event_date.isoformat() if result.event_date else None,
            "author": result.author,
            "text": result.text,
            "relevant": int(result.relevant),
            "text_hash": text_hash(result.text),
            "fetched": now(),
        }
        if article_id is None:
            article_id = db["articles"].insert(row).last_pk
        else:
            row.pop("url")
            row.pop("site")  # the URL and site stay a pair; prefer_source moves both
            db["articles"].update(article_id, row)
        db["article_urls"].upsert_all(
            [{"url": u, "article_id": article_id} for u in {url, *aliases}], pk="url"
        )
        _replace_facts(db, article_id, result)
    return article_id


def prefer_source(
    db: sqlite_utils.Database, url: str, site: str, text: str, ranks: Mapping[str, int]
) -> None:
    """If this text is already stored under a lower-ranked site's URL, file the article
    under ``url`` instead (the old URL stays an alias), so syndicated copies resolve to
    the preferred outlet whatever order they were fetched in."""
    article_id = find_article(db, url, text)
    if article_id is None:
        return
    row = db["articles"].get(article_id)
    worst = len(ranks)
    if row["url"] != url and ranks.get(site, worst) < ranks.get(row["site"], worst):
        with db.conn:
            db["article_urls"].upsert({"url": row["url"], "article_id": article_id}, pk="url")
            db["articles"].update(article_id, {"url": url, "site": site})


def _replace_facts(db: sqlite_utils.Database, article_id: int, result: Result) -> None:
    for table in FACT_TABLES:
        db[table].delete_where("article_id = ?", [article_id])
    db["awards"].insert_all(
        {
            "article_id": article_id,
            "region_code": a.region_code,
            "year": a.year,
            "category": a.category,
            "recipient_name": a.recipient_name,
            "recipient_title": a.recipient_title,
            "evidence": a.evidence,
        }
        for a in result.awards
    )
    # The caller's transaction holds the write lock here, so no other process can add the
    # same official between lookup's SELECT and its INSERT.
    db["article_officials"].insert_all(
        (
            {
                "article_id": article_id,
                "official_id": db["officials"].lookup({"name": o.name, "title": o.title}),
            }
            for o in result.officials
        ),
        ignore=True,
    )
    db["article_regions"].insert_all(
        {"article_id": article_id, "region_code": r.code, "mentions": r.mentions}
        for r in result.regions
    )


def duplicate_of(db: sqlite_utils.Database, url: str, text: str) -> str | None:
    """The URL under which an article with this exact text is already stored, when it is
    not ``url`` itself (a print view, a syndicated copy)."""
    rows = db["articles"].rows_where(
        "text_hash = ? AND url != ?", [text_hash(text), url], select="url", limit=1
    )
    return next((row["url"] for row in rows), None)
