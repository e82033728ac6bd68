"""How the store answers readers' questions at a million articles.

Builds a database with the real schema (``store.open_db``: tables, indexes, FTS
and its triggers) in a temporary folder, fills it with ARTICLES generated articles in
batches through sqlite-utils ``insert_all`` (about 5 % state award facts; officials,
region mentions, a second URL for some), then times the questions journalists, BPJS
teams and researchers ask, each the median of several runs, with SQLite's query plan:

- winners of a year by category in one province (awards join regions);
- one region's award history with the articles that say so;
- coverage per outlet per month (group by site and month);
- full-text search (``articles_fts MATCH`` with ``snippet``), ranked and counted;
- latest articles, overall and of one outlet; articles mentioning a region or official;
- Datasette's canned queries from publish/config/metadata.yml, after ``ensure_views``.

A query whose plan reads a whole big table without any index is flagged FULL. Everything
is timed without the indexes the store keeps for these queries (``store.QUERY_INDEXES``),
then again once they are added back. The
database is deleted at the end unless --keep. Figures only, no asserts.

    .venv/bin/python bench/query_scale.py [--articles 1000000] [--keep] [--tmp DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sqlite_utils
import yaml

from extract.regions import all_regions
from publish.serve import CONFIG_DIR
from store import QUERY_INDEXES, index_name, open_db

BATCH = 10_000
AWARD_SHARE = 0.05
FIRST_DAY, DAYS = date(2019, 1, 1), 8 * 365

FIRST_NAMES = ["Agustinus", "Maria", "Yohanes", "Siti", "Abdul", "Ni Made", "I Gusti", "Rina",
               "Marthen", "Fransiska", "Hendrik", "Nur", "Dewi", "Ahmad", "Yosefina", "Benny",
               "Lukas", "Theresia", "Muhammad", "Kornelia"]  # fmt: skip
LAST_NAMES = ["Bria", "Lado", "Taolin", "Hadi", "Rahman", "Wulandari", "Seran", "Manafe",
              "Saragih", "Pasaribu", "Nainggolan", "Sinaga", "Purba", "Hakim", "Lumban Gaol",
              "Tanod", "Mamahit", "Daeng", "Kelen", "Amalo"]  # fmt: skip
OFFICES = ["Bupati", "Wakil Bupati", "Wali Kota", "Sekretaris Daerah", "Kepala Dinas Kesehatan",
           "Kepala BPJS Kesehatan Cabang", "Ketua DPRD"]  # fmt: skip
TITLE_WORDS = ["Pemkab", "warga", "JKN", "BPJS Kesehatan", "puskesmas", "iuran", "peserta",
               "layanan", "rumah sakit", "program", "kartu", "bantuan", "menunggak", "aktif",
               "sosialisasi", "target", "cakupan", "jaminan", "mandiri", "nelayan"]  # fmt: skip
BODY_WORDS = [
    *TITLE_WORDS,
    "yang", "dan", "di", "dengan", "untuk", "pada", "dari", "ini", "itu", "akan", "telah",
    "masyarakat", "pemerintah", "daerah", "kabupaten", "kota", "desa", "kesehatan", "data",
    "tahun", "bulan", "persen", "anggaran", "dinas", "kepala", "menurut", "kata", "sudah",
    "belum", "terus", "meningkat", "menurun", "pelayanan", "pasien", "obat", "dokter",
    "bidan", "perawat", "klinik", "pendaftaran", "penduduk", "miskin", "ditanggung", "APBD",
    "rapat", "kantor", "kecamatan", "kelurahan", "posyandu", "imunisasi", "stunting", "gizi",
]  # fmt: skip
UHC_SENTENCES = [
    "{region} meraih UHC Award kategori {category} tahun {year} dari BPJS Kesehatan.",
    "Penghargaan Universal Health Coverage {category} diterima {office} {person} di Jakarta.",
]
CATEGORIES = ["Utama", "Madya", "Pratama", None]


def _sentences(rng: random.Random, words: int) -> str:
    out, left = [], words
    while left > 0:
        n = min(left, rng.randint(8, 20))
        out.append(" ".join(rng.choices(BODY_WORDS, k=n)).capitalize() + ".")
        left -= n
    return " ".join(out)


class Generator:
    """Deterministic fake press: the same rows for the same seed and size."""

    def __init__(self, seed: int, words: int) -> None:
        self.rng = random.Random(seed)
        self.words = words
        regions = all_regions().values()
        self.regencies = [r for r in regions if r.level != "provinsi"]
        self.sites = [f"media{i:02d}" for i in range(60)]
        people: set[tuple[str, str]] = set()
        while len(people) < 3000:  # officials are unique by (name, title) in the store
            people.add(
                (
                    f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}",
                    f"{self.rng.choice(OFFICES)} {self.rng.choice(self.regencies).name}",
                )
            )
        self.officials = [
            {"id": i, "name": name, "title": title}
            for i, (name, title) in enumerate(sorted(people), 1)
        ]

    def batch(self, first_id: int, count: int) -> dict[str, list[dict]]:
        rng, rows = (
            self.rng,
            {
                t: []
                for t in (
                    "articles",
                    "article_urls",
                    "awards",
                    "article_regions",
                    "article_officials",
                )
            },
        )
        for article_id in range(first_id, first_id + count):
            site = rng.choice(self.sites)
            published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
            mentioned = rng.sample(self.regencies, rng.randint(1, 3))
            title = " ".join(rng.choices(TITLE_WORDS, k=6)).capitalize()
            text = [f"{mentioned[0].name}, {published:%d/%m/%Y}.", _sentences(rng, self.words)]
            if rng.random() < AWARD_SHARE:
                for region in mentioned[: rng.randint(1, len(mentioned))]:
                    person = rng.choice(self.officials)
                    values = {
                        "region": region.name,
                        "category": rng.choice(CATEGORIES) or "",
                        "year": published.year - rng.randint(0, 1),
                        "office": person["title"],
                        "person": person["name"],
                    }
                    evidence = UHC_SENTENCES[0].format(**values)
                    text.append(evidence + " " + UHC_SENTENCES[1].format(**values))
                    rows["awards"].append(
                        {
                            "article_id": article_id,
                            "region_code": region.code,
                            "year": values["year"],
                            "category": values["category"] or None,
                            "recipient_name": person["name"],
                            "recipient_title": person["title"],
                            "evidence": evidence,
                        }
                    )
                title = f"{mentioned[0].name} raih UHC Award"
            url = f"https://{site}.example/{published:%Y/%m}/{article_id}-berita"
            body = "\n".join(text)
            rows["articles"].append(
                {
                    "id": article_id,
                    "url": url,
                    "site": site,
                    "title": title,
                    "published": published.isoformat(),
                    "event_date": None,
                    "author": rng.choice(LAST_NAMES),
                    "text": body,
                    "relevant": 1,
                    "text_hash": hashlib.sha1(body.encode()).hexdigest(),
                    "fetched": f"{published.isoformat()}T09:00:00+00:00",
                }
            )
            rows["article_urls"].append({"url": url, "article_id": article_id})
            if rng.random() < 0.1:
                rows["article_urls"].append({"url": url + "?amp=1", "article_id": article_id})
            rows["article_regions"].extend(
                {"article_id": article_id, "region_code": r.code, "mentions": rng.randint(1, 4)}
                for r in mentioned
            )
            if rng.random() < 0.3:
                rows["article_officials"].extend(
                    {"article_id": article_id, "official_id": o["id"]}
                    for o in rng.sample(self.officials, rng.randint(1, 3))
                )
        return rows


def build(db: sqlite_utils.Database, articles: int, words: int) -> None:
    gen = Generator(seed=7, words=words)
    db["sites"].insert_all(
        {"name": s, "url": f"https://{s}.example/", "added": "2026-01-01"} for s in gen.sites
    )
    db["officials"].insert_all(gen.officials)
    for first in range(1, articles + 1, BATCH):
        rows = gen.batch(first, min(BATCH, articles + 1 - first))
        for table, batch in rows.items():
            db[table].insert_all(batch, batch_size=BATCH)


def timed_median(db: sqlite_utils.Database, sql: str, params: dict) -> tuple[float, int]:
    times, rows = [], 0
    for run in range(5):
        start = time.perf_counter()
        rows = len(db.execute(sql, params).fetchall())
        times.append(time.perf_counter() - start)
        if run == 2 and statistics.median(times) > 2:  # slow enough after three runs
            break
    return statistics.median(times), rows


def plan(db: sqlite_utils.Database, sql: str, params: dict) -> str:
    steps = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
    return " | ".join(steps)


def scans_big_table(query_plan: str) -> bool:
    """A step reading a whole big table row by row, through no index at all."""
    big = ("articles", "awards", "article_urls", "article_regions", "article_officials")
    return any(
        step.startswith("SCAN ") and step.split()[1] in big and "USING" not in step
        for step in query_plan.split(" | ")
    )


QUERIES = {
    "winners of a year by category, one province": """
        SELECT r.name, a.category, COUNT(DISTINCT a.article_id) AS articles,
               group_concat(DISTINCT a.recipient_name) AS recipients
        FROM awards a JOIN regions r ON r.code = a.region_code
        WHERE a.year = :year AND r.province_code = :province
        GROUP BY r.code, a.category ORDER BY a.category, r.name""",
    "winners of a year, all provinces": """
        SELECT a.region_code, a.category, COUNT(*) FROM awards a WHERE a.year = :year
        GROUP BY a.region_code, a.category""",
    "award history of one region": """
        SELECT a.year, a.category, ar.site, ar.published, ar.title, ar.url, a.evidence
        FROM awards a JOIN articles ar ON ar.id = a.article_id
        WHERE a.region_code = :region ORDER BY a.year DESC, ar.published""",
    "coverage per outlet per month, one year": """
        SELECT site, strftime('%Y-%m', published) AS month, COUNT(*) AS articles
        FROM articles WHERE published >= :since AND published < :until
        GROUP BY site, month ORDER BY site, month""",
    "coverage per outlet per month, all time": """
        SELECT site, strftime('%Y-%m', published) AS month, COUNT(*) AS articles
        FROM articles GROUP BY site, month""",
    "FTS 'UHC', best 20 with snippet": """
        SELECT ar.id, ar.title, snippet(articles_fts, 1, '[', ']', '...', 12)
        FROM articles_fts JOIN articles ar ON ar.id = articles_fts.rowid
        WHERE articles_fts MATCH :common ORDER BY rank LIMIT 20""",
    "FTS 'UHC', count": """
        SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH :common""",
    "FTS phrase + word, best 20 with snippet": """
        SELECT ar.id, ar.title, snippet(articles_fts, 1, '[', ']', '...', 12)
        FROM articles_fts JOIN articles ar ON ar.id = articles_fts.rowid
        WHERE articles_fts MATCH :phrase ORDER BY rank LIMIT 20""",
    "FTS rare region name, newest 20": """
        SELECT ar.id, ar.title, ar.published FROM articles ar
        WHERE ar.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :rare)
        ORDER BY ar.published DESC LIMIT 20""",
    "latest 50 articles": """
        SELECT id, title, site, published FROM articles ORDER BY published DESC LIMIT 50""",
    "latest 20 articles of one outlet": """
        SELECT id, title, published FROM articles WHERE site = :site
        ORDER BY published DESC LIMIT 20""",
    "latest 50 articles mentioning a region": """
        SELECT ar.id, ar.title, ar.published FROM article_regions m
        JOIN articles ar ON ar.id = m.article_id WHERE m.region_code = :region
        ORDER BY ar.published DESC LIMIT 50""",
    "articles quoting one official": """
        SELECT ar.id, ar.title, ar.published FROM article_officials ao
        JOIN articles ar ON ar.id = ao.article_id WHERE ao.official_id = :official
        ORDER BY ar.published DESC""",
}
PARAMS = {
    "year": 2025,
    "province": "53",
    "region": "53.13",
    "since": "2026-01-01",
    "until": "2027-01-01",
    "common": "UHC",
    "phrase": '"UHC Award" AND Madya',
    "rare": "Lembata",
    "site": "media07",
    "official": 42,
    "tahun": "2025",
    "provinsi": "53",
}


def canned_queries() -> dict[str, str]:
    metadata = CONFIG_DIR / "metadata.yml"
    if not metadata.exists():
        return {}
    queries = yaml.safe_load(metadata.read_text(encoding="utf-8"))["databases"]["pantau"]
    return {f"canned {name}": q["sql"] for name, q in queries.get("queries", {}).items()}


def report(db: sqlite_utils.Database, queries: dict[str, str]) -> None:
    if queries.keys() - QUERIES.keys():
        from publish.views import consolidate_people

        start = time.perf_counter()
        consolidate_people(db)
        print(f"consolidate_people (part of ensure_views): {time.perf_counter() - start:.1f} s")
    print(f"{'query':<46} {'median s':>9} {'rows':>6}  plan")
    for name, sql in queries.items():
        seconds, rows = timed_median(db, sql, PARAMS)
        query_plan = plan(db, sql, PARAMS)
        flag = "FULL " if scans_big_table(query_plan) else ""
        print(f"{name:<46} {seconds:>9.4f} {rows:>6}  {flag}{query_plan[:150]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--words", type=int, default=150, help="words per article text")
    parser.add_argument("--tmp", default=None, help="folder for the database (default: TMPDIR)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="pantau-scale-", dir=args.tmp))
    path = folder / "scale.db"
    try:
        db = open_db(path)
        start = time.perf_counter()
        build(db, args.articles, args.words)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        built = time.perf_counter() - start
        counts = {
            t: db[t].count
            for t in ("articles", "awards", "article_regions", "article_officials", "officials")
        }
        size = sum(f.stat().st_size for f in folder.iterdir()) / 2**20
        print(f"built in {built:.0f} s: {counts}, {size:.0f} MiB on disk ({path})")
        canned = canned_queries()
        if canned:
            from publish.views import ensure_views

            start = time.perf_counter()
            ensure_views(db)
            print(f"ensure_views: {time.perf_counter() - start:.1f} s")
        for table, columns in QUERY_INDEXES:
            db.execute(f"DROP INDEX {index_name(table, columns)}")
        print("\n== without the store's QUERY_INDEXES")
        report(db, {**QUERIES, **canned})
        start = time.perf_counter()
        for table, columns in QUERY_INDEXES:
            db[table].create_index(columns, index_name=index_name(table, columns))
        print(f"\n== with QUERY_INDEXES ({time.perf_counter() - start:.1f} s to add)")
        report(db, {**QUERIES, **canned})
    finally:
        if args.keep:
            print(f"kept {path}")
        else:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
