"""``pantau merge A.db B.db ... --into C.db``: one database from databases made apart
(crawls on machines without a shared Redis, a laptop's crawl and a server's).

Each article of each input is saved into C with the store's own ``save_result``, so the
rules of a single crawl hold across databases: one article per canonical URL or text
fingerprint, every URL that led to it kept, its facts replaced rather than added. The
articles are taken oldest extraction first (their ``fetched`` time, then the order the
databases were given), so where inputs disagree the newest extraction's facts win while
the URL that first reported the story stays the article's; the merged row keeps the
``fetched`` time of the extraction it holds. Merging the same inputs again changes
nothing. Sites (outlets found by search too) and handled URLs (``seen_urls``, so a later
crawl into C stays incremental) are merged; crawl runs and errors stay with the
database whose crawl they describe.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import sqlite_utils

from extract.result import Award, Official, RegionMention, Result
from store.articles import save_result
from store.crawl_state import mark_seen
from store.outlets import record_outlet
from store.schema import open_db


class MergeError(ValueError):
    """An input that cannot be merged, worded as the one line the user sees."""


def _open_input(path: Path) -> sqlite_utils.Database:
    """An input, read-only: merging must never change it."""
    if not path.is_file():
        raise MergeError(f"{path}: no such file")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        db = sqlite_utils.Database(conn)
        tables = set(db.table_names())
    except sqlite3.DatabaseError as exc:
        raise MergeError(f"{path}: not a pantau database ({exc})") from None
    missing = {"articles", "article_urls", "awards", "sites"} - tables
    if missing:
        raise MergeError(f"{path}: not a pantau database (no {', '.join(sorted(missing))})")
    return db


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _result(db: sqlite_utils.Database, row: dict) -> Result:
    """The stored article as the extractor's Result, facts included."""
    article = [row["id"]]
    awards = [
        Award(
            region_code=a["region_code"],
            region_name=a["name"] or "",
            level=a["level"] or "",
            category=a["category"],
            year=a["year"],
            recipient_name=a["recipient_name"],
            recipient_title=a["recipient_title"],
            evidence=a["evidence"],
        )
        for a in db.query(
            "SELECT w.*, r.name, r.level FROM awards w LEFT JOIN regions r "
            "ON r.code = w.region_code WHERE w.article_id = ? ORDER BY w.id",
            article,
        )
    ]
    officials = [
        Official(name=o["name"], title=o["title"])
        for o in db.query(
            "SELECT o.name, o.title FROM article_officials ao JOIN officials o "
            "ON o.id = ao.official_id WHERE ao.article_id = ? ORDER BY o.id",
            article,
        )
    ]
    regions = [
        RegionMention(
            code=r["region_code"],
            name=r["name"] or "",
            level=r["level"] or "",
            mentions=r["mentions"],
        )
        for r in db.query(
            "SELECT ar.region_code, ar.mentions, r.name, r.level FROM article_regions ar "
            "LEFT JOIN regions r ON r.code = ar.region_code WHERE ar.article_id = ? "
            "ORDER BY ar.region_code",
            article,
        )
    ]
    return Result(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        published=_day(row["published"]),
        relevant=bool(row["relevant"]),
        event_date=_day(row["event_date"]),
        text=row["text"] or "",
        author=row["author"],
        awards=awards,
        officials=officials,
        regions=regions,
    )


def _articles(inputs: Sequence[sqlite_utils.Database]) -> Iterator[tuple[int, dict]]:
    """(input index, article row) of every input, oldest extraction first."""
    rows = [(i, row) for i, db in enumerate(inputs) for row in db["articles"].rows]
    rows.sort(key=lambda pair: (pair[1]["fetched"] or "", pair[0], pair[1]["id"]))
    yield from rows


def merge(paths: Sequence[str | Path], into: str | Path) -> Counter[str]:
    """Merge the databases at ``paths`` into ``into`` (created if missing); returns what
    was read and what ``into`` holds afterwards."""
    into = Path(into)
    paths = [Path(p) for p in paths]
    if any(into.exists() and p.resolve() == into.resolve() for p in paths):
        raise MergeError(f"{into}: cannot merge a database into itself")
    inputs = [_open_input(p) for p in paths]
    try:
        out = open_db(into)
    except sqlite3.DatabaseError as exc:
        raise MergeError(f"{into}: not a pantau database ({exc})") from None
    counts: Counter[str] = Counter()
    try:
        for db in inputs:
            for site in db["sites"].rows:
                keywords = site.get("keywords")
                record_outlet(
                    out, site["name"], site["url"], _keywords(keywords), site.get("title")
                )
        for i, row in _articles(inputs):
            db = inputs[i]
            urls = [u["url"] for u in db["article_urls"].rows_where("article_id = ?", [row["id"]])]
            result = _result(db, row)
            article_id = save_result(out, result, url=row["url"], site=row["site"], aliases=urls)
            with out.conn:
                out["articles"].update(article_id, {"fetched": row["fetched"]})
            counts["articles read"] += 1
        for db in inputs:
            if "seen_urls" in db.table_names():
                groups: dict[tuple, list[str]] = {}
                for seen in db["seen_urls"].rows:
                    groups.setdefault((seen["site"], seen["outcome"]), []).append(seen["key"])
                for (site, outcome), keys in groups.items():
                    mark_seen(out, keys, site=site, outcome=outcome, run_id=None)
        counts["articles"] = out["articles"].count
        counts["facts"] = out["awards"].count
    finally:
        out.close()
        for db in inputs:
            db.close()
    return counts


def _keywords(value: str | None) -> list[str]:
    return json.loads(value) if value else []
