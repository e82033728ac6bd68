"""How fast `pantau extract` is against trafilatura alone, measured side by side.

    .venv/bin/python bench/extract_speed.py [--pages 40] [--rounds 5] [--startups 5]
        [--baseline OTHER/.venv/bin] [--startup-only]

Pages come from bench/news_pages.py: 50-200 KB each, heavy boilerplate; relevant ones tell
a UHC Award story, irrelevant ones have no UHC/JKN/BPJS word anywhere (the cheap path).

In-process (one core, the main figure): in each round, on the relevant pages and on the
irrelevant pages, ``trafilatura.extract(html)`` and pantau's
``Extractor().extract_record({"html": ...})`` each run over the whole set, in alternating
order (A B, then B A), so a busy neighbour slows both alike. Printed: docs per CPU-second
(process time) and per wall-second, median and spread (min-max) of the rounds, and the
ratios pantau / trafilatura on relevant and on irrelevant pages, and irrelevant /
relevant for pantau. The pipeline is loaded before timing; start-up is measured apart:

Start-up: ``pantau extract page.html`` on one relevant page, against a one-line
trafilatura script on the same page, each a fresh process, alternated; wall and CPU
(user + system) medians. With ``--baseline``, the ``pantau`` of another checkout's
virtualenv (say main's, to measure a branch against it) runs in the same alternation, and
the time an extraction worker (``extract.pool.worker_pool``, as ``--jobs`` and the crawl
start them) takes to be ready is measured for both. Goals (issue 14): relevant >= 0.9x,
irrelevant/relevant >= 3x, start-up < 1.0 s wall. Figures only, no asserts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).parent))
from news_pages import make_pages

from extract.engine import Extractor

Timing = tuple[float, float]  # (CPU seconds, wall seconds)


def timed(fn: Callable[[bytes], object], pages: list[bytes]) -> Timing:
    cpu, wall = time.process_time(), time.perf_counter()
    for page in pages:
        fn(page)
    return time.process_time() - cpu, time.perf_counter() - wall


def seconds(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s ({min(values):.2f}-{max(values):.2f})"


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):7.1f} ({min(values):.1f}-{max(values):.1f})"


def in_process(pages: dict[str, list[bytes]], rounds: int) -> dict[tuple[str, str], list[Timing]]:
    extractor = Extractor()
    commands: dict[str, Callable[[bytes], object]] = {
        "trafilatura.extract": trafilatura.extract,
        "pantau extract_record": lambda html: extractor.extract_record({"html": html}),
    }
    for fn in commands.values():  # warm both: pipeline loaded, caches filled
        for page in pages["relevant"][:3] + pages["irrelevant"][:3]:
            fn(page)
    times: dict[tuple[str, str], list[Timing]] = {}
    for r in range(rounds):
        order = list(commands) if r % 2 == 0 else list(reversed(commands))
        for kind, batch in pages.items():
            for name in order:
                times.setdefault((kind, name), []).append(timed(commands[name], batch))
    return times


def _child_run(argv: list[str]) -> Timing:
    """Wall and CPU (user + system) of one child process, from its own rusage."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{argv[0]} failed ({child.returncode})")
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - start


def startups(page: bytes, runs: int, baseline: Path | None) -> dict[str, list[Timing]]:
    bins = {"": Path(sys.executable).parent}
    if baseline is not None:
        bins[" (baseline)"] = baseline
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "page.html")
        path.write_bytes(page)
        commands = {
            f"pantau extract page.html{tag}": [str(bin_dir / "pantau"), "extract", str(path)]
            for tag, bin_dir in bins.items()
        }
        commands["trafilatura script"] = [
            sys.executable,
            "-c",
            "import sys, trafilatura; print(trafilatura.extract(open(sys.argv[1], 'rb').read()))",
            str(path),
        ]
        return alternated(commands, runs)


def alternated(commands: dict[str, list[str]], runs: int) -> dict[str, list[Timing]]:
    """Each command ``runs`` times as a fresh process, in alternating order."""
    times: dict[str, list[Timing]] = {}
    for r in range(runs):
        order = list(commands) if r % 2 == 0 else list(reversed(commands))
        for name in order:
            times.setdefault(name, []).append(_child_run(commands[name]))
    return times


# Wall seconds from starting one extraction worker to its being ready (pipeline loaded).
WORKER_READY = """
import time
from extract.pool import worker_pool
start = time.perf_counter()
pool, ready = worker_pool(1)
ready[0].result()
print(time.perf_counter() - start)
pool.shutdown()
"""


def worker_ready(bins: dict[str, Path], runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}
    for r in range(runs):
        order = list(bins) if r % 2 == 0 else list(reversed(bins))
        for name in order:
            argv = [str(bins[name] / "python"), "-P", "-c", WORKER_READY]  # -P: not this folder
            out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
            times.setdefault(name, []).append(float(out))
    return times


def print_startups(page: bytes, runs: int, baseline: Path | None) -> None:
    print(f"start-up, one relevant page, {runs} runs alternated; median (min-max)")
    for name, timings in startups(page, runs, baseline).items():
        cpus, walls = [c for c, _ in timings], [w for _, w in timings]
        print(f"  {name:37s} wall {seconds(walls)}  CPU {seconds(cpus)}")
    if baseline is not None:
        bins = {"this checkout": Path(sys.executable).parent, "baseline": baseline}
        print(f"one extraction worker ready, {runs} runs alternated; wall median (min-max)")
        for name, walls in worker_ready(bins, runs).items():
            print(f"  {name:37s} wall {seconds(walls)}")
    print(f"load average: {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40, help="pages of each kind")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--startups", type=int, default=5)
    parser.add_argument(
        "--baseline", type=Path, help="another checkout's virtualenv bin folder to compare with"
    )
    parser.add_argument("--startup-only", action="store_true", help="skip the in-process part")
    args = parser.parse_args()
    if args.startup_only:
        print_startups(make_pages(1, True)[0], args.startups, args.baseline)
        return

    pages = {"relevant": make_pages(args.pages, True), "irrelevant": make_pages(args.pages, False)}
    extractor = Extractor()
    for kind, batch in pages.items():
        found = sum(extractor.extract_record({"html": p}).relevant for p in batch)
        size = sum(map(len, batch)) / len(batch) / 1000
        print(f"{kind}: {len(batch)} pages, {size:.0f} KB on average, {found} found relevant")
    print(f"in-process, {args.rounds} rounds alternated; docs/s median (min-max)")
    times = in_process(pages, args.rounds)
    rates: dict[tuple[str, str], list[float]] = {}
    for (kind, name), runs in times.items():
        count = len(pages[kind])
        rates[kind, name] = [count / cpu for cpu, _ in runs]
        walls = [count / wall for _, wall in runs]
        print(f"  {kind:10s} {name:22s} CPU {spread(rates[kind, name])}  wall {spread(walls)}")
    median = {key: statistics.median(values) for key, values in rates.items()}
    for kind in pages:
        pantau, alone = rates[kind, "pantau extract_record"], rates[kind, "trafilatura.extract"]
        paired = [p / t for p, t in zip(pantau, alone, strict=True)]
        print(
            f"pantau / trafilatura, {kind:10s} (docs per CPU-s): "
            f"{median[kind, 'pantau extract_record'] / median[kind, 'trafilatura.extract']:.2f}x"
            f"  (per round {min(paired):.2f}-{max(paired):.2f})"
        )
    pantau_median = {kind: median[kind, "pantau extract_record"] for kind in pages}
    cheap = pantau_median["irrelevant"] / pantau_median["relevant"]
    print(f"pantau irrelevant / relevant speed: {cheap:.2f}x")

    print_startups(pages["relevant"][0], args.startups, args.baseline)


if __name__ == "__main__":
    main()
