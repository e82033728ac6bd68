"""End to end on the bundled sample network (samplenet), with its faults: the
real ``pantau crawl`` in a subprocess, a second incremental run, and a crawl killed with
SIGKILL midway then resumed, compared with the uninterrupted one."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from own_loop import run_in_own_loop

from samplenet import SampleNetwork
from samplenet.preset import crawl_options

pytestmark = pytest.mark.slow

PANTAU = Path(sys.executable).with_name("pantau")
FAST = crawl_options()


def crawl_command(sites: Path, db: Path) -> list:
    return [PANTAU, "crawl", "--sites", sites, "--db", db, *FAST]


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def stored(db: Path) -> int:
    """Articles stored so far by a running crawl (0 before its schema exists)."""
    try:
        return rows(db, "SELECT count(*) FROM articles")[0][0]
    except sqlite3.OperationalError:
        return 0


def article_urls(db: Path) -> set[str]:
    return {url for (url,) in rows(db, "SELECT url FROM articles")}


def award_facts(db: Path) -> set[tuple]:
    return set(
        rows(
            db,
            "SELECT a.url, w.region_code, w.year, w.category FROM awards w "
            "JOIN articles a ON a.id = w.article_id",
        )
    )


@pytest.fixture(scope="module")
def net():
    with SampleNetwork(scale=1, faults=True, slow_seconds=1.0) as network:
        yield network


@pytest.fixture(scope="module")
def crawled(net, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("samplenet")
    sites = tmp / "SITES.yaml"
    net.write_sites_yaml(sites)
    db = tmp / "pantau.db"
    start = len(net.requests)
    first = subprocess.run(crawl_command(sites, db), capture_output=True, text=True, timeout=300)
    middle = len(net.requests)
    second = subprocess.run(crawl_command(sites, db), capture_output=True, text=True, timeout=300)
    requests = net.requests
    return {
        "sites": sites,
        "db": db,
        "first": first,
        "second": second,
        "first_requests": requests[start:middle],
        "second_requests": requests[middle:],
    }


def truth_urls(net) -> set[str]:
    return {t["canonical_url"] for t in net.truth}


def test_crawl_exits_0_with_a_summary_line(crawled):
    assert crawled["first"].returncode == 0, crawled["first"].stderr[-3000:]
    assert "Traceback" not in crawled["first"].stderr
    assert crawled["first"].stderr.strip().splitlines()[-1].startswith("crawl finished:")


def test_every_relevant_article_stored_once_under_its_canonical_url(net, crawled):
    """The crawler's part: discovery, canonical URLs (AMP, ?m=1, utm, slash, syndicated
    copy), split pages. Whether an article is relevant is the extractor's call."""
    stored = article_urls(crawled["db"])
    assert truth_urls(net) <= stored
    copies = {url for t in net.truth for url in t["duplicate_urls"]}
    assert not stored & copies
    assert not [u for u in stored if "utm_" in u or "m=1" in u or u.endswith("/amp/")]


def test_stored_articles_are_exactly_the_truth(net, crawled):
    """Relevance is the extractor's verdict (it rejects 'Baca juga' lines and BPJS
    Ketenagakerjaan stories); everything else here is the crawler's."""
    assert article_urls(crawled["db"]) == truth_urls(net)


def test_award_facts_match_the_truth(net, crawled):
    """Depends on the extractor (region linking, categories, years)."""
    truth = {
        (t["canonical_url"], a["region_code"], a["year"], a["category"])
        for t in net.truth
        for a in t["awards"]
    }
    assert award_facts(crawled["db"]) == truth


def test_split_article_pages_are_joined(net, crawled):
    (text,) = rows(
        crawled["db"],
        "SELECT text FROM articles WHERE url LIKE "
        "'%kota-bima-dan-kabupaten-bima-sama-sama-raih-uhc-awards-2026'",
    )
    paragraphs = [p for p in text[0].split("\n") if p.strip()]
    assert len(paragraphs) > 3  # the portal shows three paragraphs a page


def test_windows_1252_site_decoded(crawled):
    """warta-timor sends windows-1252 bytes with a plain text/html header."""
    texts = [
        t for (t,) in rows(crawled["db"], "SELECT text FROM articles WHERE site = 'warta-timor'")
    ]
    assert any("\u00e9" in t for t in texts)
    assert not [
        t
        for (t,) in rows(crawled["db"], "SELECT text FROM articles")
        if "\u00c3" in t or "\ufffd" in t
    ]


def test_robots_txt_obeyed_and_traps_bounded(net, crawled):
    requests = crawled["first_requests"] + crawled["second_requests"]
    for site, prefix in net.disallowed_paths:
        assert not [p for s, _, p in requests if s == site and p.startswith(prefix)]
    assert len([p for _, _, p in requests if p.startswith("/arsip/")]) < 30
    assert len([p for _, _, p in requests if p.startswith("/tag/")]) < 30


def test_faults_logged_once_each(net, crawled):
    errors = dict(rows(crawled["db"], "SELECT url, reason FROM crawl_errors WHERE run_id = 1"))
    faults = {f["kind"]: f["url"] for f in net.fault_urls}
    assert errors[faults["server_error"]] == "HTTP 500"
    assert errors[faults["pdf"]] == "not an HTML page (application/pdf)"
    assert errors[faults["big_page"]].startswith("skipped: Expected to receive")
    assert errors[faults["truncated"]] == "ResponseDataLossError"
    assert faults["flaky"] not in errors  # 503 twice, then fetched on a retry
    loop = f"skipped: redirect loop back to {faults['redirect_loop']}"
    assert list(errors.values()).count(loop) == 1


def test_second_run_fetches_no_article_page_again(net, crawled):
    assert crawled["second"].returncode == 0, crawled["second"].stderr[-3000:]
    article_paths = {
        urlsplit(u).path for t in net.truth for u in (t["canonical_url"], *t["duplicate_urls"])
    } | {urlsplit(u).path for u in net.irrelevant_urls}
    refetched = [p for _, _, p in crawled["second_requests"] if urlsplit(p).path in article_paths]
    assert refetched == []
    listings = [
        p
        for _, _, p in crawled["second_requests"]
        if "start-index=" in p or ("/wp-json/" in p and "page=1" not in p.split("&"))
    ]
    assert listings == []  # nothing new on the first feed/API page: no paging further
    assert rows(crawled["db"], "SELECT status, articles FROM crawl_runs WHERE id = 2") == [
        ("finished", 0)
    ]


def datasette_count(db: Path) -> tuple[int, list]:
    """Articles counted through Datasette (pantau serve's instance), as a reader would."""
    from publish.serve import make_datasette

    async def count() -> tuple[int, list]:
        ds = make_datasette(db)
        response = await ds.client.get(
            "/pantau.json?sql=select+count(*)+as+n+from+articles&_shape=array"
        )
        return response.status_code, response.json()

    return run_in_own_loop(count())


def killed_run(sites: Path, db: Path, target: int, linger: float) -> bool:
    """Start a crawl, SIGKILL it once ``target`` articles are stored (plus ``linger``
    seconds); read the database through Datasette meanwhile. True if it was interrupted.

    The crawl is slowed down (20 pages a second) so that the kill lands inside it: at full
    speed the rest of the crawl may end within the linger, and nothing is tested."""
    slow = ["-s", "DOWNLOAD_DELAY=0.05"]
    proc = subprocess.Popen(
        [*crawl_command(sites, db), *slow], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    read = False
    while time.monotonic() < deadline and proc.poll() is None and stored(db) < target:
        if not read and stored(db) >= 1:  # a reader beside the writer (WAL)
            status, body = datasette_count(db)
            assert status == 200 and body[0]["n"] >= 1, body
            read = True
        time.sleep(0.1)
    time.sleep(linger)
    if proc.poll() is not None:
        return False
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # Killed while shutting down, after recording its run as finished: not interrupted.
    return rows(db, "SELECT status FROM crawl_runs ORDER BY id DESC LIMIT 1") != [("finished",)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_killed_crawl_resumes_to_the_same_database(net, crawled, tmp_path, seed):
    """SIGKILL at points drawn from a seeded RNG (after a random number of stored
    articles, then a random fraction of a second), once or twice, restarting each time;
    the last run finishes. The database then equals the uninterrupted crawl's: same
    articles, same award facts, nothing twice, an intact file."""
    rng = random.Random(seed)
    total = len(article_urls(crawled["db"]))
    db = tmp_path / "killed.db"
    killed = []
    for _ in range(rng.randint(1, 2)):
        done = len(article_urls(db)) if db.exists() else 0
        if done >= total * 2 // 3:
            break
        killed.append(
            killed_run(
                crawled["sites"], db, rng.randint(done + 1, total * 2 // 3), rng.uniform(0, 0.5)
            )
        )
    assert any(killed), "the crawl finished before it could be killed"
    resumed = subprocess.run(
        crawl_command(crawled["sites"], db), capture_output=True, text=True, timeout=300
    )
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert article_urls(db) == article_urls(crawled["db"])
    assert award_facts(db) == award_facts(crawled["db"])
    assert rows(db, "SELECT count(*), count(DISTINCT text_hash) FROM articles") == [(total, total)]
    assert rows(db, "SELECT count(*) FROM awards") == [(len(award_facts(db)),)]
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert [s for (s,) in rows(db, "SELECT status FROM crawl_runs ORDER BY id")] == [
        *("killed" if k else "finished" for k in killed),
        "finished",
    ]


def test_ctrl_c_crawl_resumes_from_its_saved_queue(net, crawled, tmp_path):
    """Ctrl-C: Scrapy stops cleanly and the queue of requests not yet fetched is written to
    JOBDIR (held in memory while crawling, crawler/request_queue.py); the next run fetches
    those, not the articles the first run stored, and ends with the same database."""
    db = tmp_path / "stopped.db"
    proc = subprocess.Popen(
        [*crawl_command(crawled["sites"], db), "-s", "DOWNLOAD_DELAY=0.05"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and stored(db) < 3:
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err
    assert rows(db, "SELECT status FROM crawl_runs") == [("interrupted",)]
    queue = Path(f"{db}.jobdir", "requests.queue")
    saved = [p for p in queue.rglob("*") if p.is_file() and p.name != "active.json"]
    assert saved, "nothing was left to save: the crawl ended before the stop"
    kept = {urlsplit(url).path for url in article_urls(db)}
    middle = len(net.requests)
    resumed = subprocess.run(
        crawl_command(crawled["sites"], db), capture_output=True, text=True, timeout=300
    )
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert len(kept) >= 3
    assert {p for _, _, p in net.requests[middle:]} & kept == set()
    assert article_urls(db) == article_urls(crawled["db"])
    assert award_facts(db) == award_facts(crawled["db"])
    assert [s for (s,) in rows(db, "SELECT status FROM crawl_runs ORDER BY id")] == [
        "interrupted",
        "finished",
    ]


def test_calendar_and_tag_traps_are_dead_ends(net, tmp_path):
    """Listing crawl started on the portal's endless date index and tag pages: every day
    and tag page shows the same sidebar, so pagination stops once nothing new appears."""
    portal = next(site for site in net.sites if site.name == "portalnusantara")
    sites = tmp_path / "SITES.yaml"
    sites.write_text(
        yaml.safe_dump(
            {
                "sites": [
                    {
                        "name": portal.name,
                        "url": portal.url,
                        "start_urls": [
                            f"{portal.url}arsip/2026/01/27",
                            f"{portal.url}tag/kesehatan",
                        ],
                    }
                ]
            }
        )
    )
    start = len(net.requests)
    proc = subprocess.run(
        crawl_command(sites, tmp_path / "traps.db"), capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    paths = [p for _, _, p in net.requests[start:]]
    assert 1 <= len([p for p in paths if p.startswith("/arsip/")]) <= 3
    assert 1 <= len([p for p in paths if p.startswith("/tag/")]) <= 3
