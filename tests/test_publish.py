"""Publishing: consolidated views, canned queries and pages, through Datasette's client."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
import sqlite_utils
import yaml
from publish_fixture import SCRIPT, URLS, articles, build, get

import store
from extract.officials import fullest_names, merge_officials
from extract.regions import all_regions
from publish.serve import CONFIG_DIR, make_datasette
from publish.views import ensure_views

ATOM = "{http://www.w3.org/2005/Atom}"


def rows(ds, path: str) -> list[dict]:
    sep = "&" if "?" in path else "?"
    response = get(ds, f"{path}{sep}_shape=array")
    assert response.status_code == 200, response.text
    return response.json()


SUMMARY_COLUMNS = (
    "region_code",
    "region_name",
    "level",
    "province",
    "year",
    "category",
    "categories_stated",
    "disagreement",
    "recipients",
    "articles",
    "outlets",
    "first_reported",
    "last_reported",
    "evidence_urls",
)


def test_award_summary_is_one_row_per_region_and_year_with_the_majority_category(db_path):
    db = sqlite_utils.Database(db_path)
    got = [
        (*(r[c] for c in SUMMARY_COLUMNS[:-1]), json.loads(r["evidence_urls"]))
        for r in db.query("select * from award_summary order by region_code, year")
    ]
    ntt, kalsel = "Nusa Tenggara Timur", "Kalimantan Selatan"
    assert got == [
        (
            "53.07",
            "Kabupaten Sikka",
            "kabupaten",
            ntt,
            2026,
            "Pratama",
            "Pratama (1)",
            0,
            "Petrus Wado",
            2,
            2,
            "2026-03-11",
            "2026-03-12",
            [URLS[3], URLS[4]],
        ),
        (
            "53.71",
            "Kota Kupang",
            "kota",
            ntt,
            2024,
            "Madya",
            "Madya (1)",
            0,
            "Yohanes Bria",
            1,
            1,
            "2024-07-15",
            "2024-07-15",
            [URLS[1]],
        ),
        (
            "53.71",
            "Kota Kupang",
            "kota",
            ntt,
            2026,
            "Utama",
            "Utama (2), Madya (1)",
            1,
            "Yohanes Bria",
            3,
            3,
            "2026-03-10",
            "2026-03-12",
            [URLS[2], URLS[3], URLS[4]],
        ),
        (
            "63",
            "Kalimantan Selatan",
            "provinsi",
            kalsel,
            2025,
            "Utama",
            "Utama (1)",
            0,
            None,
            1,
            1,
            "2025-08-05",
            "2025-08-05",
            [URLS[5]],
        ),
        (
            "63.11",
            "Kabupaten Balangan",
            "kabupaten",
            kalsel,
            2025,
            "Madya",
            "Madya (1)",
            0,
            "Rahmat Hidayat",
            1,
            1,
            "2025-08-05",
            "2025-08-05",
            [URLS[5]],
        ),
        (
            "63.11",
            "Kabupaten Balangan",
            "kabupaten",
            kalsel,
            2026,
            "Utama",
            "Utama (1)",
            0,
            "Rahmat Hidayat",
            1,
            1,
            "2026-02-20",
            "2026-02-20",
            [URLS[6]],
        ),
    ]


def test_award_regions_are_placed_at_their_seat(db_path):
    db = sqlite_utils.Database(db_path)
    places = {
        r["region_code"]: (r["latitude"], r["longitude"])
        for r in db.query("select region_code, latitude, longitude from award_summary")
    }
    # Kupang, Maumere (seat of Sikka), Paringin (seat of Balangan), Banjarmasin.
    expected = {
        "53.71": (-10.17, 123.61),
        "53.07": (-8.62, 122.21),
        "63.11": (-2.34, 115.47),
        "63": (-3.32, 114.59),
    }
    for code, (lat, lon) in expected.items():
        assert places[code] == (pytest.approx(lat, abs=0.05), pytest.approx(lon, abs=0.05))


def test_officials_are_consolidated_per_person_and_title(db_path):
    db = sqlite_utils.Database(db_path)
    people = [
        (r["name"], r["title"], json.loads(r["names"]), r["articles"])
        for r in db.query("select * from people order by name")
    ]
    assert people == [
        (
            "Ali Ghufron Mukti",
            "Direktur Utama BPJS Kesehatan",
            ["Ali Ghufron Mukti", "Ghufron Mukti"],
            3,
        ),
        ("Mukti", "Kepala Puskesmas Oebobo", ["Mukti"], 1),
        ("Petrus Wado", "Bupati Sikka", ["Petrus Wado"], 1),
        ("Rahmat Hidayat", "Bupati Balangan", ["Rahmat Hidayat"], 2),
        ("Yohanes Bria", "Wali Kota Kupang", ["Yohanes Bria"], 2),
    ]
    articles = [
        (r["named_as"], r["article_id"])
        for r in db.query(
            "select * from people_articles where name = 'Ali Ghufron Mukti' order by article_id"
        )
    ]
    assert articles == [("Ali Ghufron Mukti", 2), ("Ghufron Mukti", 3), ("Ali Ghufron Mukti", 7)]


def test_a_short_name_fitting_two_full_names_stays_apart():
    assert fullest_names(["Ali Ghufron Mukti", "Ghufron Mukti", "Budi Mukti", "Mukti"]) == {
        "Ali Ghufron Mukti": "Ali Ghufron Mukti",
        "Ghufron Mukti": "Ali Ghufron Mukti",
        "Budi Mukti": "Budi Mukti",
        "Mukti": "Mukti",
    }


def test_people_are_merged_across_articles_by_the_rule_within_one():
    names = ["Ali Ghufron Mukti", "Ali Ghufron", "Ghufron", "Jefri Mas’ud", "Jefri Mas'ud"]
    assert fullest_names(names) == {
        "Ali Ghufron Mukti": "Ali Ghufron Mukti",
        "Ali Ghufron": "Ali Ghufron Mukti",
        "Ghufron": "Ghufron",  # a middle name alone is no one's in particular
        "Jefri Mas'ud": "Jefri Mas'ud",
        "Jefri Mas’ud": "Jefri Mas'ud",
    }
    title = "Direktur Utama BPJS Kesehatan"
    assert merge_officials((name, title) for name in names[:3]) == [
        ("Ali Ghufron Mukti", title),
        ("Ghufron", title),
    ]


def test_ensure_views_is_idempotent_and_follows_new_facts(tmp_path):
    path = build(tmp_path / "again.db")
    db = store.open_db(path)
    before = list(db.query("select * from award_summary"))
    ensure_views(db)
    assert list(db.query("select * from award_summary")) == before
    assert db.execute("select count(*) from people").fetchone()[0] == 5
    # A fourth outlet repeats Madya: two outlets and two articles each way, and Madya
    # was reported last, so Madya now wins the tie.
    from publish_fixture import articles

    _, result = articles()[3]
    result.url = "https://kupangpos.example/uhc-madya"
    result.text += " Dikutip ulang."
    result.published = result.published.replace(day=13)
    store.save_result(db, result, url=result.url, site="kupangpos")
    ensure_views(db)
    row = next(
        db.query(
            "select category, categories_stated, disagreement, outlets from award_summary "
            "where region_code = '53.71' and year = 2026"
        )
    )
    assert row == {
        "category": "Madya",
        "categories_stated": "Madya (2), Utama (2)",
        "disagreement": 1,
        "outlets": 4,
    }


def test_winners_of_a_year_by_province(ds):
    got = [
        (r["tahun"], r["kategori"], r["provinsi"], r["kode_wilayah"], r["penerima"])
        for r in rows(ds, "/pantau/pemenang.json?tahun=2026")
    ]
    assert got == [
        (2026, "Utama", "Kalimantan Selatan", "63.11", "Rahmat Hidayat"),
        (2026, "Utama", "Nusa Tenggara Timur", "53.71", "Yohanes Bria"),
        (2026, "Pratama", "Nusa Tenggara Timur", "53.07", "Petrus Wado"),
    ]
    ntt = rows(ds, "/pantau/pemenang.json?tahun=2026&provinsi=Nusa+Tenggara+Timur")
    assert [(r["wilayah"], r["sumber_berbeda"]) for r in ntt] == [
        ("Kota Kupang", 1),
        ("Kabupaten Sikka", 0),
    ]
    by_code = rows(ds, "/pantau/pemenang.json?provinsi=63")
    assert [(r["tahun"], r["wilayah"], r["kategori"]) for r in by_code] == [
        (2026, "Kabupaten Balangan", "Utama"),
        (2025, "Kalimantan Selatan", "Utama"),
        (2025, "Kabupaten Balangan", "Madya"),
    ]
    assert len(rows(ds, "/pantau/pemenang.json")) == 6


def test_regions_of_a_province_with_their_award_history(ds):
    got = rows(ds, "/pantau/wilayah_provinsi.json?provinsi=Kalimantan+Selatan")
    kalsel = sorted(c for c, r in all_regions().items() if r.province_code == "63")
    assert [r["kode_wilayah"] for r in got] == kalsel
    history = {r["kode_wilayah"]: r["riwayat_penghargaan"] for r in got if r["jumlah_tahun"]}
    assert history == {"63": "2025: Utama", "63.11": "2025: Madya, 2026: Utama"}


def test_coverage_per_outlet_per_month(ds):
    got = [tuple(r.values()) for r in rows(ds, "/pantau/liputan_per_media.json")]
    assert got == [
        ("2024-07", "kabarkupang", 1, 1, 1),
        ("2025-08", "banuakalsel", 1, 1, 1),
        ("2026-01", "suarantt", 1, 0, 0),
        ("2026-02", "banuakalsel", 1, 1, 1),
        ("2026-03", "flobamoranews", 1, 1, 1),
        ("2026-03", "kabarkupang", 1, 1, 1),
        ("2026-03", "suarantt", 1, 1, 1),
    ]


def test_officials_most_often_named(ds):
    got = [
        (r["nama"], r["jabatan"], r["jumlah_artikel"])
        for r in rows(ds, "/pantau/pejabat_terbanyak.json")
    ]
    assert got == [
        ("Ali Ghufron Mukti", "Direktur Utama BPJS Kesehatan", 3),
        ("Rahmat Hidayat", "Bupati Balangan", 2),
        ("Yohanes Bria", "Wali Kota Kupang", 2),
        ("Mukti", "Kepala Puskesmas Oebobo", 1),
        ("Petrus Wado", "Bupati Sikka", 1),
    ]


def test_disagreements_list_every_source(ds):
    got = [
        (
            r["wilayah"],
            r["tahun"],
            r["kategori_terbanyak"],
            r["kategori_menurut_sumber"],
            r["media"],
            r["artikel_id"],
        )
        for r in rows(ds, "/pantau/beda_kategori.json")
    ]
    assert got == [
        ("Kota Kupang", 2026, "Utama", "Madya", "suarantt", 4),
        ("Kota Kupang", 2026, "Utama", "Utama", "kabarkupang", 2),
        ("Kota Kupang", 2026, "Utama", "Utama", "flobamoranews", 3),
    ]


def test_latest_articles(ds):
    got = [
        (r["artikel_id"], r["fakta_penghargaan"]) for r in rows(ds, "/pantau/artikel_terbaru.json")
    ]
    assert got == [(4, 2), (3, 2), (2, 1), (6, 1), (7, 0), (5, 2), (1, 1)]


def test_atom_feed_of_award_facts(ds):
    response = get(ds, "/pantau/feed_penghargaan.atom")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    assert feed.findtext(f"{ATOM}title") == "pantau: fakta UHC Award baru"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 9
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == "Kabupaten Sikka: UHC Award 2026 (suarantt)"
    assert first.find(f"{ATOM}link").get("href") == URLS[4]
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles[-1] == "Kota Kupang: UHC Award 2024 kategori Madya (kabarkupang)"


def test_region_page_shows_history_and_the_sentences_that_prove_it(ds):
    html = get(ds, "/pantau/regions/53~2E71").text
    assert "<h1>Kota Kupang</h1>" in html
    assert "Sumber berbeda: Utama (2), Madya (1)" in html
    assert "Kota Kupang meraih UHC Award 2026 kategori Utama." in html
    assert "Pemkot Kupang dapat penghargaan UHC kategori Madya tahun 2026." in html
    assert 'href="/pantau/articles/2"' in html and f'href="{URLS[2]}"' in html
    empty = get(ds, "/pantau/regions/53~2E01").text
    assert "Belum ada berita tentang UHC Award untuk wilayah ini." in empty


def test_article_page_shows_its_facts_and_escapes_its_text(ds):
    html = get(ds, "/pantau/articles/6").text
    assert "Balangan Naik Kelas, Kini UHC Award Utama" in html
    assert 'href="/pantau/regions/63~2E11"' in html
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SCRIPT not in get(ds, "/pantau/articles?_search=syukuran").text
    people = get(ds, "/pantau/articles/3").text
    assert "(= Ali Ghufron Mukti)" in people


def test_views_link_regions_and_evidence_urls(ds):
    html = get(ds, "/pantau/award_summary?region_code=53.07").text
    assert '<a href="/pantau/regions/53~2E07">53.07</a>' in html
    assert f'<li><a href="{URLS[3]}">{URLS[3]}</a></li>' in html


def test_every_table_and_column_is_described(db_path):
    metadata = yaml.safe_load((CONFIG_DIR / "metadata.yml").read_text(encoding="utf-8"))
    described = metadata["databases"]["pantau"]["tables"]
    db = sqlite_utils.Database(db_path)
    missing = [
        f"{name}.{column}"
        for name in db.table_names() + db.view_names()
        if not name.startswith("articles_fts")
        for column in (db[name].columns_dict if name in described else ["(table)"])
        if column not in described.get(name, {}).get("columns", {})
    ]
    assert missing == []


def test_an_empty_database_serves_every_page(tmp_path):
    path = tmp_path / "empty.db"
    ensure_views(store.open_db(path))
    ds = make_datasette(path)
    queries = yaml.safe_load((CONFIG_DIR / "metadata.yml").read_text())["databases"]["pantau"][
        "queries"
    ]
    for page in [
        "/",
        "/pantau",
        "/pantau/award_summary",
        "/pantau/regions/53~2E71",
        *(f"/pantau/{name}" for name in queries),
    ]:
        assert get(ds, page).status_code == 200, page
    feed = ET.fromstring(get(ds, "/pantau/feed_penghargaan.atom").content)
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == [
        "Belum ada fakta UHC Award yang tercatat"
    ]


def _pantau(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from pantau.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_serve_refuses_a_missing_or_foreign_file_in_one_line(tmp_path):
    missing = _pantau("serve", "--db", str(tmp_path / "nope.db"))
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines()[-1] == (
        f"Error: {tmp_path / 'nope.db'}: no such database file"
    )
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00\x01 not sqlite at all " * 100)
    foreign = _pantau("serve", "--db", str(junk))
    assert foreign.returncode == 2
    assert "not a pantau database" in foreign.stderr
    other = tmp_path / "other.db"
    sqlite_utils.Database(other)["notes"].insert({"text": "bukan pantau"})
    unrelated = _pantau("serve", "--db", str(other))
    assert unrelated.returncode == 2
    assert unrelated.stderr.strip().splitlines()[-1] == (
        f"Error: {other}: not a pantau database (no articles table)"
    )
    assert sqlite_utils.Database(other).table_names() == ["notes"]
    assert "Traceback" not in foreign.stderr + missing.stderr + unrelated.stderr


def test_person_page_lists_the_articles_under_every_name_form(ds):
    html = get(ds, "/pantau/people/2").text
    assert "<h1>Ali Ghufron Mukti</h1>" in html
    assert "disebut di 3 artikel" in html
    rows = html.split('class="pantau-facts pantau-person-articles"')[1].split("</table>")[0]
    assert rows.count("<tr>") == 4  # header and three articles
    assert "<td>Ghufron Mukti</td>" in rows
    assert 'href="/pantau/articles/7"' in rows


def test_serve_on_a_taken_port_says_so_in_one_line(db_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _pantau("serve", "--db", str(db_path), "--port", str(port))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: cannot listen on 127.0.0.1 port {port}: Address already in use"
    ]


def test_a_javascript_url_claimed_by_a_page_is_never_a_link(tmp_path):
    path = tmp_path / "hostile.db"
    db = store.open_db(path)
    _, result = articles()[1]
    result.url = "javascript:alert(document.cookie)"
    store.save_result(db, result, url=result.url, site="jahil")
    ensure_views(db)
    ds = make_datasette(path)
    pages = [
        "/pantau/articles/1",
        "/pantau/regions/53~2E71",
        "/pantau/award_summary",
        "/pantau/pemenang",
        "/pantau/beda_kategori",
        "/pantau/artikel_terbaru",
    ]
    assert "javascript:alert(document.cookie)" in get(ds, pages[0]).text  # shown as text
    for page in pages:
        assert 'href="javascript:' not in get(ds, page).text, page


def test_regions_are_placed_once_per_version_of_the_place_data(db_path, monkeypatch):
    db = sqlite_utils.Database(db_path)
    meta = dict(db.execute("select key, value from publish_meta").fetchall())
    assert meta["coordinates"].startswith("areaid ")
    monkeypatch.setattr("publish.views.region_coordinates", lambda: pytest.fail("reloaded"))
    ensure_views(db)
