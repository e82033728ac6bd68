"""How much faster `pantau extract --jobs N` is than one process, on a crawl-sized batch.

Generates PAGES news pages at run time (nothing is written to disk) with
bench/news_pages.py: 50-200 KB regional portal pages (menus, sidebars, scripts, comments)
around an invented article, about 15 % of them on UHC Awards or JKN (relevant: the NLP
runs) and the rest without any UHC/JKN/BPJS word (the keyword test stops them early),
which is roughly what a regional site publishes. Runs ``extract.pool.extract_many`` over the
same pages with each job count and prints documents per second, the speed-up over one
process, and whether every run found the same facts. Figures only, no asserts.

    .venv/bin/python bench/extract_parallel.py --pages 5000 --jobs 1 2

Worker start-up (spawning and loading the pipeline, a few seconds) is inside the total
time; "steady" is the rate from the first result to the last. "CPU s" adds up the CPU
time of the caller and its workers: when it stays close to one process's, the work is
split without overhead and the wall-clock speed-up is set by how many cores are free.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from news_pages import make_page

from extract.pool import extract_many


def pages(count: int, relevant_share: float, seed: int = 7) -> Iterator[dict]:
    """The same ``count`` pages for every run (seeded), generated as they are consumed."""
    rng = random.Random(seed)
    for number in range(count):
        relevant = rng.random() < relevant_share
        html = make_page(rng, relevant, rng.randrange(50_000, 200_000))
        yield {"id": number, "url": f"https://warta.example/berita/{number}", "html": html}


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(count: int, jobs: int, relevant_share: float) -> dict:
    cpu = _cpu_seconds()
    started = time.perf_counter()
    first = None
    relevant = facts = 0
    for result in extract_many(pages(count, relevant_share), jobs):
        first = first or time.perf_counter()
        relevant += result.relevant
        facts += len(result.awards)
    ended = time.perf_counter()
    return {
        "jobs": jobs,
        "seconds": ended - started,
        "rate": count / (ended - started),
        "steady": (count - 1) / (ended - first) if count > 1 else float("nan"),
        "relevant": relevant,
        "facts": facts,
        "cpu": _cpu_seconds() - cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--relevant", type=float, default=0.15, help="share of UHC/JKN pages")
    args = parser.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{args.pages} pages, {args.relevant:.0%} about UHC/JKN; {os.cpu_count()} CPUs, "
        f"load average {load} (other work on the machine caps the speed-up)"
    )
    print(
        f"{'jobs':>4} {'seconds':>8} {'docs/s':>8} {'steady':>8} {'speed-up':>8} "
        f"{'CPU s':>7}  facts"
    )
    base = None
    for jobs in args.jobs:
        r = run(args.pages, jobs, args.relevant)
        base = base or r["rate"]
        print(
            f"{jobs:>4} {r['seconds']:>8.1f} {r['rate']:>8.1f} {r['steady']:>8.1f} "
            f"{r['rate'] / base:>7.2f}x {r['cpu']:>7.1f}  "
            f"{r['relevant']} relevant, {r['facts']} award facts"
        )


if __name__ == "__main__":
    main()
