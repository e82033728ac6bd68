"""``pantau reextract`` runs the crawl's own item pipelines, built from crawler/settings.py."""

from crawler import settings
from crawler.reextract import item_pipelines
from store import open_db, upsert_sites


def test_the_chain_is_item_pipelines_in_order_less_the_offline_skips(tmp_path):
    db = open_db(tmp_path / "p.db")
    upsert_sites(db, [("b", "http://b.example/", ["JKN"]), ("a", "http://a.example/", ["UHC"])])
    db.close()
    pipelines = item_pipelines(tmp_path / "p.db", None)
    assert [type(p).__name__ for p in pipelines.middlewares] == [
        "JoinParts",
        "KeywordFilter",
        "Extract",
        "SinceFilter",
        "Store",
    ]
    assert settings.PANTAU_REEXTRACT_SKIP == [
        "crawler.pipelines.FailureLog",
        "crawler.outlets.RecordOutlets",
    ]
    keyword_filter, store = pipelines.middlewares[1], pipelines.middlewares[4]
    assert {name: p.pattern for name, p in keyword_filter.patterns.items()} == {
        "b": r"\b(?:JKN\b)",
        "a": r"\b(?:UHC\b)",
    }
    assert store.ranks == {"b": 0, "a": 1}
    store.close_spider()
