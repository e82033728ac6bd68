"""Distributed crawling (crawler/distributed.py): two ``pantau crawl --redis`` workers
share one frontier in a real redis-server and one SQLite database; every page is fetched
once across both, and the database equals a single worker's."""

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from crawler.urls import url_key
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
        # A small delay per request makes the crawl outlast the gap between the two
        # workers' start-ups (loading the NLP), so both get a share of the queue.
        command = [
            PANTAU,
            "crawl",
            "--sites",
            sites,
            "--db",
            tmp / "shared.db",
            "--redis",
            redis_url,
            *FAST,
            "-s",
            "DOWNLOAD_DELAY=0.05",
        ]
        workers = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        outputs = [worker.communicate(timeout=300) for worker in workers]
        requests = net.requests
        yield {
            "net": net,
            "one": tmp / "one.db",
            "shared": tmp / "shared.db",
            "single_requests": requests[:before],
            "requests": requests[before:],
            "workers": [(w.returncode, err) for w, (_, err) in zip(workers, outputs, strict=True)],
        }


def test_both_workers_finish(crawls):
    """Both usually fetch a share; on a loaded machine one may load its NLP so late that
    the other has emptied the queue, so the split itself is not asserted."""
    for returncode, stderr in crawls["workers"]:
        assert returncode == 0, stderr[-3000:]
        assert "Traceback" not in stderr
    runs = rows(crawls["shared"], "SELECT status, pages FROM crawl_runs ORDER BY id")
    assert [status for status, _ in runs] == ["finished", "finished"]
    assert sum(pages for _, pages in runs) == len(crawls["requests"])


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


def test_shared_database_equals_a_single_workers(crawls):
    one, shared = crawls["one"], crawls["shared"]
    articles = "SELECT url, title, published FROM articles ORDER BY url"
    assert rows(shared, articles) == rows(one, articles)
    facts = (
        "SELECT a.url, w.region_code, w.year, w.category, w.recipient_name FROM awards w "
        "JOIN articles a ON a.id = w.article_id ORDER BY 1, 2, 3"
    )
    assert rows(shared, facts) == rows(one, facts)
    truth = {t["canonical_url"] for t in crawls["net"].truth}
    assert truth <= {url for (url,) in rows(shared, "SELECT url FROM articles")}
    assert rows(shared, "PRAGMA integrity_check") == [("ok",)]


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
