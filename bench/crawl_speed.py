"""Crawl speed: pantau's crawler against a bare Scrapy spider fetching the same URLs.

    .venv/bin/python bench/crawl_speed.py [--scale 5] [--rounds 5] [--production]

Starts SampleNetwork(scale, faults=False); a first pantau crawl (not counted) records
the URLs it fetches. Then, in each round, in alternating order, each in its own process:

- pantau: the full crawler (discovery, canonical URLs, keyword filter, extraction in
  its worker process, store, WARC archive);
- pantau without NLP: the same with the extraction step stubbed out (the crawler alone);
- bare: a plain Scrapy spider fetching exactly the URLs pantau fetched.

Like with like: both sides run with the same concurrency, delays and throttling (the
sample-network preset ``samplenet.preset.LOCAL_CRAWL``, or with ``--production`` the
production settings of crawler/settings.py, whose 0.25 s delay makes runs slow: use a
small scale) and both keep connections alive (Scrapy's default). The sample sites count
the TCP connections they accept, so each run's connections are printed beside its speed.

Printed per kind: pages/s (spider open to close), TCP connections opened, CPU seconds of
the crawl process and its extraction worker (start-up included), the crawl process's own
CPU per page from spider open to close (what scales with the pages: start-up and the
worker left out) and the worker's CPU seconds; median and spread (min-max) of the rounds;
then the ratios to bare. Goals (issue 14): pantau >= 0.7x bare, connections within 2x.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The settings both sides share, read from pantau's effective settings.
SHARED = (
    "CONCURRENT_REQUESTS",
    "CONCURRENT_ITEMS",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "DOWNLOAD_DELAY",
    "RANDOMIZE_DOWNLOAD_DELAY",
    "AUTOTHROTTLE_ENABLED",
    "AUTOTHROTTLE_START_DELAY",
    "AUTOTHROTTLE_MAX_DELAY",
    "AUTOTHROTTLE_TARGET_CONCURRENCY",
    "DOWNLOAD_TIMEOUT",
    "TWISTED_REACTOR",
)


def _preset(production: bool) -> dict[str, Any]:
    from samplenet.preset import LOCAL_CRAWL

    base = {} if production else dict(LOCAL_CRAWL)
    return {**base, "LOG_LEVEL": "ERROR", "PANTAU_PROGRESS": False}


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _crawl(process: Any, crawler: Any, **kwargs: Any) -> dict[str, float]:
    """Run ``crawler``; its speed and CPU time, the crawl process's own CPU also counted
    from spider open to close (start-up and imports left out: what scales per page)."""
    from scrapy import signals

    marks: dict[str, float] = {}
    crawler.signals.connect(lambda: marks.setdefault("open", _cpu(resource.RUSAGE_SELF)),
                            signals.spider_opened, weak=False)  # fmt: skip
    crawler.signals.connect(lambda: marks.setdefault("close", _cpu(resource.RUSAGE_SELF)),
                            signals.engine_stopped, weak=False)  # fmt: skip
    process.crawl(crawler, **kwargs)
    process.start()
    stats = crawler.stats.get_stats()
    seconds = (stats["finish_time"] - stats["start_time"]).total_seconds()
    pages = stats.get("response_received_count", 0)
    return {
        "pages": pages,
        "seconds": seconds,
        "pages_per_s": pages / seconds,
        "cpu_s": _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN),
        "crawl_ms": 1000 * (marks["close"] - marks["open"]) / pages,
        "worker_s": _cpu(resource.RUSAGE_CHILDREN),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _stub_extraction() -> None:
    """Replace the NLP step by 'not relevant', leaving every other step in place."""
    from crawler import pipelines

    async def not_relevant(self: Any, item: Any) -> Any:
        item.relevant = False
        return item

    pipelines.Extract.process_item = not_relevant
    pipelines.Extract.open_spider = lambda self: None
    pipelines.Extract.close_spider = lambda self: None


def worker_pantau(preset: str, sites: str, db: str, nlp: str = "nlp") -> dict[str, float]:
    from scrapy.crawler import CrawlerProcess

    from crawler.run import crawl_settings
    from crawler.spiders.news import NewsSpider

    if nlp == "no-nlp":
        _stub_extraction()
    process = CrawlerProcess(crawl_settings(json.loads(preset)))
    crawler = process.create_crawler(NewsSpider)
    return _crawl(process, crawler, sites=sites, db=db)


def worker_bare(preset: str, urls_file: str) -> dict[str, float]:
    import scrapy
    from scrapy.crawler import CrawlerProcess

    from crawler.run import crawl_settings

    pantau = crawl_settings(json.loads(preset))
    urls = Path(urls_file).read_text().split()

    class Bare(scrapy.Spider):
        name = "bare"

        async def start(self):
            for url in urls:
                yield scrapy.Request(url, dont_filter=True)

        def parse(self, response):
            return None

    settings = {name: pantau.get(name) for name in SHARED}
    settings.update(LOG_LEVEL="ERROR", ROBOTSTXT_OBEY=False, HTTPERROR_ALLOW_ALL=True)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(Bare)
    return _crawl(process, crawler)


def _run(*args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _spread(values: list[float], fmt: str = ".1f") -> str:
    return f"{statistics.median(values):{fmt}} ({min(values):{fmt}}-{max(values):{fmt}})"


def bench(scale: int, rounds: int, production: bool) -> None:
    from samplenet import SampleNetwork

    preset = json.dumps(_preset(production))
    with tempfile.TemporaryDirectory() as tmp, SampleNetwork(scale=scale, faults=False) as net:
        sites = Path(tmp, "SITES.yaml")
        net.write_sites_yaml(sites)
        dbs = (str(Path(tmp, f"bench-{i}.db")) for i in range(10_000))
        _run("pantau", preset, str(sites), next(dbs))
        ports = {site.name: site.url.rstrip("/") for site in net.sites}
        urls = Path(tmp, "urls.txt")
        urls.write_text("\n".join(ports[site] + path for site, _method, path in net.requests))
        kinds = {
            "pantau": lambda: ("pantau", preset, str(sites), next(dbs)),
            "pantau without NLP": lambda: ("pantau", preset, str(sites), next(dbs), "no-nlp"),
            "bare Scrapy": lambda: ("bare", preset, str(urls)),
        }
        runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
        for r in range(rounds):
            for kind in list(kinds) if r % 2 == 0 else list(reversed(kinds)):
                before = net.connections
                run = _run(*kinds[kind]())
                run["connections"] = net.connections - before
                runs[kind].append(run)
    settings = "production settings" if production else "samplenet.preset.LOCAL_CRAWL"
    pages = runs["bare Scrapy"][0]["pages"]
    print(f"scale {scale}, {settings}: {pages} pages, {rounds} rounds alternated")
    print(
        "  median (min-max)          pages/s    connections         CPU s"
        "  crawl CPU ms/page  worker CPU s"
    )
    for kind, done in runs.items():
        print(
            f"  {kind:20s} {_spread([r['pages_per_s'] for r in done]):>20s}"
            f" {_spread([r['connections'] for r in done], '.0f'):>14s}"
            f" {_spread([r['cpu_s'] for r in done]):>13s}"
            f" {_spread([r['crawl_ms'] for r in done], '.2f'):>18s}"
            f" {_spread([r['worker_s'] for r in done]):>13s}"
        )
    bare = runs["bare Scrapy"]
    for kind in ("pantau", "pantau without NLP"):
        pairs = list(zip(runs[kind], bare, strict=True))
        ratios = [p["pages_per_s"] / b["pages_per_s"] for p, b in pairs]
        links = [p["connections"] / b["connections"] for p, b in pairs]
        print(
            f"  {kind} / bare: speed {_spread(ratios, '.2f')}x,"
            f" connections {_spread(links, '.2f')}x"
        )
    worker = statistics.median(r["worker_mb"] for r in runs["pantau"])
    print(f"  peak memory: crawl {statistics.median(r['peak_mb'] for r in runs['pantau']):.0f} MB,"
          f" extraction worker {worker:.0f} MB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, action="append")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--production", action="store_true")
    parser.add_argument("--worker", nargs="+")
    args = parser.parse_args()
    if args.worker:
        kind, *rest = args.worker
        result = worker_pantau(*rest) if kind == "pantau" else worker_bare(*rest)
        print(json.dumps(result))
        return
    for scale in args.scale or [5]:
        bench(scale, args.rounds, args.production)


if __name__ == "__main__":
    main()
