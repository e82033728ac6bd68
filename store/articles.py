"""Idempotent writes of extraction results: articles, their URLs and their facts.

One article is one row however many URLs lead to it; re-saving an article replaces its
facts rather than adding to them, so any stage can be re-run safely.

The writes are plain statements over the tables ``open_db`` declared (store/schema.py),
not sqlite-utils' insert/upsert/lookup verbs: those look the schema up again on every
call (the table list, PRAGMA table_info, the index lists, a savepoint each), which cost
the crawl process about 1 ms per stored article, several times the writes themselves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from functools import lru_cache

import sqlite_utils

from extract.result import Official, Result
from store.clock import now
from store.transaction import writing

FACT_TABLES = ("awards", "article_officials", "article_regions")

_ARTICLE_COLUMNS = (
    "title",
    "published",
    "event_date",
    "author",
    "text",
    "relevant",
    "text_hash",
    "fetched",
)
_INSERT_ARTICLE = (
    f"INSERT INTO articles (url, site, {', '.join(_ARTICLE_COLUMNS)})"
    f" VALUES ({', '.join('?' * (len(_ARTICLE_COLUMNS) + 2))})"
)
# The URL and site stay a pair; prefer_source moves both.
_UPDATE_ARTICLE = (
    f"UPDATE articles SET {', '.join(f'{c} = ?' for c in _ARTICLE_COLUMNS)} WHERE id = ?"
)
_LINK_URL = (
    "INSERT INTO article_urls (url, article_id) VALUES (?, ?)"
    " ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id"
)
_INSERT_AWARD = (
    "INSERT INTO awards (article_id, region_code, year, category, recipient_name,"
    " recipient_title, evidence) VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_OFFICIAL = "INSERT INTO officials (name, title) VALUES (?, ?)"
_FIND_OFFICIAL = "SELECT id FROM officials WHERE name IS ? AND title IS ?"
_LINK_OFFICIAL = "INSERT OR IGNORE INTO article_officials (article_id, official_id) VALUES (?, ?)"
_INSERT_REGION = "INSERT INTO article_regions (article_id, region_code, mentions) VALUES (?, ?, ?)"


@lru_cache(maxsize=4)
def text_hash(text: str) -> str:
    """Fingerprint of an article's text, so the same story under two URLs is stored once.
    Kept for the last few texts: storing one article asks for it three times."""
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()


class Articles:
    """The article writes over one connection, for a caller storing many (a crawl).

    An official's id, once known, is kept: officials rows are never deleted nor
    renumbered, so a kept id stays right even while other processes write the same
    database. Ids are kept only once their transaction has committed.
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._officials: dict[tuple[str, str], int] = {}

    def find(self, url: str, text: str = "") -> int | None:
        """The id of the article already stored under this URL, or with this exact text."""
        row = self.db.execute(
            "SELECT article_id FROM article_urls WHERE url = ? LIMIT 1", [url]
        ).fetchone()
        if row is None and text:
            row = self.db.execute(
                "SELECT id FROM articles WHERE text_hash = ? LIMIT 1", [text_hash(text)]
            ).fetchone()
        return row[0] if row else None

    def duplicate_of(self, url: str, text: str) -> str | None:
        """The URL under which an article with this exact text is already stored, when it
        is not ``url`` itself (a print view, a syndicated copy)."""
        row = self.db.execute(
            "SELECT url FROM articles WHERE text_hash = ? AND url != ? LIMIT 1",
            [text_hash(text), url],
        ).fetchone()
        return row[0] if row else None

    def prefer_source(self, url: str, site: str, text: str, ranks: Mapping[str, int]) -> None:
        """If this text is already stored under a lower-ranked site's URL, file the article
        under ``url`` instead (the old URL stays an alias), so syndicated copies resolve to
        the preferred outlet whatever order they were fetched in."""
        with writing(self.db):
            article_id = self.find(url, text)
            if article_id is None:
                return
            stored_url, stored_site = self.db.execute(
                "SELECT url, site FROM articles WHERE id = ?", [article_id]
            ).fetchone()
            worst = len(ranks)
            if stored_url != url and ranks.get(site, worst) < ranks.get(stored_site, worst):
                self.db.execute(_LINK_URL, [stored_url, article_id])
                self.db.execute(
                    "UPDATE articles SET url = ?, site = ? WHERE id = ?", [url, site, article_id]
                )

    def save(
        self, result: Result, *, url: str, site: str | None, aliases: Iterable[str] = ()
    ) -> int:
        """Store one extracted article with its facts; idempotent for the same article.

        ``url`` is the canonical URL; ``aliases`` are other URLs that led to the same page.
        An article whose text is already stored under another URL keeps its first row.
        """
        values = [
            result.title,
            result.published.isoformat() if result.published else None,
            result.event_date.isoformat() if result.event_date else None,
            result.author,
            result.text,
            int(result.relevant),
            text_hash(result.text),
            now(),
        ]
        new_officials: dict[tuple[str, str], int] = {}
        with writing(self.db):
            article_id = self.find(url, result.text)
            if article_id is None:
                article_id = self.db.execute(_INSERT_ARTICLE, [url, site, *values]).lastrowid
            else:
                self.db.execute(_UPDATE_ARTICLE, [*values, article_id])
            self.db.conn.executemany(_LINK_URL, [(u, article_id) for u in {url, *aliases}])
            self._replace_facts(article_id, result, new_officials)
        self._officials.update(new_officials)
        return article_id

    def _replace_facts(
        self, article_id: int, result: Result, new_officials: dict[tuple[str, str], int]
    ) -> None:
        for table in FACT_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
        self.db.conn.executemany(
            _INSERT_AWARD,
            [
                (
                    article_id,
                    a.region_code,
                    a.year,
                    a.category,
                    a.recipient_name,
                    a.recipient_title,
                    a.evidence,
                )
                for a in result.awards
            ],
        )
        self.db.conn.executemany(
            _LINK_OFFICIAL,
            [(article_id, self._official(o, new_officials)) for o in result.officials],
        )
        self.db.conn.executemany(
            _INSERT_REGION, [(article_id, r.code, r.mentions) for r in result.regions]
        )

    def _official(self, official: Official, new: dict[tuple[str, str], int]) -> int:
        """The official's id, the row added if new. The caller's transaction holds the
        write lock, so no other process adds the same official between look-up and insert."""
        key = (official.name, official.title)
        known = self._officials.get(key, new.get(key))
        if known is None:
            row = self.db.execute(_FIND_OFFICIAL, key).fetchone()
            known = row[0] if row else self.db.execute(_INSERT_OFFICIAL, key).lastrowid
            new[key] = known
        return known


def find_article(db: sqlite_utils.Database, url: str, text: str = "") -> int | None:
    """The id of the article already stored under this URL, or with this exact text."""
    return Articles(db).find(url, text)


def save_result(
    db: sqlite_utils.Database,
    result: Result,
    *,
    url: str,
    site: str | None,
    aliases: Iterable[str] = (),
) -> int:
    """``Articles.save`` for a caller storing one article."""
    return Articles(db).save(result, url=url, site=site, aliases=aliases)
