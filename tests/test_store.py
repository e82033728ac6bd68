"""The store's crawl bookkeeping and idempotent article writes."""

from datetime import date

from extract.regions import all_regions
from extract.result import Award, Official, RegionMention, Result
from store import (
    QUERY_INDEXES,
    SeenLog,
    find_article,
    finish_run,
    last_run,
    mark_seen,
    open_db,
    record_error,
    recorded_sites,
    save_result,
    seen_keys,
    start_run,
    upsert_sites,
)


def result(text: str, awards: int = 1) -> Result:
    return Result(
        id=None,
        url=None,
        title="Sumba Timur raih UHC Award",
        published=date(2026, 5, 12),
        relevant=True,
        event_date=None,
        text=text,
        awards=[
            Award(
                "53.11",
                "Kabupaten Sumba Timur",
                "kabupaten",
                "Madya",
                2026 + i,
                None,
                None,
                "Sumba Timur meraih UHC Award kategori Madya.",
            )
            for i in range(awards)
        ],
    )


def test_save_twice_is_one_article_with_one_set_of_facts(tmp_path):
    db = open_db(tmp_path / "p.db")
    first = save_result(
        db,
        result("Teks berita."),
        url="http://a.example/x/",
        site="a",
        aliases=["http://a.example/x"],
    )
    again = save_result(db, result("Teks  berita.", awards=2), url="http://a.example/x/", site="a")
    assert first == again
    assert db["articles"].count == 1
    assert db.execute("SELECT year FROM awards ORDER BY year").fetchall() == [(2026,), (2027,)]
    assert find_article(db, "http://a.example/x") == first


def test_same_text_under_another_url_is_stored_once(tmp_path):
    db = open_db(tmp_path / "p.db")
    first = save_result(db, result("Teks berita yang sama."), url="http://a.example/1", site="a")
    second = save_result(db, result("teks berita  yang SAMA."), url="http://b.example/2", site="b")
    assert first == second
    assert db["articles"].count == 1
    assert find_article(db, "http://b.example/2") == first


def test_errors_once_per_url_and_run(tmp_path):
    db = open_db(tmp_path / "p.db")
    run = start_run(db, ["a"])
    assert record_error(db, run, "a", "http://a.example/x", "HTTP 500") is True
    assert record_error(db, run, "a", "http://a.example/x", "HTTP 500") is False
    run2 = start_run(db, ["a"])
    assert record_error(db, run2, "a", "http://a.example/x", "HTTP 500") is True
    assert db["crawl_errors"].count == 2


def test_runs_and_seen_urls(tmp_path):
    db = open_db(tmp_path / "p.db")
    assert last_run(db) is None
    run = start_run(db, ["a", "b"])
    assert last_run(db)["status"] == "running"
    mark_seen(
        db, ["http://a.example/x", "http://a.example/x"], site="a", outcome="stored", run_id=run
    )
    mark_seen(db, ["http://a.example/x"], site="a", outcome="irrelevant", run_id=run)
    mark_seen(db, ["http://a.example/old"], site="a", outcome="before-since", run_id=run)
    assert seen_keys(db) == {"http://a.example/x", "http://a.example/old"}
    assert seen_keys(db, skip=["before-since"]) == {"http://a.example/x"}
    finish_run(db, run, "finished", pages=5, articles=1, facts=2, errors=0)
    row = last_run(db)
    assert (row["status"], row["sites"], row["pages"], row["facts"]) == ("finished", "a,b", 5, 2)


def test_seen_log_writes_in_batches_and_keeps_the_later_mark(tmp_path):
    """A crawl's marks wait for a batch of keys (or the close); a key marked twice keeps
    the later mark, as two mark_seen calls would."""
    db = open_db(tmp_path / "p.db")
    log = SeenLog(open_db(tmp_path / "p.db"), batch=3, seconds=3600)

    def seen() -> list[tuple[str, str]]:
        return db.execute("SELECT key, outcome FROM seen_urls ORDER BY key").fetchall()

    log.mark(["http://a.example/r", "http://a.example/x"], site="a", outcome="error", run_id=1)
    log.mark(["http://a.example/x"], site="a", outcome="stored", run_id=1)
    assert seen() == []
    log.mark(["http://a.example/y"], site="a", outcome="irrelevant", run_id=1)
    assert seen() == [
        ("http://a.example/r", "error"),
        ("http://a.example/x", "stored"),
        ("http://a.example/y", "irrelevant"),
    ]
    log.mark(["http://a.example/r"], site="a", outcome="stored", run_id=2)
    assert seen()[0] == ("http://a.example/r", "error")
    log.close()
    assert seen()[0] == ("http://a.example/r", "stored")


def test_sites_keep_first_added_and_latest_keywords(tmp_path):
    db = open_db(tmp_path / "p.db")
    upsert_sites(db, [("a", "http://a.example/", ["UHC"])])
    added = db["sites"].get("a")["added"]
    upsert_sites(db, [("a", "http://a2.example/", ["UHC", "JKN"])])
    row = db["sites"].get("a")
    assert (row["url"], row["added"]) == ("http://a2.example/", added)
    assert recorded_sites(db) == [("a", "http://a2.example/", ["UHC", "JKN"])]


def test_schema_has_wal_fts_and_indexes(tmp_path):
    db = open_db(tmp_path / "p.db")
    assert db.journal_mode == "wal"
    assert db["articles"].detect_fts() == "articles_fts"
    assert {
        "seen_urls",
        "crawl_runs",
        "crawl_errors",
        "sites",
        "officials",
        "article_officials",
    } <= set(db.table_names())
    assert any(i.unique and i.columns == ["url"] for i in db["articles"].indexes)


def test_an_older_database_gets_the_indexes_it_lacks_and_keeps_its_rows(tmp_path):
    db = open_db(tmp_path / "old.db")
    article = save_result(db, result("Teks lama."), url="http://a.example/lama", site="a")
    added_since = ["idx_crawl_errors_site", *(f"idx_{t}_{'_'.join(c)}" for t, c in QUERY_INDEXES)]
    for name in added_since:
        db.execute(f"DROP INDEX {name}")
    db.close()
    db = open_db(tmp_path / "old.db")
    indexes = {i.name for table in db.tables for i in table.indexes}
    assert set(added_since) <= indexes
    assert QUERY_INDEXES == (
        ("articles", ["published", "site", "relevant"]),
        ("awards", ["year", "category"]),
        ("article_officials", ["official_id"]),
        ("article_regions", ["region_code"]),
    )
    assert find_article(db, "http://a.example/lama") == article
    assert db["regions"].count == len(all_regions())


def test_an_official_named_in_two_articles_is_one_row(tmp_path):
    db = open_db(tmp_path / "p.db")
    ali = Official("Ali Ghufron Mukti", "Direktur Utama BPJS Kesehatan")
    first = result("Berita pertama.")
    first.officials = [ali, Official("Abdul Hadi", "Bupati Balangan"), ali]
    second = result("Berita kedua.")
    second.officials = [ali]
    one = save_result(db, first, url="http://a.example/1", site="a")
    two = save_result(db, second, url="http://a.example/2", site="a")
    assert [(r["id"], r["name"]) for r in db["officials"].rows_where(order_by="id")] == [
        (1, "Ali Ghufron Mukti"),
        (2, "Abdul Hadi"),
    ]
    pairs = db.execute("SELECT article_id, official_id FROM article_officials ORDER BY 1, 2")
    assert pairs.fetchall() == [(one, 1), (one, 2), (two, 1)]


def test_a_failed_save_leaves_nothing_behind_and_no_stale_official_id(tmp_path):
    """An article is written in one transaction: when one of its facts cannot be stored,
    none of its rows stays, and the official it added is not remembered as stored."""
    import sqlite3

    import pytest

    from store import Articles

    db = open_db(tmp_path / "p.db")
    articles = Articles(db)
    broken = result("Berita yang gagal disimpan.")
    broken.officials = [Official("Umbu Lili Pekuwali", "Bupati Sumba Timur")]
    broken.regions = [RegionMention("53.11", "Sumba Timur", "kabupaten", 2)] * 2
    with pytest.raises(sqlite3.IntegrityError):
        articles.save(broken, url="http://a.example/gagal", site="a")
    assert [db[t].count for t in ("articles", "article_urls", "awards", "officials")] == [0] * 4
    fine = result("Berita kedua yang tersimpan.")
    fine.officials = broken.officials
    article = articles.save(fine, url="http://a.example/kedua", site="a")
    official = db.execute("SELECT id FROM officials WHERE name = 'Umbu Lili Pekuwali'").fetchone()
    pairs = db.execute("SELECT article_id, official_id FROM article_officials").fetchall()
    assert pairs == [(article, official[0])]
