"""What Datasette publishes beyond the raw store: consolidated facts, people and places.

The store keeps one row per fact per article; readers want one answer per region and
year, one row per person however the press spelled them, and regions on a map.
``ensure_views`` builds all of that from the store, idempotently, so it can run after
every crawl and before every serve without the store knowing about publishing.
"""

from __future__ import annotations

import json
from collections import defaultdict

import sqlite_utils

from extract.officials import fullest_names
from publish.coordinates import region_coordinates
from publish.coordinates import sources as coordinate_sources

# One row per region and award year. The category is the one stated by the most outlets
# (then articles, then the latest report): an outlet repeating itself is one voice.
AWARD_SUMMARY_SQL = """
WITH reports AS (
    SELECT aw.region_code, aw.year, aw.category, aw.recipient_name,
           ar.id AS article_id, ar.url, ar.site, ar.published
    FROM awards aw JOIN articles ar ON ar.id = aw.article_id
),
votes AS (
    SELECT region_code, year, category,
           COUNT(DISTINCT site) AS outlets, COUNT(DISTINCT article_id) AS articles,
           MAX(published) AS latest
    FROM reports WHERE category IS NOT NULL
    GROUP BY region_code, year, category
),
ranked AS (
    SELECT *, ROW_NUMBER() OVER (
        PARTITION BY region_code, year
        ORDER BY outlets DESC, articles DESC, latest DESC, category
    ) AS rank
    FROM votes
),
per_fact AS (
    SELECT region_code, year,
           COUNT(DISTINCT article_id) AS articles, COUNT(DISTINCT site) AS outlets,
           MIN(published) AS first_reported, MAX(published) AS last_reported
    FROM reports GROUP BY region_code, year
)
SELECT
    f.region_code, r.name AS region_name, r.level, r.province_code,
    p.name AS province, f.year,
    (SELECT category FROM ranked WHERE ranked.region_code = f.region_code
        AND ranked.year IS f.year AND rank = 1) AS category,
    (SELECT group_concat(category || ' (' || articles || ')', ', ')
        FROM (SELECT category, articles FROM ranked WHERE ranked.region_code = f.region_code
              AND ranked.year IS f.year ORDER BY rank)) AS categories_stated,
    CASE WHEN (SELECT COUNT(*) FROM ranked WHERE ranked.region_code = f.region_code
        AND ranked.year IS f.year) > 1 THEN 1 ELSE 0 END AS disagreement,
    (SELECT group_concat(recipient_name, ', ') FROM (
        SELECT DISTINCT recipient_name FROM reports x WHERE x.region_code = f.region_code
        AND x.year IS f.year AND recipient_name IS NOT NULL ORDER BY recipient_name
    )) AS recipients,
    f.articles, f.outlets, f.first_reported, f.last_reported,
    (SELECT json_group_array(url) FROM (
        SELECT DISTINCT url, published FROM reports x WHERE x.region_code = f.region_code
        AND x.year IS f.year ORDER BY published, url
    )) AS evidence_urls,
    r.latitude, r.longitude
FROM per_fact f
LEFT JOIN regions r ON r.code = f.region_code
LEFT JOIN regions p ON p.code = r.province_code
"""

# Every award fact with the sentence and article that state it: the evidence trail.
AWARD_EVIDENCE_SQL = """
SELECT aw.id AS award_id, aw.region_code, r.name AS region_name, r.level,
       p.name AS province, aw.year, aw.category, aw.recipient_name, aw.recipient_title,
       aw.evidence, ar.id AS article_id, ar.title AS article_title, ar.url, ar.site,
       ar.published
FROM awards aw
JOIN articles ar ON ar.id = aw.article_id
LEFT JOIN regions r ON r.code = aw.region_code
LEFT JOIN regions p ON p.code = r.province_code
"""

PEOPLE_ARTICLES_SQL = """
SELECT pe.id AS person_id, pe.name, pe.title, o.name AS named_as, ar.id AS article_id,
       ar.title AS article_title, ar.url, ar.site, ar.published
FROM people pe
JOIN people_officials po ON po.person_id = pe.id
JOIN officials o ON o.id = po.official_id
JOIN article_officials ao ON ao.official_id = o.id
JOIN articles ar ON ar.id = ao.article_id
"""

VIEWS = {
    "award_summary": AWARD_SUMMARY_SQL,
    "award_evidence": AWARD_EVIDENCE_SQL,
    "people_articles": PEOPLE_ARTICLES_SQL,
}


def ensure_views(db: sqlite_utils.Database) -> None:
    """Build or refresh everything Datasette shows beyond the store; safe to repeat."""
    with db.conn:
        fill_coordinates(db)
        consolidate_people(db)
        for name, sql in VIEWS.items():
            db.create_view(name, sql, replace=True)


def fill_coordinates(db: sqlite_utils.Database) -> None:
    """Give regions without coordinates those of their seat (see publish.coordinates).

    Placing regions loads a few hundred MB of place data, so it runs once per database
    and per version of that data, recorded in ``publish_meta``.
    """
    regions = db["regions"]
    for column in ("latitude", "longitude"):
        if column not in regions.columns_dict:
            regions.add_column(column, float)
    db["publish_meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    done = db.execute("SELECT value FROM publish_meta WHERE key = 'coordinates'").fetchone()
    if done and done[0] == coordinate_sources():
        return
    known = region_coordinates()
    missing = [row[0] for row in db.execute("SELECT code FROM regions WHERE latitude IS NULL")]
    db.conn.executemany(
        "UPDATE regions SET latitude = ?, longitude = ? WHERE code = ?",
        [(*known[code], code) for code in missing if code in known],
    )
    db["publish_meta"].upsert({"key": "coordinates", "value": coordinate_sources()}, pk="key")


def consolidate_people(db: sqlite_utils.Database) -> None:
    """Rebuild ``people`` (one row per person and title) and ``people_officials``."""
    db["people"].create(
        {
            "id": int,
            "name": str,
            "title": str,
            "names": str,
            "articles": int,
            "first_named": str,
            "last_named": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db["people_officials"].create(
        {"official_id": int, "person_id": int},
        pk="official_id",
        if_not_exists=True,
        foreign_keys=[("official_id", "officials", "id"), ("person_id", "people", "id")],
    )
    db["people_officials"].delete_where()
    db["people"].delete_where()
    by_title: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for official_id, name, title in db.execute("SELECT id, name, title FROM officials"):
        by_title[" ".join((title or "").split()).casefold()][name].append(official_id)
    groups: dict[tuple[str, int], list[int]] = {}
    for names in by_title.values():
        canonical = fullest_names(names)
        members: dict[str, list[int]] = defaultdict(list)
        for name, ids in names.items():
            members[canonical[name]].extend(ids)
        for full_name, ids in members.items():
            groups[(full_name, min(ids))] = sorted(ids)
    people, mapping = [], []
    for (full_name, person_id), ids in groups.items():
        marks = ",".join("?" * len(ids))
        variants = [
            r[0]
            for r in db.execute(
                f"SELECT DISTINCT name FROM officials WHERE id IN ({marks}) ORDER BY name", ids
            )
        ]
        title = db.execute("SELECT title FROM officials WHERE id = ?", [person_id]).fetchone()[0]
        articles, first, last = db.execute(
            f"""SELECT COUNT(DISTINCT ar.id), MIN(ar.published), MAX(ar.published)
                FROM article_officials ao JOIN articles ar ON ar.id = ao.article_id
                WHERE ao.official_id IN ({marks})""",
            ids,
        ).fetchone()
        people.append(
            {
                "id": person_id,
                "name": full_name,
                "title": title,
                "names": json.dumps(variants, ensure_ascii=False),
                "articles": articles,
                "first_named": first,
                "last_named": last,
            }
        )
        mapping.extend({"official_id": i, "person_id": person_id} for i in ids)
    db["people"].insert_all(people)
    db["people_officials"].insert_all(mapping)
