"""Crawl scale: does pantau's crawler keep its memory bounded over 100,000 pages?

    python bench/crawl_scale.py [--scale 2200] [--pages 100000] [--at 10000,50000,100000]

Starts SampleNetwork(scale, faults=False) in this process (scale 2200 has 132,003
articles, one in six relevant, about 100k of them reachable), runs the real ``pantau
crawl`` on it in a subprocess with no delays, and stops it after --pages fetched pages
(CLOSESPIDER_PAGECOUNT). Every two
seconds it samples the resident memory of the crawl process and of its extraction worker
(Linux /proc) and the pages the network has served. Printed at each --at mark: pages,
elapsed time, pages per second (overall and since the previous mark), current and peak
RSS of both processes. Bounded memory means the crawl's RSS flattens while pages grow:
the request queue lives on disk (JOBDIR), pages are archived to disk (WARC) and only URL
keys stay in memory.

A full 100k run takes tens of minutes on a shared 2-core machine; run it in the
background: ``nohup python bench/crawl_scale.py > /tmp/crawl_scale.log 2>&1 &``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PANTAU = Path(sys.executable).with_name("pantau")
SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "PANTAU_RETRY_BACKOFF": 0.05,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "DOWNLOAD_TIMEOUT": 30,
}


def rss_mb(pid: int) -> float:
    """Resident set size of a live process, from /proc (0 once it has exited)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next((x for x in status.splitlines() if x.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1]) / 1024


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def bench(scale: int, pages: int, marks: list[int]) -> None:
    from samplenet import SampleNetwork

    started = time.monotonic()
    net = SampleNetwork(scale=scale, faults=False)
    print(
        f"network: scale {scale}, {len(net.articles)} articles "
        f"({sum(a.relevant for a in net.articles)} relevant), built in "
        f"{time.monotonic() - started:.0f} s",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp, net:
        sites = Path(tmp, "SITES.yaml")
        net.write_sites_yaml(sites)
        overrides = [
            a
            for k, v in {**SETTINGS, "CLOSESPIDER_PAGECOUNT": pages}.items()
            for a in ("-s", f"{k}={v}")
        ]
        proc = subprocess.Popen(
            [PANTAU, "crawl", "--sites", sites, "--db", Path(tmp, "scale.db"), *overrides],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        start = time.monotonic()
        peak = {"crawl": 0.0, "worker": 0.0}
        last = (0, start)
        pending = sorted(marks)
        print(
            f"{'pages':>7} {'elapsed':>8} {'pages/s':>8} {'since last':>10} "
            f"{'crawl MB':>9} {'peak':>6} {'worker MB':>10} {'peak':>6}",
            flush=True,
        )
        while True:
            done = proc.poll() is not None
            served = len(net.log.snapshot())
            now = {"crawl": rss_mb(proc.pid), "worker": sum(rss_mb(c) for c in children(proc.pid))}
            peak = {k: max(peak[k], now[k]) for k in peak}
            while pending and (served >= pending[0] or done):
                mark = pending.pop(0)
                elapsed = time.monotonic() - start
                recent = (served - last[0]) / max(time.monotonic() - last[1], 1e-9)
                print(
                    f"{served:>7} {elapsed:>7.0f}s {served / elapsed:>8.1f} {recent:>10.1f} "
                    f"{now['crawl']:>9.0f} {peak['crawl']:>6.0f} {now['worker']:>10.0f} "
                    f"{peak['worker']:>6.0f}"
                    + ("" if served >= mark else f"  (crawl ended before {mark})"),
                    flush=True,
                )
                last = (served, time.monotonic())
            if done:
                break
            time.sleep(2)
        summary = proc.stderr.read().strip().splitlines()
        print("crawl:", summary[-2:] if summary else "(no output)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=2200)
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument(
        "--at", default="10000,50000,100000", help="page counts at which to print a line"
    )
    args = parser.parse_args()
    bench(args.scale, args.pages, [int(x) for x in args.at.split(",")])


if __name__ == "__main__":
    main()
