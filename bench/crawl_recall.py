"""Recall of the crawler per sample site, the unseen templates included (issue 13).

    python bench/crawl_recall.py [--scale 1]

Starts SampleNetwork(scale, faults=True, unseen=True), runs ``pantau crawl`` on it in a
subprocess and prints samplenet.score's table: per site, stored relevant / reachable
relevant articles, duplicates, robots.txt violations and requests to endless pages.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from samplenet import SampleNetwork
    from samplenet.preset import crawl_options
    from samplenet.score import score_table, site_scores

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    pantau = Path(sys.executable).with_name("pantau")
    with (
        tempfile.TemporaryDirectory() as tmp,
        SampleNetwork(args.scale, faults=True, slow_seconds=1.0, unseen=True) as net,
    ):
        sites, db = Path(tmp, "SITES.yaml"), Path(tmp, "pantau.db")
        net.write_sites_yaml(sites)
        run = subprocess.run(
            [pantau, "crawl", "--sites", sites, "--db", db, *crawl_options()],
            capture_output=True,
            text=True,
        )
        print(run.stderr[-4000:], file=sys.stderr)
        print(score_table(site_scores(net, db)))


if __name__ == "__main__":
    main()
