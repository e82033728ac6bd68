"""Outlets found by search rather than listed in SITES.yaml: rows of the ``sites`` table
like any listed site, so coverage per outlet counts them, with the display title the
search index gives (Google News's ``<source>``) where it gives one."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from store.crawl_state import upsert_sites


def record_outlet(
    db: sqlite_utils.Database,
    name: str,
    url: str,
    keywords: Iterable[str],
    title: str | None = None,
) -> None:
    """Add or refresh one outlet; a known title is kept when a later hit gives none."""
    upsert_sites(db, [(name, url, keywords)])
    if title:
        with db.conn:
            db["sites"].update(name, {"title": title}, alter=True)
