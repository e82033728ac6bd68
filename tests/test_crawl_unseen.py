"""Issue 13: the crawler on site templates it was not built against, and no fetched page
without a recorded outcome.

One ``pantau crawl`` of the whole sample network with faults on: the four original
sites and the five of ``SampleNetwork(unseen=True)`` (classic Blogger, table layout in
windows-1252, Joomla, a ``?page=N`` split portal, a date-archive-only site, and a
Drupal site written after the fix), then a second, incremental run.
"""

import re
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from w3lib.url import canonicalize_url

from crawler.settings import PANTAU_SHAPE_CAP
from crawler.spiders.news import DEAD_ENDS
from crawler.urls import url_key
from crawler.warc import warc_dir_for
from samplenet import SampleNetwork
from samplenet.generate import AFTER_FIX_NAMES, UNSEEN_NAMES
from samplenet.preset import LOCAL_CRAWL, crawl_options
from samplenet.score import site_scores

pytestmark = pytest.mark.slow

PANTAU = Path(sys.executable).with_name("pantau")


def rows(db: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture(scope="module")
def net():
    with SampleNetwork(scale=1, faults=True, slow_seconds=1.0, unseen=True) as network:
        yield network


@pytest.fixture(scope="module")
def crawled(net, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("unseen")
    sites, db = tmp / "SITES.yaml", tmp / "pantau.db"
    net.write_sites_yaml(sites)
    command = [PANTAU, "crawl", "--sites", sites, "--db", db, *crawl_options()]
    start = len(net.requests)
    first = subprocess.run(command, capture_output=True, text=True, timeout=300)
    middle = len(net.requests)
    after_first = tmp / "after-first.db"  # seen_urls keeps each URL's latest outcome only
    with sqlite3.connect(db) as source, sqlite3.connect(after_first) as copy:
        source.backup(copy)
    second = subprocess.run(command, capture_output=True, text=True, timeout=300)
    requests = net.requests
    return {
        "db": db,
        "dbs": {1: after_first, 2: db},
        "first": first,
        "second": second,
        "runs": {1: requests[start:middle], 2: requests[middle:]},
    }


def fetched_keys(net, requests) -> dict[str, set[str]]:
    """Per site, the url_key of every URL its server answered (the request log)."""
    bases = {site.name: site.url.rstrip("/") for site in net.sites}
    keys: dict[str, set[str]] = {}
    for site, _method, path in requests:
        keys.setdefault(site, set()).add(url_key(bases[site] + path))
    return keys


def test_both_runs_exit_0_without_traceback(crawled):
    for run in ("first", "second"):
        assert crawled[run].returncode == 0, crawled[run].stderr[-3000:]
        assert "Traceback" not in crawled[run].stderr


def test_every_site_stores_every_reachable_relevant_article_once(net, crawled):
    """Recall 1.0 (the goal is >= 0.97), no duplicate, no irrelevant story stored (a
    sidebar naming JKN made two on suarasumba), no robots.txt violation, on the original
    sites and on the unseen ones alike."""
    scores = site_scores(net, crawled["db"])
    assert {s.site: (s.stored, s.duplicates, s.extra, s.robots) for s in scores} == {
        s.site: (s.reachable, 0, 0, 0) for s in scores
    }
    assert {s.site for s in scores} >= {*UNSEEN_NAMES, *AFTER_FIX_NAMES}
    assert min(s.reachable for s in scores) == 3


@pytest.mark.parametrize("run", [1, 2])
def test_every_fetched_url_ends_in_exactly_one_recorded_outcome(net, crawled, run):
    """The URLs the servers answered (their request log) are exactly the URLs with an
    outcome of that run: a seen_urls row (stored, duplicate-of, irrelevant, not-article:
    reason) or a crawl_errors row. A URL in both is a failure recorded twice over (seen
    "failed"/"error" keeps later runs informed), or the one article stored with page 1
    alone, its failure to join beside it."""
    db = crawled["dbs"][run]
    seen = dict(rows(db, "SELECT key, outcome FROM seen_urls WHERE run_id = ?", run))
    errors = {
        url_key(url) for (url,) in rows(db, "SELECT url FROM crawl_errors WHERE run_id = ?", run)
    }
    fetched = set().union(*fetched_keys(net, crawled["runs"][run]).values())
    assert fetched == set(seen) | errors
    both = {key: seen[key] for key in set(seen) & errors}
    assert set(both.values()) <= {"failed", "error", "stored"}
    empty_part = next(f["url"] for f in net.fault_urls if f["kind"] == "empty_part")
    assert [k for k, outcome in both.items() if outcome == "stored"] == (
        [url_key(empty_part.removesuffix("?page=2"))] if run == 1 else []
    )


def test_not_articles_carry_their_reason(crawled):
    outcomes = {o for (o,) in rows(crawled["db"], "SELECT DISTINCT outcome FROM seen_urls")}
    reasons = {o.partition(": ")[2] for o in outcomes if o.startswith("not-article: ")}
    assert {"robots.txt", "home page", "sitemap", "feed", "WordPress API"} <= reasons
    assert "listing (its headlines link to other pages)" in reasons
    assert any(r.startswith("no main text") for r in reasons)
    assert any(r.startswith("redirect to ") for r in reasons)
    assert "not-article" not in outcomes  # always with a reason


def test_crawl_prints_one_summary_line_per_site(net, crawled):
    """``pantau crawl`` ends with one line per site, its counts adding up to the URLs
    the site answered, then the run's line."""
    lines = crawled["first"].stderr.strip().splitlines()
    assert lines[-1].startswith("crawl finished:")
    pattern = re.compile(
        r"  (?P<site>[\w-]+): (?P<fetched>\d+) URLs fetched: (?P<stored>\d+) stored, "
        r"\d+ duplicate, \d+ irrelevant, \d+ not article, \d+ failed"
    )
    found = {m["site"]: int(m["fetched"]) for m in map(pattern.fullmatch, lines) if m}
    keys = fetched_keys(net, crawled["runs"][1])
    assert found == {site: len(urls) for site, urls in keys.items()}


def test_crash_while_joining_pages_keeps_page_1_and_is_recorded(net, crawled):
    """harianflobamora's page 2 of one article answers an empty body: the joiner raises,
    page 1 is stored alone and the failure is in crawl_errors."""
    (fault,) = [f["url"] for f in net.fault_urls if f["kind"] == "empty_part"]
    article = fault.removesuffix("?page=2")
    assert rows(
        crawled["db"], "SELECT reason FROM crawl_errors WHERE run_id = 1 AND url = ?", article
    ) == [("pages not joined, page 1 kept: ParserError: Document is empty",)]
    ((text,),) = rows(crawled["db"], "SELECT text FROM articles WHERE url = ?", article)
    page1 = next(a for a in net.articles if article.endswith(a.slug)).paragraphs[:2]
    assert [line for line in text.splitlines() if line] == page1


def test_split_articles_are_joined_only_with_their_own_pages(net, crawled):
    """The award named only on page 2 is found; Joomla's "Selanjutnya" (the next article
    on the same /index.php) joins nothing: no stored text holds the opening paragraph of
    another article of its site (generated filler may repeat one across sites)."""
    db = crawled["db"]
    texts = dict(rows(db, "SELECT url, text FROM articles"))
    rsud = next(u for u in texts if u.endswith("rsud-kefamenanu-tambah-ruang-rawat-inap"))
    assert "UHC Awards 2026 kategori Pratama" in texts[rsud]
    assert rows(
        db,
        "SELECT w.region_code, w.year, w.category FROM awards w JOIN articles a "
        "ON a.id = w.article_id WHERE a.url = ?",
        rsud,
    ) == [("53.03", 2026, "Pratama")]
    for article in net.articles:
        home = next(s.url for s in net.sites if s.name == article.site)
        own = canonicalize_url(net.canonical_url(article))
        others = [u for u in texts if u.startswith(home) and canonicalize_url(u) != own]
        assert not [u for u in others if article.paragraphs[0] in texts[u]]


def test_endless_calendar_is_bounded(net, crawled):
    """lensantt answers every /arsip/ month and day. Bound: per URL shape (month, day)
    at most PANTAU_SHAPE_CAP listing pages plus those in flight (CONCURRENT_REQUESTS_PER_
    DOMAIN), and never more than DEAD_ENDS empty months past the newest or oldest story."""
    paths = [p for site, _, p in crawled["runs"][1] if site == "lensantt"]
    archive = [p for p in paths if p.startswith("/arsip/")]
    bound = 2 * (PANTAU_SHAPE_CAP + LOCAL_CRAWL["CONCURRENT_REQUESTS_PER_DOMAIN"])
    assert 0 < len(archive) <= bound
    months = {
        date(int(y), int(m), 1)
        for y, m in re.findall(r"/arsip/(\d{4})/(\d{2})/", " ".join(archive))
    }
    published = [a.published.date() for a in net.articles if a.site == "lensantt"]
    assert max(months) <= _add_months(max(published).replace(day=1), DEAD_ENDS)
    assert min(months) >= _add_months(min(published).replace(day=1), -DEAD_ENDS)


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def test_second_run_fetches_no_article_of_the_unseen_sites_again(net, crawled):
    unseen = {*UNSEEN_NAMES, *AFTER_FIX_NAMES}
    articles = {url_key(net.canonical_url(a)) for a in net.articles if a.site in unseen}
    refetched = set().union(*fetched_keys(net, crawled["runs"][2]).values()) & articles
    assert refetched == set()
    assert rows(crawled["db"], "SELECT status, articles FROM crawl_runs WHERE id = 2") == [
        ("finished", 0)
    ]


def test_reextract_finds_the_same_articles_in_the_archive(crawled, tmp_path):
    """Pages fetched as listings or unknown pages of a site crawled by its links are
    archived as such; ``pantau reextract`` decides by content again, as the spider did."""
    copy = tmp_path / "copy.db"
    with sqlite3.connect(crawled["db"]) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    shutil.copytree(warc_dir_for(crawled["db"]), warc_dir_for(copy))
    with sqlite3.connect(copy) as conn:
        conn.execute("DELETE FROM awards")
        conn.execute("UPDATE articles SET title = NULL")
    run = subprocess.run([PANTAU, "reextract", "--db", copy], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    query = "SELECT url, title IS NOT NULL FROM articles ORDER BY url"
    assert rows(copy, query) == [(url, 1) for (url, _) in rows(crawled["db"], query)]
    facts = "SELECT count(*) FROM awards"
    assert rows(copy, facts) == rows(crawled["db"], facts)
