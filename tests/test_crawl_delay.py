"""robots.txt ``Crawl-delay``: a site that asks for one gets its requests at least that
far apart, up to PANTAU_CRAWL_DELAY_MAX (a bigger ask is logged and capped). Measured
where it matters, in the site's own request log, on a real local server."""

import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from localnet import LocalServers

from crawler.crawl_delay import polite_delay
from samplenet.preset import crawl_options

pytestmark = pytest.mark.slow

PANTAU = Path(sys.executable).with_name("pantau")
SLUGS = ("pasar-ikan-oeba-dipindah", "jalan-timor-raya-diperlebar", "sekolah-baru-di-alak")


def _article(slug: str) -> bytes:
    title = slug.replace("-", " ").title()
    return (
        "<!DOCTYPE html><html lang=id><head><meta charset=utf-8>"
        f"<title>{title} - Kabar Pelan</title>"
        '<meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2026-02-02T08:00:00+08:00">'
        f"</head><body><article><h1>{title}</h1><p>KUPANG - Pemerintah kota menjelaskan "
        "rencana itu kepada warga dalam rapat di kantor kelurahan, Senin (2/2/2026). Warga "
        "meminta jadwal pengerjaan diumumkan sebelum musim hujan tiba.</p></article>"
        "</body></html>"
    ).encode()


class PacedSite(LocalServers):
    """One news site whose robots.txt says ``Crawl-delay``; ``arrivals`` is (monotonic
    seconds, path) of every request in arrival order."""

    def __init__(self, robots: str) -> None:
        super().__init__()
        self.robots = robots.encode()
        self.arrivals: list[tuple[float, str]] = []
        self.url = ""

    def answer(self, host: str, path: str) -> tuple[int, dict[str, str], bytes]:
        self.arrivals.append((time.monotonic(), path))
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, self.robots
        if path == "/":
            links = "".join(f'<li><a href="/berita/{s}/">{s}</a></li>' for s in SLUGS)
            return (
                200,
                html,
                f"<html><body><h1>Kabar Pelan</h1><ul>{links}</ul></body></html>".encode(),
            )
        slug = path.strip("/").removeprefix("berita/")
        if slug in SLUGS:
            return 200, html, _article(slug)
        return 404, html, b"<h1>404 Halaman tidak ditemukan</h1>"

    def start(self) -> "PacedSite":
        _, self.url = self.serve(self._handler("kabarpelan"))
        return self

    def gaps(self) -> list[float]:
        times = [moment for moment, _ in self.arrivals]
        return [later - earlier for earlier, later in pairwise(times)]


def crawl(tmp_path: Path, robots: str, **settings: object) -> tuple[PacedSite, str]:
    with PacedSite(robots) as site:
        sites = tmp_path / "SITES.yaml"
        doc = {"sites": [{"name": "kabarpelan", "url": site.url}]}
        sites.write_text(yaml.safe_dump(doc), encoding="utf-8")
        run = subprocess.run(
            [PANTAU, "crawl", "--sites", sites, "--db", tmp_path / "pantau.db",
             *crawl_options(**settings)],
            capture_output=True,
            text=True,
            timeout=120,
        )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    return site, run.stderr


# A request may reach the server a little sooner after the one before than it left the
# crawler (the first needed a TCP connection, the next one reused it).
LATENCY_SLACK = 0.15


@pytest.mark.parametrize(
    "throttle",
    [{}, {"AUTOTHROTTLE_ENABLED": True, "AUTOTHROTTLE_START_DELAY": 0.2}],
    ids=["fixed-delay", "autothrottle"],
)
def test_requests_are_spaced_by_the_crawl_delay(tmp_path, throttle):
    """The preset's own delay is 1 ms (or AutoThrottle's, which would fall towards the
    server's 1 ms latency); robots.txt asks for 1 s. Every request after the middleware's
    robots.txt (the spider's own robots.txt, the home page, three articles) waits for it."""
    site, log = crawl(
        tmp_path,
        "User-agent: *\nCrawl-delay: 1\nDisallow: /admin/\n",
        PANTAU_CRAWL_DELAY_MAX=30,
        **throttle,
    )
    paths = [path for _, path in site.arrivals]
    assert {f"/berita/{slug}/" for slug in SLUGS} <= set(paths)
    assert min(site.gaps()) >= 1 - LATENCY_SLACK
    assert "Crawl-delay" not in log  # obeyed as asked: nothing to warn about


def test_a_crawl_delay_over_the_cap_is_capped_and_logged(tmp_path):
    site, log = crawl(tmp_path, "User-agent: *\nCrawl-delay: 45\n", PANTAU_CRAWL_DELAY_MAX=0.5)
    assert min(site.gaps()) >= 0.5 - LATENCY_SLACK
    assert max(site.gaps()) < 45
    assert "robots.txt asks for Crawl-delay: 45 s; waiting 0.5 s (PANTAU_CRAWL_DELAY_MAX)" in log


@pytest.mark.parametrize(
    ("slot", "asked", "expected"),
    [
        ((0.25, 0.5), 10.0, (10.0, 0.0)),  # the site's pace; no random draw below it
        ((15.0, 0.5), 10.0, (15.0, 1 / 3)),  # a slower configured delay stays: 10..20 s
        ((15.0, 0.2), 10.0, (15.0, 0.2)),  # its jitter already stays above 10 s
        ((1.0, 0.5), 0.0, (1.0, 0.5)),  # nothing asked (or capped to 0): unchanged
    ],
)
def test_polite_delay_never_draws_below_the_crawl_delay(slot, asked, expected):
    delay, jitter = polite_delay(*slot, asked)
    assert (delay, round(jitter, 6)) == (expected[0], round(expected[1], 6))
    assert delay * (1 - jitter) >= asked
