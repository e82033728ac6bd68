"""Distributed crawling (crawler/distributed.py, crawler/item_queue.py, crawler/writer.py):
two ``pantau crawl --redis`` workers share one frontier in a real redis-server and push
their items to it; one ``pantau store`` writes them into the single SQLite database.
Every page is fetched once across both workers, and the database equals a one-machine
crawl's, also when a worker and the writer are killed (SIGKILL) at random points."""

import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
import redis

from crawler.item_queue import encode
from crawler.items import ArticlePage
from crawler.sites import Site
from crawler.urls import url_key
from extract.result import Award, RegionMention, Result
from samplenet import SampleNetwork
from samplenet.preset import crawl_options

pytestmark = pytest.mark.slow

PANTAU = Path(sys.executable).with_name("pantau")
FAST = crawl_options()


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture(scope="module")
def redis_url():
    server = shutil.which("redis-server")
    if server is None:
        message = "redis-server is not installed (apt-get install redis-server; .ci/run does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


def worker(sites: Path, db: Path, url: str) -> subprocess.Popen:
    # A small delay per request makes the crawl outlast the gap between the two
    # workers' start-ups (loading the NLP), so both get a share of the queue.
    command = [PANTAU, "crawl", "--sites", sites, "--db", db, "--redis", url, *FAST]
    command += ["-s", "DOWNLOAD_DELAY=0.05", "-s", "PANTAU_WORKER_TTL=3"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def writer(db: Path, url: str, *extra: str) -> subprocess.Popen:
    command = [PANTAU, "store", "--redis", url, "--db", db, *extra]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until(condition, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def crawls(redis_url, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("distributed")
    with SampleNetwork(scale=2, faults=False) as net:
        sites = tmp / "SITES.yaml"
        net.write_sites_yaml(sites)
        single = subprocess.run(
            [PANTAU, "crawl", "--sites", sites, "--db", tmp / "one.db", *FAST],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert single.returncode == 0, single.stderr[-3000:]
        before = len(net.requests)
        store = writer(tmp / "shared.db", redis_url)
        workers = [worker(sites, tmp / f"worker{i}.db", redis_url) for i in (1, 2)]
        outputs = [w.communicate(timeout=300) for w in workers]
        requests = net.requests[before:]
        store.send_signal(signal.SIGINT)
        store_output = store.communicate(timeout=60)
        yield {
            "net": net,
            "tmp": tmp,
            "sites": sites,
            "one": tmp / "one.db",
            "shared": tmp / "shared.db",
            "workers_db": [tmp / f"worker{i}.db" for i in (1, 2)],
            "single_requests": net.requests[:before],
            "requests": requests,
            "workers": [(w.returncode, err) for w, (_, err) in zip(workers, outputs, strict=True)],
            "store": (store.returncode, store_output[1]),
        }


def test_both_workers_finish(crawls):
    """Both usually fetch a share; on a loaded machine one may load its NLP so late that
    the other has emptied the queue, so the split itself is not asserted."""
    for returncode, stderr in crawls["workers"]:
        assert returncode == 0, stderr[-3000:]
        assert "Traceback" not in stderr
    runs = [rows(db, "SELECT status, pages FROM crawl_runs")[0] for db in crawls["workers_db"]]
    assert [status for status, _ in runs] == ["finished", "finished"]
    assert sum(pages for _, pages in runs) == len(crawls["requests"])
    for db in crawls["workers_db"]:  # the workers' items went to Redis, not their SQLite
        assert rows(db, "SELECT count(*) FROM articles") == [(0,)]
    returncode, stderr = crawls["store"]
    assert returncode == 0, stderr[-3000:]
    assert rows(crawls["shared"], "SELECT status FROM crawl_runs") == [("interrupted",)]


def test_each_page_fetched_once_across_workers(crawls):
    """robots.txt is the exception: the RobotsTxtMiddleware of each worker that crawls a
    site fetches it for its own parser (outside the scheduler), and the spider reads it
    once more for Sitemap: lines, through the shared dupefilter."""
    counts = Counter((site, path) for site, _, path in crawls["requests"])
    repeated = {key: n for key, n in counts.items() if n > 1}
    assert set(repeated) == {(site.name, "/robots.txt") for site in crawls["net"].sites}
    assert set(repeated.values()) <= {2, 3}  # one or both workers, plus the spider

    # The same pages a single worker fetches, up to URL variants: a page linked both with
    # and without its trailing slash may be fetched under each form when two workers find
    # one form each (the shared dupefilter compares exact URLs; the known-URL filter that
    # folds variants is per worker).
    def keys(requests: list) -> set[str]:
        return {url_key(f"{bases[site]}{path}") for site, _, path in requests}

    bases = {site.name: site.url.rstrip("/") for site in crawls["net"].sites}
    assert keys(crawls["requests"]) == keys(crawls["single_requests"])


ARTICLES = "SELECT url, site, title, published FROM articles ORDER BY url"
URLS = "SELECT u.url, a.url FROM article_urls u JOIN articles a ON a.id = u.article_id ORDER BY 1"
FACTS = (
    "SELECT a.url, w.region_code, w.year, w.category, w.recipient_name FROM awards w "
    "JOIN articles a ON a.id = w.article_id ORDER BY 1, 2, 3"
)


def assert_same_database(db: Path, one: Path) -> None:
    assert rows(db, ARTICLES) == rows(one, ARTICLES)
    assert rows(db, URLS) == rows(one, URLS)
    assert rows(db, FACTS) == rows(one, FACTS)
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]


def test_shared_database_equals_a_single_workers(crawls):
    assert_same_database(crawls["shared"], crawls["one"])
    truth = {t["canonical_url"] for t in crawls["net"].truth}
    assert truth <= {url for (url,) in rows(crawls["shared"], "SELECT url FROM articles")}


def test_killed_worker_and_writer_lose_nothing(crawls, redis_url):
    """SIGKILL one worker and the writer at random moments of a new round (fresh Redis
    keys): the other worker takes over the lost one's requests once its heartbeat
    expires, a new writer finishes the killed one's items, and the database is the
    one-machine crawl's, each article once."""
    seed = int.from_bytes(os.urandom(4))
    chance = random.Random(seed)
    url = redis_url.rsplit("/", 1)[0] + "/1"
    server = redis.Redis.from_url(url)
    tmp, db = crawls["tmp"], crawls["tmp"] / "killed.db"
    store = writer(db, url)
    workers = [worker(crawls["sites"], tmp / f"round2-{i}.db", url) for i in (1, 2)]

    def in_flight() -> list[int]:
        return [n for n in map(server.hlen, server.keys("pantau:inflight:*")) if n]

    wait_until(lambda: len(in_flight()) == 2)  # both workers are fetching
    time.sleep(chance.uniform(0.0, 1.5))
    workers[0].kill()
    lost = len(in_flight()) == 2  # the killed worker's hash never changes again
    time.sleep(chance.uniform(0.0, 2.0))
    store.kill()
    survivor = workers[1].communicate(timeout=300)
    assert workers[1].returncode == 0, f"seed {seed}: {survivor[1][-3000:]}"
    if lost:  # almost always: the kill comes while both fetch
        assert "of a lost worker" in survivor[1], f"seed {seed}: {survivor[1][-3000:]}"
    assert workers[0].wait(timeout=10) == -signal.SIGKILL
    assert store.wait(timeout=10) == -signal.SIGKILL
    drained = writer(db, url, "--drain")
    _, err = drained.communicate(timeout=120)
    assert drained.returncode == 0, f"seed {seed}: {err[-3000:]}"
    assert server.llen("pantau:items") == server.llen("pantau:items:processing") == 0
    assert server.keys("pantau:inflight:*") == []
    assert_same_database(db, crawls["one"])


def test_unreachable_redis_is_a_one_line_error(tmp_path):
    with socket.socket() as probe:  # a port nothing listens on once the probe closes
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sites = tmp_path / "SITES.yaml"
    sites.write_text("sites:\n  - name: contoh\n    url: http://127.0.0.1:9/\n")
    proc = subprocess.run(
        [
            PANTAU,
            "crawl",
            "--sites",
            sites,
            "--db",
            tmp_path / "x.db",
            "--redis",
            f"redis://127.0.0.1:{port}/0",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"Error: cannot reach Redis at redis://127.0.0.1:{port}/0: ")
    assert len(proc.stderr.strip().splitlines()) == 1


def test_merge_of_two_crawls_of_one_network_is_that_crawl(crawls):
    """pantau merge of the one-machine and the two-worker databases (the same articles
    under the same URLs): each article once, as in either."""
    merged = crawls["tmp"] / "merged.db"
    proc = subprocess.run(
        [PANTAU, "merge", crawls["one"], crawls["shared"], "--into", merged],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert_same_database(merged, crawls["one"])


def test_writer_sets_aside_an_unreadable_item_and_writes_the_rest(redis_url, tmp_path):
    """Messages as a worker encodes them (an article of an outlet found by search, a
    failed page) are written; ones no writer can read are set aside, not retried."""
    url = redis_url.rsplit("/", 1)[0] + "/2"
    server = redis.Redis.from_url(url)
    failure = (
        '{"type": "failure", "site": "kabarsehat", "url": "http://kabarsehat.test/x", '
        '"kind": "article", "reason": "HTTP 410", "permanent": true}'
    )
    outlet = Site(name="lensasasak.test", url="http://lensasasak.test/", title="Lensa Sasak")
    spider = SimpleNamespace(sites=[outlet], outlets={"lensasasak.test"})
    award = Award(
        "52.03",
        "Kabupaten Lombok Timur",
        "kabupaten",
        "Pratama",
        2026,
        None,
        None,
        "meraih UHC Award 2026 kategori Pratama",
    )
    story = Result(
        id=None,
        url=None,
        title="Lombok Timur raih UHC Award",
        published=date(2026, 5, 12),
        relevant=True,
        event_date=date(2026, 5, 12),
        text="Kabupaten Lombok Timur meraih UHC Award 2026 kategori Pratama.",
        awards=[award],
        regions=[RegionMention("52.03", "Kabupaten Lombok Timur", "kabupaten", 1)],
    )
    page = ArticlePage(
        site="lensasasak.test",
        url="http://lensasasak.test/lotim-uhc/",
        parts=[],
        keys=["http://lensasasak.test/lotim-uhc", "http://news.test/rss/articles/CB"],
        relevant=True,
        result=story,
    )
    article = encode(page, spider)
    server.rpush("pantau:items", b"\x80 bukan JSON", b'{"type": "article"}', failure, article)
    proc = writer(tmp_path / "p.db", url, "--drain")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert err.splitlines()[-2:] == [
        "store: 2 items, 1 articles, 1 award facts, 1 errors",
        "pantau: 2 unreadable item(s) set aside in pantau:items:unreadable",
    ]
    assert server.lrange("pantau:items:unreadable", 0, -1) == [
        b"\x80 bukan JSON",
        b'{"type": "article"}',
    ]
    assert server.llen("pantau:items") == server.llen("pantau:items:processing") == 0
    db = tmp_path / "p.db"
    assert rows(db, "SELECT site, url, reason FROM crawl_errors") == [
        ("kabarsehat", "http://kabarsehat.test/x", "HTTP 410")
    ]
    assert rows(db, "SELECT key, outcome FROM seen_urls ORDER BY key") == [
        ("http://kabarsehat.test/x", "failed"),
        ("http://lensasasak.test/lotim-uhc", "stored"),
        ("http://news.test/rss/articles/CB", "stored"),
    ]
    assert rows(db, "SELECT url, site, published FROM articles") == [
        ("http://lensasasak.test/lotim-uhc/", "lensasasak.test", "2026-05-12")
    ]
    assert rows(db, "SELECT url FROM article_urls ORDER BY url") == [
        ("http://lensasasak.test/lotim-uhc",),
        ("http://lensasasak.test/lotim-uhc/",),
        ("http://news.test/rss/articles/CB",),
    ]
    facts = "SELECT region_code, year, category FROM awards"
    assert rows(db, facts) == [("52.03", 2026, "Pratama")]
    assert rows(db, "SELECT name, url, title FROM sites") == [
        ("lensasasak.test", "http://lensasasak.test/", "Lensa Sasak")
    ]
