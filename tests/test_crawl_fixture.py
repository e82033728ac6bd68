"""End to end on a small network written for these tests (tests/crawlnet.py): the real
``pantau crawl`` command, then a second run, then ``pantau reextract``."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from crawlnet import CrawlNet

from crawler.spiders.news import DEAD_ENDS
from samplenet.preset import crawl_options

PANTAU = Path(sys.executable).with_name("pantau")
FAST = crawl_options(PANTAU_RETRY_BACKOFF=0.01, RETRY_TIMES=1)
ARTICLE_PATHS = {
    "/2026/05/sumba-timur-raih-uhc-award/",
    "/2026/05/pasar-murah-digelar/",
    "/2026/05/cakupan-jkn-kota-kupang/",
    "/2026/05/cakupan-jkn-kota-kupang/?page=2",
    "/2026/05/laporan-bpjs-lengkap.html",
    "/berita/pemkot-raih-penghargaan-uhc.html",
    "/berita/festival-layang-layang-meriah.html",
    "/berita/kota-raih-uhc-tahun-lalu.html",
}


def crawl(sites: Path, db: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PANTAU, "crawl", "--sites", sites, "--db", db, *FAST, *extra],
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("crawl")
    with CrawlNet() as net:
        sites = net.write_sites_yaml(tmp / "SITES.yaml")
        db = tmp / "pantau.db"
        first = crawl(sites, db, "--since", "2026-01-01")
        first_requests = list(net.requests)
        second = crawl(sites, db, "--since", "2026-01-01")
        second_requests = net.requests[len(first_requests) :]
        yield net, db, first, first_requests, second, second_requests


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_each_relevant_article_once_under_its_canonical_url(crawled):
    net, db, first, *_ = crawled
    assert first.returncode == 0, first.stderr
    a, b = net.urls["kabarsehat"], net.urls["warta1252"]
    assert sorted(rows(db, "SELECT url, site FROM articles")) == sorted(
        [
            (f"{a}2026/05/sumba-timur-raih-uhc-award/", "kabarsehat"),
            (f"{a}2026/05/cakupan-jkn-kota-kupang/", "kabarsehat"),
            (f"{b}berita/pemkot-raih-penghargaan-uhc.html", "warta1252"),
        ]
    )


def test_split_article_joined_and_windows_1252_decoded(crawled):
    _, db, *_ = crawled
    (split,) = rows(db, "SELECT text FROM articles WHERE url LIKE '%cakupan-jkn%'")
    assert "naik tajam" in split[0] and "peserta PBI" in split[0]
    assert "selanjutnya" not in split[0]
    (static,) = rows(db, "SELECT text FROM articles WHERE site = 'warta1252'")
    assert "\u201cIni kerja bersama,\u201d kata dr. Andr\u00e9" in static[0]


def test_robots_amp_since_and_tracking_respected(crawled):
    _, _, _, first_requests, *_ = crawled
    paths = [path for _, path in first_requests]
    assert not [p for p in paths if p.startswith("/rahasia/")]
    assert not [p for p in paths if "/amp/" in p or "utm_" in p]
    assert "/2025/01/uhc-award-tahun-lalu/" not in paths  # its sitemap lastmod is 2025
    assert paths.count("/2026/05/sumba-timur-raih-uhc-award/") == 1
    calendar = sorted(p for p in paths if p.startswith("/arsip/"))
    # The home page links days 1 and 2, each empty day links the next: a site crawled by
    # its links follows DEAD_ENDS empty pages in a row from the home page, then stops.
    assert calendar == [f"/arsip/2026/05/{day:02d}/" for day in range(1, DEAD_ENDS + 2)]


def test_failures_are_logged_once_and_the_crawl_still_succeeds(crawled):
    net, db, first, *_ = crawled
    a = net.urls["kabarsehat"]
    errors = rows(db, "SELECT site, url, reason FROM crawl_errors WHERE run_id = 1")
    assert (
        "kabarsehat",
        f"{a}2026/05/laporan-bpjs-lengkap.html",
        "not an HTML page (application/pdf)",
    ) in errors
    assert {url for site, url, _ in errors if site == "matisuri"} == {
        "http://127.0.0.1:9/robots.txt",
        "http://127.0.0.1:9/",
    }
    assert "Traceback" not in first.stderr
    assert first.stderr.strip().splitlines()[-1].startswith("crawl finished:")
    assert rows(db, "SELECT status, articles FROM crawl_runs ORDER BY id") == [
        ("finished", 3),
        ("finished", 0),
    ]


def test_second_run_fetches_no_article_page_again(crawled):
    _, db, _, _, second, second_requests = crawled
    assert second.returncode == 0, second.stderr
    assert not {path for _, path in second_requests} & ARTICLE_PATHS
    assert rows(db, "SELECT count(*) FROM articles") == [(3,)]


def test_reextract_rebuilds_articles_from_the_archive(crawled):
    net, db, *_ = crawled
    before = rows(db, "SELECT url, title, text FROM articles ORDER BY url")
    with sqlite3.connect(db) as conn:
        for table in ("awards", "article_regions", "article_officials", "article_urls", "articles"):
            conn.execute(f"DELETE FROM {table}")
    requests = len(net.requests)
    proc = subprocess.run(
        [PANTAU, "reextract", "--db", db, "--since", "2026-01-01"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert rows(db, "SELECT url, title, text FROM articles ORDER BY url") == before
    assert len(net.requests) == requests


def test_since_keeps_older_articles_out(crawled):
    """The static site gives no dates before fetching: its 2025 article is fetched once,
    not stored, and remembered as before-since (a crawl without --since fetches it)."""
    _, db, _, first_requests, *_ = crawled
    assert ("warta1252", "/berita/kota-raih-uhc-tahun-lalu.html") in first_requests
    assert rows(db, "SELECT outcome FROM seen_urls WHERE key LIKE '%kota-raih-uhc%'") == [
        ("before-since",)
    ]
    assert rows(db, "SELECT count(*) FROM articles WHERE url LIKE '%kota-raih-uhc%'") == [(0,)]


def test_max_pages_caps_each_site(tmp_path):
    with CrawlNet() as net:
        sites = net.write_sites_yaml(tmp_path / "SITES.yaml", dead=False)
        proc = crawl(sites, tmp_path / "capped.db", "--max-pages", "3")
        assert proc.returncode == 0, proc.stderr
        for site in ("kabarsehat", "warta1252"):
            pages = [p for s, p in net.requests if s == site and p != "/robots.txt"]
            assert len(pages) == 3
