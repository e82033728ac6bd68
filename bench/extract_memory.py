"""Peak memory of `pantau extract` on a small and on a huge .jsonl: flat, whatever the size.

    .venv/bin/python bench/extract_memory.py [--small-mb 5] [--big-mb 500] [--runs 1]

Writes two JSON lines files of generated pages (bench/news_pages.py, one in ten relevant)
in a temporary directory, runs the installed ``pantau extract FILE -o /dev/null`` on each
(alternated when ``--runs`` > 1) and prints each process's peak resident memory (its own
rusage, from ``os.wait4``) and the ratio big / small. Goal (issue 14): within 10 %.
The files are deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from news_pages import make_pages


def write_jsonl(path: Path, megabytes: int) -> int:
    """Lines cycling through 40 pages (4 relevant) until the file holds ``megabytes``."""
    pages = make_pages(4, True) + make_pages(36, False)
    lines = [
        json.dumps({"html": page.decode("utf-8")}, ensure_ascii=False).encode() for page in pages
    ]
    size, count = 0, 0
    with path.open("wb") as out:
        while size < megabytes * 1_000_000:
            line = lines[count % len(lines)]
            out.write(line + b"\n")
            size += len(line) + 1
            count += 1
    return count


def peak_rss(path: Path) -> tuple[float, float]:
    """Peak RSS in MiB and wall seconds of one ``pantau extract`` run."""
    pantau = Path(sys.executable).with_name("pantau")
    start = time.perf_counter()
    child = subprocess.Popen([str(pantau), "extract", str(path), "-o", os.devnull])
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"pantau extract {path.name} failed")
    return usage.ru_maxrss / 1024, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small-mb", type=int, default=5)
    parser.add_argument("--big-mb", type=int, default=500)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = {"small": Path(tmp, "small.jsonl"), "big": Path(tmp, "big.jsonl")}
        counts = {
            "small": write_jsonl(files["small"], args.small_mb),
            "big": write_jsonl(files["big"], args.big_mb),
        }
        peaks: dict[str, list[float]] = {"small": [], "big": []}
        for r in range(args.runs):
            for name in ("small", "big") if r % 2 == 0 else ("big", "small"):
                rss, seconds = peak_rss(files[name])
                peaks[name].append(rss)
                print(f"  {name}: {counts[name]} documents, {rss:.0f} MiB, {seconds:.0f} s")
    small, big = statistics.median(peaks["small"]), statistics.median(peaks["big"])
    print(
        f"{args.small_mb} MB: {small:.0f} MiB; {args.big_mb} MB: {big:.0f} MiB; "
        f"big / small {big / small:.2f}x"
    )


if __name__ == "__main__":
    main()
