"""``pantau merge`` (store/merge.py): databases made apart become one, articles folded by
canonical URL and text fingerprint, the newest extraction's facts kept, idempotent."""

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from extract.result import Award, Official, RegionMention, Result
from store import mark_seen, open_db, save_result, upsert_sites
from store.merge import MergeError
from store.merge import merge as run_merge
from store.outlets import record_outlet

PANTAU = Path(sys.executable).with_name("pantau")
SYNDICATED = (
    "Kabupaten Lombok Timur meraih UHC Award 2026 kategori Pratama dari BPJS Kesehatan. "
    "Penghargaan diterima Wakil Bupati Lombok Timur di Jakarta."
)
KUPANG = "Kota Kupang meraih UHC Award kategori Madya. Wali Kota Kupang menerima penghargaan."


def result(text: str, region: str, name: str, category: str, year: int = 2026) -> Result:
    return Result(
        id=None,
        url=None,
        title=text.split(".")[0],
        published=date(2026, 5, 12),
        relevant=True,
        event_date=date(2026, 5, 12),
        text=text,
        author="Redaksi",
        awards=[Award(region, name, "kabupaten", category, year, None, None, text[:60])],
        officials=[Official("Haerul Warisin", "Bupati")],
        regions=[RegionMention(region, name, "kabupaten", 2)],
    )


def fetched(db, url: str, when: str) -> None:
    """Pretend the article was extracted at ``when`` (the merge orders by it)."""
    with db.conn:
        db.execute("UPDATE articles SET fetched = ? WHERE url = ?", [when, url])


def make_inputs(tmp_path: Path) -> tuple[Path, Path]:
    """A: the syndicated story at suaralombok, Kupang's story extracted with the wrong
    category. B, crawled later elsewhere: the same story at gerbangntb (other URL, same
    text), Kupang's story again, re-extracted (Madya), and a story of its own."""
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    db = open_db(a)
    upsert_sites(db, [("suaralombok", "http://suaralombok.test/", ["UHC"])])
    save_result(
        db,
        result(SYNDICATED, "52.03", "Kabupaten Lombok Timur", "Pratama"),
        url="http://suaralombok.test/2026/05/lotim-uhc/",
        site="suaralombok",
        aliases=["http://suaralombok.test/2026/05/lotim-uhc"],
    )
    save_result(
        db,
        result(KUPANG, "53.71", "Kota Kupang", "Utama"),
        url="http://kupang.test/uhc/",
        site="kupang",
    )
    fetched(db, "http://suaralombok.test/2026/05/lotim-uhc/", "2026-05-12T01:00:00+00:00")
    fetched(db, "http://kupang.test/uhc/", "2026-05-12T02:00:00+00:00")
    mark_seen(db, ["http://suaralombok.test/lama"], site="suaralombok", outcome="gone", run_id=None)
    db.close()
    db = open_db(b)
    record_outlet(db, "gerbangntb.test", "http://gerbangntb.test/", ["UHC"], "Gerbang NTB")
    save_result(
        db,
        result(SYNDICATED, "52.03", "Kabupaten Lombok Timur", "Pratama"),
        url="http://gerbangntb.test/berita/lotim-raih-uhc",
        site="gerbangntb.test",
    )
    save_result(
        db,
        result(KUPANG, "53.71", "Kota Kupang", "Madya"),
        url="http://kupang.test/uhc/",
        site="kupang",
    )
    save_result(
        db,
        result(
            "Kota Bima meraih UHC Award 2026 kategori Pratama.", "52.72", "Kota Bima", "Pratama"
        ),
        url="http://bima.test/uhc",
        site="bima",
    )
    fetched(db, "http://gerbangntb.test/berita/lotim-raih-uhc", "2026-05-13T00:00:00+00:00")
    fetched(db, "http://kupang.test/uhc/", "2026-05-14T00:00:00+00:00")
    db.close()
    return a, b


def dump(path: Path) -> dict:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        q = lambda sql: [tuple(row) for row in conn.execute(sql)]  # noqa: E731
        return {
            "articles": q("SELECT url, site, title, fetched FROM articles ORDER BY url"),
            "urls": q(
                "SELECT u.url, a.url FROM article_urls u JOIN articles a ON a.id = u.article_id "
                "ORDER BY 1"
            ),
            "facts": q(
                "SELECT a.url, w.region_code, w.year, w.category FROM awards w "
                "JOIN articles a ON a.id = w.article_id ORDER BY 1, 2"
            ),
            "officials": q("SELECT name, title FROM officials ORDER BY 1"),
            "people": q("SELECT count(*) FROM article_officials"),
            "regions": q(
                "SELECT article_id, region_code, mentions FROM article_regions ORDER BY 1"
            ),
            "sites": [
                (row["name"], row["url"], dict(row).get("title"))
                for row in conn.execute("SELECT * FROM sites ORDER BY name")
            ],
            "seen": q("SELECT key, site, outcome FROM seen_urls ORDER BY key"),
        }


def merge(*args) -> subprocess.CompletedProcess:
    return subprocess.run([PANTAU, "merge", *args], capture_output=True, text=True, timeout=120)


def test_merge_folds_by_url_and_text_and_keeps_newest_facts(tmp_path):
    a, b = make_inputs(tmp_path)
    before = (dump(a), dump(b))
    into = tmp_path / "c.db"
    proc = merge(a, b, "--into", into)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == (
        f"merge: 5 articles read from 2 databases; {into} holds 3 articles, 3 award facts\n"
    )
    merged = dump(into)
    lotim = "http://suaralombok.test/2026/05/lotim-uhc/"
    assert [(url, site) for url, site, _, _ in merged["articles"]] == [
        ("http://bima.test/uhc", "bima"),
        ("http://kupang.test/uhc/", "kupang"),
        (lotim, "suaralombok"),
    ]
    assert [when for *_, when in merged["articles"]][1:] == [
        "2026-05-14T00:00:00+00:00",
        "2026-05-13T00:00:00+00:00",
    ]
    assert merged["urls"] == [
        ("http://bima.test/uhc", "http://bima.test/uhc"),
        ("http://gerbangntb.test/berita/lotim-raih-uhc", lotim),
        ("http://kupang.test/uhc/", "http://kupang.test/uhc/"),
        ("http://suaralombok.test/2026/05/lotim-uhc", lotim),
        (lotim, lotim),
    ]
    assert merged["facts"] == [
        ("http://bima.test/uhc", "52.72", 2026, "Pratama"),
        ("http://kupang.test/uhc/", "53.71", 2026, "Madya"),  # B's newer extraction
        (lotim, "52.03", 2026, "Pratama"),
    ]
    assert merged["officials"] == [("Haerul Warisin", "Bupati")]
    assert merged["people"] == [(3,)]
    assert merged["sites"] == [
        ("gerbangntb.test", "http://gerbangntb.test/", "Gerbang NTB"),
        ("suaralombok", "http://suaralombok.test/", None),
    ]
    assert merged["seen"] == [("http://suaralombok.test/lama", "suaralombok", "gone")]
    assert (dump(a), dump(b)) == before  # the inputs are only read


def test_merge_is_idempotent_and_order_free(tmp_path):
    a, b = make_inputs(tmp_path)
    into, other = tmp_path / "c.db", tmp_path / "d.db"
    run_merge([a, b], into)
    once = dump(into)
    run_merge([a, b], into)
    run_merge([b], into)
    assert dump(into) == once
    run_merge([b, a], other)
    assert dump(other) == once


def test_bad_inputs_are_one_line(tmp_path):
    a, _ = make_inputs(tmp_path)
    text = tmp_path / "SITES.yaml"
    text.write_text("sites: []\n")
    empty = tmp_path / "kosong.db"
    sqlite3.connect(empty).close()
    cases = [
        ([tmp_path / "tidak-ada.db"], tmp_path / "c.db", "tidak-ada.db: no such file"),
        ([text], tmp_path / "c.db", "SITES.yaml: not a pantau database (file is not"),
        ([empty], tmp_path / "c.db", "kosong.db: not a pantau database (no article_urls"),
        ([a], a, "a.db: cannot merge a database into itself"),
        ([a], text, "SITES.yaml: not a pantau database (file is not"),
    ]
    for inputs, into, message in cases:
        with pytest.raises(MergeError) as error:
            run_merge(inputs, into)
        assert message in str(error.value)
    proc = merge(text, "--into", tmp_path / "c.db")  # the command: one line, exit 2
    assert proc.returncode == 2
    assert proc.stderr == (f"Error: {text}: not a pantau database (file is not a database)\n")
