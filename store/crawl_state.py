"""Crawl bookkeeping: the sites crawled, each run, its failed URLs and the URLs handled.

This is what lets a crawl resume after a crash and a later crawl fetch only what is new.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable

import sqlite_utils

from store.clock import now
from store.transaction import writing


def upsert_sites(
    db: sqlite_utils.Database, sites: Iterable[tuple[str, str, Iterable[str]]]
) -> None:
    """Remember each crawled site (name, home page, relevance keywords); keeps the first
    ``added`` date. The keywords let ``pantau reextract`` judge relevance as the crawl did."""
    with db.conn:
        for name, url, keywords in sites:
            db["sites"].insert({"name": name, "url": url, "added": now()}, ignore=True)
            db["sites"].update(
                name, {"url": url, "keywords": json.dumps(list(keywords))}, alter=True
            )


def recorded_sites(db: sqlite_utils.Database) -> list[tuple[str, str, list[str]]]:
    """(name, home page, keywords) of each site whose keywords a crawl recorded, in the
    order the sites were first crawled (which ranks syndicated copies, see store.articles)."""
    if "keywords" not in db["sites"].columns_dict:
        return []
    return [
        (row["name"], row["url"], json.loads(row["keywords"]))
        for row in db["sites"].rows
        if row.get("keywords")
    ]


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
                    "started": now(),
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
        db["crawl_runs"].update(run_id, {"finished": now(), "status": status, **counts})


def record_error(
    db: sqlite_utils.Database, run_id: int, site: str | None, url: str, reason: str
) -> bool:
    """Log a failed URL once per run; True if it was new in this run."""
    with db.conn:
        db["crawl_errors"].insert(
            {"run_id": run_id, "site": site, "url": url, "reason": reason, "at": now()},
            ignore=True,
        )
        return db.execute("SELECT changes()").fetchone()[0] == 1


def seen_keys(
    db: sqlite_utils.Database, skip: Iterable[str] = (), skip_prefixes: Iterable[str] = ()
) -> set[str]:
    """URL keys of every page already handled, so a new run fetches only what is new
    (``skip``: outcomes that do not count, e.g. articles left out by an earlier --since;
    ``skip_prefixes``: outcomes starting so, e.g. "not-article: listing")."""
    skip, prefixes = list(skip), [f"{p}%" for p in skip_prefixes]
    conditions = [f"outcome NOT IN ({','.join('?' * len(skip))})"] if skip else []
    conditions += ["outcome NOT LIKE ?"] * len(prefixes)
    where = " AND ".join(conditions) or None
    rows = db["seen_urls"].rows_where(where, skip + prefixes, select="key")
    return {row["key"] for row in rows}


def run_outcomes(
    db: sqlite_utils.Database, run_id: int
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """What run ``run_id`` recorded: (site, key, outcome) of seen_urls, (site, url) of
    crawl_errors."""
    seen = db["seen_urls"].rows_where("run_id = ?", [run_id], select="site, key, outcome")
    errors = db["crawl_errors"].rows_where("run_id = ?", [run_id], select="site, url")
    return [tuple(r.values()) for r in seen], [tuple(r.values()) for r in errors]


_MARK_SEEN = (
    "INSERT INTO seen_urls (key, site, outcome, run_id, at) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (key) DO UPDATE SET site = excluded.site, outcome = excluded.outcome,"
    " run_id = excluded.run_id, at = excluded.at"
)


def mark_seen(
    db: sqlite_utils.Database,
    keys: Iterable[str],
    *,
    site: str | None,
    outcome: str,
    run_id: int | None,
) -> None:
    """Record handled URL keys (outcome: stored, irrelevant, not-html, gone)."""
    with writing(db):
        db.conn.executemany(_MARK_SEEN, _seen_rows(set(keys), site, outcome, run_id))


def _seen_rows(
    keys: Iterable[str], site: str | None, outcome: str, run_id: int | None
) -> list[tuple[str, str | None, str, int | None, str]]:
    """seen_urls rows, in _MARK_SEEN's order (one prepared statement rather than
    sqlite-utils' upsert, which looks the table up again each time)."""
    at = now()
    return [(key, site, outcome, run_id, at) for key in keys]


class SeenLog:
    """``mark_seen`` for a crawl: marks are kept in order and written ``batch`` keys (or
    ``seconds``) at a time, one transaction each, instead of one transaction and a dozen
    sqlite-utils schema look-ups per page.

    Only the crawl batches, and losing a batch costs nothing: a crawl killed before a flush
    fetches those pages again next time (their articles are stored already, and storing is
    idempotent), and a clean stop (finished, or Ctrl-C, after which Scrapy's JOBDIR counts
    the requests done) flushes in ``close``. A key marked twice keeps the later mark, as
    two ``mark_seen`` calls would. ``before_write`` runs before each batch is written: the
    crawl writes its pending archive records there, so that a URL marked seen always has
    its page in the archive.
    """

    def __init__(
        self,
        db: sqlite_utils.Database,
        batch: int = 200,
        seconds: float = 1.0,
        before_write: Callable[[], object] | None = None,
    ) -> None:
        self.db = db
        self.batch = batch
        self.seconds = seconds
        self.before_write = before_write
        self._rows: dict[str, tuple] = {}
        self._written = time.monotonic()

    def mark(
        self, keys: Iterable[str], *, site: str | None, outcome: str, run_id: int | None
    ) -> None:
        for row in _seen_rows(keys, site, outcome, run_id):
            self._rows.pop(row[0], None)  # re-inserted last: the later mark wins
            self._rows[row[0]] = row
        if len(self._rows) >= self.batch or time.monotonic() - self._written >= self.seconds:
            self.flush()

    def flush(self) -> None:
        self._written = time.monotonic()
        if not self._rows:
            return
        if self.before_write is not None:
            self.before_write()
        with writing(self.db):
            self.db.conn.executemany(_MARK_SEEN, self._rows.values())
        self._rows = {}

    def close(self) -> None:
        """Flush and close the connection (again: nothing to do)."""
        self.flush()
        self.db.close()
