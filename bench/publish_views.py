"""How long publishing takes on a large synthetic store: ensure_views and the pages
readers open first (award_summary, the canned queries). Prints figures; asserts nothing.

    .venv/bin/python bench/publish_views.py [ARTICLES]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sqlite_utils
import yaml

import store
from extract.regions import all_regions
from extract.result import Award, Official, RegionMention, Result
from publish.serve import CONFIG_DIR
from publish.views import ensure_views

CATEGORIES = ["Utama", "Madya", "Pratama", None]


def synthetic(n: int, rng: random.Random) -> list[tuple[str, Result]]:
    regions = list(all_regions().values())
    people = [Official(f"Nama{i} Tokoh{i % 97}", f"Jabatan {i % 50}") for i in range(400)]
    out = []
    for i in range(n):
        published = date(2023, 1, 1) + timedelta(days=rng.randrange(1200))
        awarded = rng.sample(regions, rng.randrange(0, 4))
        out.append(
            (
                f"media{i % 40}",
                Result(
                    id=i,
                    url=f"https://media{i % 40}.example/{i}",
                    title=f"Berita {i}",
                    published=published,
                    relevant=bool(awarded),
                    event_date=None,
                    text=f"Teks berita nomor {i}.",
                    awards=[
                        Award(
                            r.code,
                            r.name,
                            r.level,
                            rng.choice(CATEGORIES),
                            rng.choice([2023, 2024, 2025, 2026]),
                            None,
                            None,
                            f"Kalimat {i}.",
                        )
                        for r in awarded
                    ],
                    officials=rng.sample(people, 2),
                    regions=[RegionMention(r.code, r.name, r.level, 1) for r in awarded],
                ),
            )
        )
    return out


def timed(label: str, fn) -> None:
    start = time.perf_counter()
    result = fn()
    print(f"{label:<40} {time.perf_counter() - start:8.3f} s  {result}")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    path = Path(tempfile.mkdtemp()) / "bench.db"
    db = store.open_db(path)
    rng = random.Random(7)
    for site, result in synthetic(n, rng):
        store.save_result(db, result, url=result.url, site=site)
    awards = db.execute("select count(*) from awards").fetchone()[0]
    print(f"{n} articles, {awards} award facts")
    timed("ensure_views (first, with coordinates)", lambda: ensure_views(db))
    timed("ensure_views (again)", lambda: ensure_views(db))
    ro = sqlite_utils.Database(path)
    timed("award_summary, all rows", lambda: len(list(ro.query("select * from award_summary"))))
    queries = yaml.safe_load((CONFIG_DIR / "metadata.yml").read_text())["databases"]["pantau"][
        "queries"
    ]
    params = {"tahun": "2025", "provinsi": "53"}
    for name, query in queries.items():
        timed(f"canned query {name}", lambda q=query: len(ro.execute(q["sql"], params).fetchall()))


if __name__ == "__main__":
    main()
