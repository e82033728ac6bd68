"""The SQLite store: ``schema`` (one declaration, opening a database), ``articles``
(articles and their facts) and ``crawl_state`` (sites, runs, errors, URLs handled).

Callers import from here; the modules are the store's own division of work.
"""

from store.articles import (
    Articles,
    find_article,
    save_result,
    text_hash,
)
from store.crawl_state import (
    SeenLog,
    finish_run,
    last_run,
    mark_seen,
    record_error,
    recorded_sites,
    run_outcomes,
    seen_keys,
    start_run,
    upsert_sites,
)
from store.schema import QUERY_INDEXES, SCHEMA, ensure_schema, index_name, open_db
from store.transaction import writing

__all__ = [
    "QUERY_INDEXES",
    "SCHEMA",
    "Articles",
    "SeenLog",
    "ensure_schema",
    "find_article",
    "finish_run",
    "index_name",
    "last_run",
    "mark_seen",
    "open_db",
    "record_error",
    "recorded_sites",
    "run_outcomes",
    "save_result",
    "seen_keys",
    "start_run",
    "text_hash",
    "upsert_sites",
    "writing",
]
