"""A transaction holding the write lock from its start, for the writes a crawl repeats
(an article with its facts, a batch of seen URLs) in a database that crawl workers and
writers may share."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils


@contextmanager
def writing(db: sqlite_utils.Database) -> Iterator[None]:
    """One transaction that takes the write lock at once (waiting for it as long as the
    connection's busy timeout), so that another process sharing the database cannot
    write between this one's look-ups and its writes; inside a transaction already
    open, its statements simply join that one."""
    if db.conn.in_transaction:
        yield
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
