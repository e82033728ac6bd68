"""The crawler against the hostile site "rusak" (SampleNetwork(faults="hostile")): every
fault is survived, logged once with its reason, and every reachable relevant article is
stored. Timeouts are set low here so the run stays short; the 100,000-entry sitemap is
bounded by --max-pages."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from samplenet import SampleNetwork

pytestmark = pytest.mark.slow

PANTAU = Path(sys.executable).with_name("pantau")
MAX_PAGES = 30
TIMEOUT = 3  # seconds; robots.txt and the dripping page hold on for HANG
HANG = 30
SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "PANTAU_RETRY_BACKOFF": 0.05,
    "DOWNLOAD_TIMEOUT": TIMEOUT,
    "RETRY_TIMES": 2,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
}


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    with SampleNetwork(faults="hostile", hang_seconds=HANG) as net:
        net.write_sites_yaml(tmp / "all.yaml")
        document = yaml.safe_load((tmp / "all.yaml").read_text())
        document["sites"] = [s for s in document["sites"] if s["name"] == "rusak"]
        (tmp / "SITES.yaml").write_text(yaml.safe_dump(document))
        overrides = [arg for name, value in SETTINGS.items() for arg in ("-s", f"{name}={value}")]
        proc = subprocess.run(
            [
                PANTAU,
                "crawl",
                "--sites",
                tmp / "SITES.yaml",
                "--db",
                tmp / "rusak.db",
                "--max-pages",
                str(MAX_PAGES),
                *overrides,
            ],
            capture_output=True,
            text=True,
            timeout=240,
        )
        yield net, proc, tmp / "rusak.db"


def faults(net) -> dict[str, str]:
    return {
        f["kind"]: f["url"]
        for f in net.fault_urls
        if f["site"] == "rusak" or f["kind"] == "broken_html"
    }


def test_crawl_survives_and_exits_0(hostile):
    _, proc, db = hostile
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    assert rows(db, "SELECT status FROM crawl_runs") == [("finished",)]


def test_every_reachable_relevant_article_stored_with_its_facts(hostile):
    net, _, db = hostile
    truth = [t for t in net.truth if t["site"] == "rusak"]
    assert {url for (url,) in rows(db, "SELECT url FROM articles")} == {
        t["canonical_url"] for t in truth
    }
    assert faults(net)["broken_html"] in {t["canonical_url"] for t in truth}
    facts = set(
        rows(
            db,
            "SELECT a.url, w.region_code, w.year, w.category FROM awards w "
            "JOIN articles a ON a.id = w.article_id",
        )
    )
    assert facts == {
        (t["canonical_url"], a["region_code"], a["year"], a["category"])
        for t in truth
        for a in t["awards"]
    }


def test_each_fault_logged_once_with_its_reason(hostile):
    net, _, db = hostile
    found = faults(net)
    errors = rows(db, "SELECT url, reason FROM crawl_errors WHERE run_id = 1")
    assert len(errors) == len({url for url, _ in errors})
    reasons = dict(errors)
    expected = {
        "robots_timeout": f"DownloadTimeoutError: Getting {found['robots_timeout']} took "
        f"longer than {TIMEOUT:.1f} seconds.",
        "slow_drip": f"DownloadTimeoutError: Getting {found['slow_drip']} took longer than "
        f"{TIMEOUT:.1f} seconds.",
        "connection_reset": "DownloadFailedError: ConnectionLost: Connection to the other "
        "side was lost in a non-clean fashion.",
        "offsite_redirect": f"skipped: offsite redirect to {net.site('rusak').offsite_url()}",
        "huge_body": "skipped: download cancelled (body over DOWNLOAD_MAXSIZE)",
    }
    assert {kind: reasons.get(found[kind]) for kind in expected} == expected
    assert reasons[found["bad_gzip"]].startswith("skipped: undecodable gzip body: ")
    assert reasons[found["broken_sitemap"]].startswith(
        "broken sitemap XML: Opening and ending tag mismatch: loc line 4 and lok"
    )
    assert set(reasons) == {found[k] for k in (*expected, "bad_gzip", "broken_sitemap")}


def test_the_100k_sitemap_is_cut_by_the_page_cap(hostile):
    net, _, _ = hostile
    paths = [path for site, _, path in net.requests if site == "rusak"]
    fetched = {p for p in paths if p != "/robots.txt"}
    assert len(fetched) <= MAX_PAGES
    notices = [p for p in fetched if p.startswith("/berita/pengumuman-redaksi-nomor-")]
    assert 0 < len(notices) < MAX_PAGES  # the sitemap was read, and cut
    retried = {
        faults(net)[k].removeprefix(net.site("rusak").base_url.rstrip("/"))
        for k in ("connection_reset", "slow_drip")
    }
    assert [p for p in set(paths) if paths.count(p) > 1 and p not in retried] == ["/robots.txt"]
