"""Scrapy's JOBDIR for a database: where an interrupted crawl resumes from.

Resuming: Scrapy keeps its queue in ``DB.jobdir`` (JOBDIR). That state is only
trustworthy after a clean stop (Ctrl-C: run status "interrupted"); after a crash or
SIGKILL the queue and its seen-request file may be half-written, so it is discarded and
the crawl starts again from the home pages, skipping every article the database
already holds (seen_urls). Store writes are idempotent, so nothing is duplicated.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from store import last_run, open_db


def jobdir_for(db_path: str | Path) -> Path:
    return Path(f"{db_path}.jobdir")


def prepare_jobdir(db_path: str | Path) -> Path:
    """The JOBDIR for this database, emptied unless the last run stopped cleanly."""
    jobdir = jobdir_for(db_path)
    db = open_db(db_path)
    previous = last_run(db)
    db.close()
    if previous is None or previous["status"] != "interrupted":
        shutil.rmtree(jobdir, ignore_errors=True)
    return jobdir
