"""The SQLite store: schema, and idempotent writes of extraction results.

One article is one row however many URLs lead to it; re-saving an article replaces its
facts rather than adding to them, so any stage can be re-run safely.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from extract.regions import all_regions
from extract.result import Result


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def text_hash(text: str) -> str:
    """Fingerprint of an article's text, so the same story under two URLs is stored once."""
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()


_SCHEMA_ATTEMPTS = 20


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) a pantau database with its full schema, in WAL mode."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA busy_timeout = 30000")
    db.enable_wal()
    # In WAL mode NORMAL never corrupts the database and survives a killed process; it
    # only skips an fsync per transaction (one per article while crawling).
    db.execute("PRAGMA synchronous = NORMAL")
    for attempt in range(_SCHEMA_ATTEMPTS):
        try:
            ensure_schema(db)
            break
        except sqlite3.OperationalError as exc:
            # Two processes creating one new database (crawl workers sharing it): the
            # other one made this table first, or holds the lock while switching to WAL
            # (SQLite answers "locked" at once there); look again at what exists.
            racing = "already exists" in str(exc) or "locked" in str(exc)
            if not racing or attempt == _SCHEMA_ATTEMPTS - 1:
                raise
            time.sleep(0.2)
    return db


QUERY_INDEXES = (
    ("articles", ["published", "site", "relevant"]),
    ("article_regions", ["region_code"]),
    ("article_officials", ["official_id"]),
    ("awards", ["year", "category"]),
)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables, indexes and FTS; load the region list once."""
    tables = set(db.table_names())
    if "regions" not in tables:
        db["regions"].create(
            {
                "code": str,
                "name": str,
                "level": str,
                "province_code": str,
                "latitude": float,
                "longitude": float,
            },
            pk="code",
        )
    if not db.execute("SELECT 1 FROM regions LIMIT 1").fetchone():  # a racing creator's
        db["regions"].insert_all(  # insert may have failed: fill the table whoever made it
            (
                {"code": r.code, "name": r.name, "level": r.level, "province_code": r.province_code}
                for r in all_regions().values()
            ),
            ignore=True,
        )
    if "sites" not in tables:
        db["sites"].create({"name": str, "url": str, "added": str, "keywords": str}, pk="name")
    if "crawl_runs" not in tables:
        db["crawl_runs"].create(
            {
                "id": int,
                "started": str,
                "finished": str,
                "status": str,
                "sites": str,
                "pages": int,
                "articles": int,
                "facts": int,
                "errors": int,
            },
            pk="id",
        )
    if "crawl_errors" not in tables:
        db["crawl_errors"].create(
            {"run_id": int, "site": str, "url": str, "reason": str, "at": str},
            pk=("run_id", "url"),
            foreign_keys=[("run_id", "crawl_runs", "id")],
        )
        db["crawl_errors"].create_index(["site"])
    if "seen_urls" not in tables:
        db["seen_urls"].create(
            {"key": str, "site": str, "outcome": str, "run_id": int, "at": str},
            pk="key",
            foreign_keys=[("run_id", "crawl_runs", "id")],
        )
    if "articles" not in tables:
        db["articles"].create(
            {
                "id": int,
                "url": str,
                "site": str,
                "title": str,
                "published": str,
                "event_date": str,
                "author": str,
                "text": str,
                "relevant": int,
                "text_hash": str,
                "fetched": str,
            },
            pk="id",
        )
        db["articles"].create_index(["url"], unique=True)
        db["articles"].create_index(["text_hash"])
        db["articles"].create_index(["site", "published"])
        db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")
    if "article_urls" not in tables:
        db["article_urls"].create(
            {"url": str, "article_id": int},
            pk="url",
            foreign_keys=[("article_id", "articles", "id")],
        )
    if "awards" not in tables:
        db["awards"].create(
            {
                "id": int,
                "article_id": int,
                "region_code": str,
                "year": int,
                "category": str,
                "recipient_name": str,
                "recipient_title": str,
                "evidence": str,
            },
            pk="id",
            foreign_keys=[("article_id", "articles", "id"), ("region_code", "regions", "code")],
        )
        db["awards"].create_index(["article_id", "region_code", "year"], unique=True)
        db["awards"].create_index(["region_code", "year"])
    if "officials" not in tables:
        db["officials"].create({"id": int, "name": str, "title": str}, pk="id")
        db["officials"].create_index(["name", "title"], unique=True)
    if "article_officials" not in tables:
        db["article_officials"].create(
            {"article_id": int, "official_id": int},
            pk=("article_id", "official_id"),
            foreign_keys=[("article_id", "articles", "id"), ("official_id", "officials", "id")],
        )
    if "article_regions" not in tables:
        db["article_regions"].create(
            {"article_id": int, "region_code": str, "mentions": int},
            pk=("article_id", "region_code"),
            foreign_keys=[("article_id", "articles", "id"), ("region_code", "regions", "code")],
        )
    # The published queries' indexes (bench/query_scale.py), also added to older databases.
    for table, columns in QUERY_INDEXES:
        db[table].create_index(columns, if_not_exists=True)


def find_article(db: sqlite_utils.Database, url: str, text: str = "") -> int | None:
    """The id of the article already stored under this URL, or with this exact text."""
    row = db.execute("SELECT article_id FROM article_urls WHERE url = ?", [url]).fetchone()
    if row:
        return row[0]
    if text:
        row = db.execute(
            "SELECT id FROM articles WHERE text_hash = ?", [text_hash(text)]
        ).fetchone()
        if row:
            return row[0]
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
            "fetched": _now(),
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
    for table in ("awards", "article_officials", "article_regions"):
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
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
    for official in result.officials:
        db["officials"].insert({"name": official.name, "title": official.title}, ignore=True)
        official_id = db.execute(
            "SELECT id FROM officials WHERE name = ? AND title = ?",
            [official.name, official.title],
        ).fetchone()[0]
        db["article_officials"].insert(
            {"article_id": article_id, "official_id": official_id}, ignore=True
        )
    db["article_regions"].insert_all(
        {"article_id": article_id, "region_code": r.code, "mentions": r.mentions}
        for r in result.regions
    )


# --- crawl bookkeeping: runs, errors and the URLs already fetched -------------------------


def upsert_sites(
    db: sqlite_utils.Database, sites: Iterable[tuple[str, str, Iterable[str]]]
) -> None:
    """Remember each crawled site (name, home page, relevance keywords); keeps the first
    ``added`` date. The keywords let ``pantau reextract`` judge relevance as the crawl did."""
    with db.conn:
        for name, url, keywords in sites:
            db["sites"].insert({"name": name, "url": url, "added": _now()}, ignore=True)
            db["sites"].update(
                name, {"url": url, "keywords": json.dumps(list(keywords))}, alter=True
            )


def site_keywords(db: sqlite_utils.Database) -> dict[str, list[str]]:
    """Relevance keywords per site, as recorded by the last crawl of each site."""
    if "keywords" not in db["sites"].columns_dict:
        return {}
    return {
        row["name"]: json.loads(row["keywords"]) for row in db["sites"].rows if row.get("keywords")
    }


def last_run(db: sqlite_utils.Database) -> dict | None:
    """The most recent crawl run, to tell a clean finish from a crash before resuming."""
    rows = list(db["crawl_runs"].rows_where(order_by="id desc", limit=1))
    return rows[0] if rows else None


def start_run(db: sqlite_utils.Database, sites: Iterable[str]) -> int:
    with db.conn:
        return (
            db["crawl_runs"]
            .insert(
                {
                    "started": _now(),
                    "status": "running",
                    "sites": ",".join(sites),
                    "pages": 0,
                    "articles": 0,
                    "facts": 0,
                    "errors": 0,
                }
            )
            .last_pk
        )


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, **counts: int) -> None:
    with db.conn:
        db["crawl_runs"].update(run_id, {"finished": _now(), "status": status, **counts})


def record_error(
    db: sqlite_utils.Database, run_id: int, site: str | None, url: str, reason: str
) -> bool:
    """Log a failed URL once per run; True if it was new in this run."""
    with db.conn:
        cursor = db.execute(
            "INSERT OR IGNORE INTO crawl_errors (run_id, site, url, reason, at) "
            "VALUES (?, ?, ?, ?, ?)",
            [run_id, site, url, reason, _now()],
        )
        return cursor.rowcount == 1


def seen_keys(db: sqlite_utils.Database, skip: Iterable[str] = ()) -> set[str]:
    """URL keys of every page already handled, so a new run fetches only what is new
    (``skip``: outcomes that do not count, e.g. articles left out by an earlier --since)."""
    skip = list(skip)
    marks = ",".join("?" * len(skip))
    where = f" WHERE outcome NOT IN ({marks})" if skip else ""
    return {row[0] for row in db.execute(f"SELECT key FROM seen_urls{where}", skip)}


def mark_seen(
    db: sqlite_utils.Database,
    keys: Iterable[str],
    *,
    site: str | None,
    outcome: str,
    run_id: int | None,
) -> None:
    """Record handled URL keys (outcome: stored, irrelevant, not-html, gone)."""
    with db.conn:
        db["seen_urls"].upsert_all(
            [
                {"key": k, "site": site, "outcome": outcome, "run_id": run_id, "at": _now()}
                for k in set(keys)
            ],
            pk="key",
        )
