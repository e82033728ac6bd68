"""Search discovery end to end: ``pantau crawl`` of the sample network (samplenet) plus
a GDELT search and a Google News search answered by local stand-ins
(tests/searchnet.py). Outlets nobody listed are fetched, recorded as sites, and the one
story five of them carry is stored once with all five URLs."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from searchnet import STORY_PATH, SearchNet

from samplenet import SampleNetwork
from samplenet.preset import crawl_options

pytestmark = pytest.mark.slow

PANTAU = Path(sys.executable).with_name("pantau")
FAST = crawl_options(PANTAU_RETRY_BACKOFF=0.01, RETRY_TIMES=1)
FIVE = ("suaralombok", "gerbangntb", "warta-rinjani", "lensasasak", "kabartimur")


def rows(db: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("search")
    with SampleNetwork(scale=1, faults=False) as sites_net, SearchNet() as net:
        sites = tmp / "SITES.yaml"
        sites_net.write_sites_yaml(sites)
        doc = {
            "sites": yaml.safe_load(sites.read_text(encoding="utf-8"))["sites"],
            "searches": [
                {
                    "name": "gdelt-uhc",
                    "search": "gdelt",
                    "query": '"UHC Award" OR "Universal Health Coverage"',
                    "sourcecountry": "ID",
                    "sourcelang": "ind",
                    "timespan": "7d",
                    "max_results": 2,
                },
                {"name": "gnews-uhc", "search": "google-news", "query": '"UHC Award"'},
            ],
        }
        sites.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
        db = tmp / "pantau.db"
        proc = subprocess.run(
            [PANTAU, "crawl", "--sites", sites, "--db", db, *FAST, *net.settings()],
            capture_output=True,
            text=True,
            timeout=300,
        )
        yield {"proc": proc, "db": db, "net": net, "sites_net": sites_net}


def test_crawl_finishes(crawled):
    proc = crawled["proc"]
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr


def test_same_story_from_five_outlets_is_one_article_with_five_urls(crawled):
    net, db = crawled["net"], crawled["db"]
    found = rows(db, "SELECT id, url, site FROM articles WHERE title LIKE 'Lombok Timur%'")
    assert len(found) == 1
    article_id, url, site = found[0]
    home = url.split("2026/")[0]
    assert site in {f"{name}.test" for name in FIVE}
    assert rows(db, "SELECT url FROM sites WHERE name = ?", site) == [(home,)]
    urls = {u for (u,) in rows(db, "SELECT url FROM article_urls WHERE article_id = ?", article_id)}
    story = {f"{net.urls[name]}{STORY_PATH.lstrip('/')}" for name in FIVE}
    google = {
        f"{net.urls['index']}rss/articles/{t}?oc=5" for t in ("CBMiLensaSasak", "CBMiKabarTimur")
    }
    old = f"{net.urls['kabartimur']}lama?p=1705"
    assert urls == story | {u.rstrip("/") for u in story} | google | {old}
    facts = "SELECT region_code, year, category FROM awards WHERE article_id = ?"
    assert rows(db, facts, article_id) == [("52.03", 2026, "Pratama")]


def test_unlisted_outlets_are_sites_with_names(crawled):
    net, db = crawled["net"], crawled["db"]
    outlets = rows(db, "SELECT name, url, title FROM sites WHERE name LIKE '%.test' ORDER BY name")
    titles = {"lensasasak": "Lensa Sasak", "kabartimur": "Kabar Timur NTB"}
    assert outlets == [(f"{n}.test", net.urls[n], titles.get(n)) for n in sorted(FIVE)]


def test_robots_disallowed_outlet_is_not_fetched_nor_an_error(crawled):
    net, db = crawled["net"], crawled["db"]
    assert [path for host, path in net.requests if host == "sembunyi"] == ["/robots.txt"]
    assert rows(db, "SELECT count(*) FROM crawl_errors WHERE site = 'sembunyi.test'") == [(0,)]


def test_hit_that_404s_is_one_crawl_error(crawled):
    net, db = crawled["net"], crawled["db"]
    gone = f"{net.urls['gerbangntb']}2026/05/berita-yang-sudah-dihapus/"
    assert rows(db, "SELECT site, reason FROM crawl_errors WHERE url = ?", gone) == [
        ("gerbangntb.test", "HTTP 404")
    ]


def test_google_news_link_that_does_not_redirect_is_one_crawl_error(crawled):
    """The item names its outlet's home, and the headline is looked up there in vain (the
    outlet is named "127.0.0.1", its host, as the stand-in outlets have no domain)."""
    net, db = crawled["net"], crawled["db"]
    link = f"{net.urls['index']}rss/articles/CBMiTanpaArah?oc=5"
    home = net.urls["lomboktoday"]
    assert rows(db, "SELECT site, reason FROM crawl_errors WHERE url = ?", link) == [
        ("127.0.0.1", f"hit did not lead to an outlet (headline not on {home})")
    ]
    assert [path for host, path in net.requests if host == "lomboktoday"] == ["/robots.txt", "/"]


def test_google_news_redirect_chain_is_followed(crawled):
    requests = crawled["net"].requests
    chain = [
        ("index", "/rss/articles/CBMiKabarTimur?oc=5"),
        ("kabartimur", "/lama/?p=1705"),
        ("kabartimur", STORY_PATH),
    ]
    assert [r for r in requests if r in chain] == chain


def test_gdelt_is_paged_by_halving_full_windows(crawled):
    """Five hits, two per answer: the 7-day window is full, so it is asked again as two
    halves, and so on until no window is full; every hit is then fetched once."""
    net = crawled["net"]
    windows = net.gdelt_windows
    assert windows[0][2] == 2
    full = {(start, end) for start, end, hits in windows if hits == 2}
    asked = [(start, end) for start, end, _ in windows]
    halves = []
    for start, end in full:
        middle = max(e for s, e in asked if s == start and e < end)  # the direct half
        assert (middle, end) in asked
        halves += [(start, middle), (middle, end)]
    assert sorted(asked[1:]) == sorted(halves)  # nothing else was asked
    assert len(asked) == len(set(asked)) >= 3
    fetched = [
        (host, path)
        for host, path in net.requests
        if host in ("suaralombok", "gerbangntb", "warta-rinjani") and path != "/robots.txt"
    ]
    assert sorted(fetched) == sorted(
        [
            ("gerbangntb", STORY_PATH),
            ("gerbangntb", "/2026/05/berita-yang-sudah-dihapus/"),
            ("suaralombok", STORY_PATH),
            ("warta-rinjani", STORY_PATH),
        ]
    )


def test_listed_sites_still_crawled_and_searches_not_counted_as_sites(crawled):
    db, sites_net = crawled["db"], crawled["sites_net"]
    truth = {t["canonical_url"] for t in sites_net.truth}
    assert truth <= {url for (url,) in rows(db, "SELECT url FROM articles")}
    listed = rows(db, "SELECT DISTINCT site FROM articles WHERE site NOT LIKE '%.test' ORDER BY 1")
    assert listed == sorted((site.name,) for site in sites_net.sites)
    assert rows(db, "SELECT count(*) FROM sites WHERE name LIKE '%-uhc'") == [(0,)]
