"""The store's schema as one declaration, and opening a database with it.

Every table, key, index and full-text index is declared once in ``SCHEMA`` and applied
with sqlite-utils' ``create(..., if_not_exists=True)``: a new database gets all of it,
an older one gets whatever it lacks (an index added since, for instance) and keeps its
rows.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from extract.regions import all_regions


@dataclass(frozen=True)
class Index:
    """An index of a table; named by sqlite-utils after its table and columns, which is how
    ``create_index(..., if_not_exists=True)`` finds it again in an existing database."""

    columns: tuple[str, ...]
    unique: bool = False
    # Serves the published queries rather than the store's own writes; bench/query_scale.py
    # times those queries without and with these indexes.
    for_queries: bool = False


@dataclass(frozen=True)
class Table:
    """One table as ``Table.create`` takes it, with its indexes and full-text columns."""

    columns: dict[str, type]
    pk: str | tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    indexes: tuple[Index, ...] = ()
    fts: tuple[str, ...] = ()  # columns searched through <table>_fts, kept by triggers


# In creation order: a table comes after the tables its foreign keys point to.
SCHEMA: dict[str, Table] = {
    "regions": Table(
        {
            "code": str,
            "name": str,
            "level": str,
            "province_code": str,
            "latitude": float,
            "longitude": float,
        },
        pk="code",
    ),
    "sites": Table({"name": str, "url": str, "added": str, "keywords": str}, pk="name"),
    "crawl_runs": Table(
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
    ),
    "crawl_errors": Table(
        {"run_id": int, "site": str, "url": str, "reason": str, "at": str},
        pk=("run_id", "url"),
        foreign_keys=(("run_id", "crawl_runs", "id"),),
        indexes=(Index(("site",)),),
    ),
    "seen_urls": Table(
        {"key": str, "site": str, "outcome": str, "run_id": int, "at": str},
        pk="key",
        foreign_keys=(("run_id", "crawl_runs", "id"),),
    ),
    "articles": Table(
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
        indexes=(
            Index(("url",), unique=True),
            Index(("text_hash",)),
            Index(("site", "published")),
            Index(("published", "site", "relevant"), for_queries=True),
        ),
        fts=("title", "text"),
    ),
    "article_urls": Table(
        {"url": str, "article_id": int},
        pk="url",
        foreign_keys=(("article_id", "articles", "id"),),
    ),
    "awards": Table(
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
        foreign_keys=(("article_id", "articles", "id"), ("region_code", "regions", "code")),
        indexes=(
            Index(("article_id", "region_code", "year"), unique=True),
            Index(("region_code", "year")),
            Index(("year", "category"), for_queries=True),
        ),
    ),
    "officials": Table(
        {"id": int, "name": str, "title": str},
        pk="id",
        indexes=(Index(("name", "title"), unique=True),),
    ),
    "article_officials": Table(
        {"article_id": int, "official_id": int},
        pk=("article_id", "official_id"),
        foreign_keys=(("article_id", "articles", "id"), ("official_id", "officials", "id")),
        indexes=(Index(("official_id",), for_queries=True),),
    ),
    "article_regions": Table(
        {"article_id": int, "region_code": str, "mentions": int},
        pk=("article_id", "region_code"),
        foreign_keys=(("article_id", "articles", "id"), ("region_code", "regions", "code")),
        indexes=(Index(("region_code",), for_queries=True),),
    ),
}

QUERY_INDEXES: tuple[tuple[str, list[str]], ...] = tuple(
    (name, list(index.columns))
    for name, table in SCHEMA.items()
    for index in table.indexes
    if index.for_queries
)

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
            # other one made the full-text index first, or holds the lock while switching
            # to WAL (SQLite answers "locked" at once there); look again at what exists.
            racing = "already exists" in str(exc) or "locked" in str(exc)
            if not racing or attempt == _SCHEMA_ATTEMPTS - 1:
                raise
            time.sleep(0.2)
    return db


def index_name(table: str, columns: Iterable[str]) -> str:
    """The name an index is created under (sqlite-utils' own rule, given explicitly so
    that ``ensure_schema`` and the query benchmark can find it by name)."""
    return f"idx_{table}_{'_'.join(columns)}"


# What a database with the full schema holds, by name: each table, each index and each
# full-text table.
_DECLARED_NAMES = frozenset(
    [
        *SCHEMA,
        *(index_name(name, i.columns) for name, t in SCHEMA.items() for i in t.indexes),
        *(f"{name}_fts" for name, t in SCHEMA.items() if t.fts),
    ]
)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create whatever ``SCHEMA`` declares and ``db`` lacks; load the region list once.

    A database that has it all is told by one look at sqlite_master: a crawl opens its
    database half a dozen times, and going through the declaration with sqlite-utils
    costs 2 ms of the crawl process each time."""
    present = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    if present >= _DECLARED_NAMES and db.execute("SELECT 1 FROM regions LIMIT 1").fetchone():
        return
    for name, declared in SCHEMA.items():
        table = db[name]
        table.create(
            declared.columns,
            pk=declared.pk,
            foreign_keys=list(declared.foreign_keys),
            if_not_exists=True,
        )
        for index in declared.indexes:
            table.create_index(
                index.columns,
                index_name=index_name(name, index.columns),
                unique=index.unique,
                if_not_exists=True,
            )
        if declared.fts and not table.detect_fts():
            table.enable_fts(declared.fts, create_triggers=True, tokenize="porter")
    if not db["regions"].count:  # a racing creator's insert may have failed: fill it here
        db["regions"].insert_all(
            (
                {"code": r.code, "name": r.name, "level": r.level, "province_code": r.province_code}
                for r in all_regions().values()
            ),
            ignore=True,
        )
