"""EntityRuler patterns for every form a region takes in the press.

Generated from the Kemendagri list (extract.regions), never typed by hand. A form shared
by several regions (bare "Kupang": the kota and the kabupaten) gets the id ``?kupang``
and is resolved from context by the region linker.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from extract.regions import PROVINCE_SHORT_FORMS, Region, all_regions

AMBIGUOUS = "?"

KIND_PREFIXES: dict[str, tuple[str, ...]] = {
    "kabupaten": ("Kabupaten", "Kab.", "Kab", "Pemkab", "Pemerintah Kabupaten", "Pemerintah Kab."),
    "kota": ("Kota", "Pemkot", "Pemerintah Kota", "Kota Administrasi"),
    "provinsi": ("Provinsi", "Prov.", "Prov", "Pemprov", "Pemerintah Provinsi"),
}

# Bare names that are ordinary words at the start of a sentence ("Puncak acara ...").
BARE_FORM_EXCLUSIONS = frozenset({"Puncak", "Batu", "Pati", "Bone", "Agam", "Landak", "Muna"})


def bare_forms() -> dict[str, set[str]]:
    """Every bare form (no Kota/Kabupaten/Provinsi prefix) and the codes it may mean."""
    forms: dict[str, set[str]] = defaultdict(set)
    for region in all_regions().values():
        if region.base not in BARE_FORM_EXCLUSIONS:
            forms[region.base].add(region.code)
        if region.level == "provinsi":
            for short in PROVINCE_SHORT_FORMS.get(region.code, ()):
                forms[short].add(region.code)
    return forms


def _prefixed(region: Region) -> Iterator[tuple[str, str]]:
    names = [region.base]
    if region.level == "provinsi":
        names += PROVINCE_SHORT_FORMS.get(region.code, ())
    for prefix in KIND_PREFIXES[region.level]:
        for name in names:
            yield prefix, name


def region_patterns() -> list[dict]:
    """EntityRuler phrase patterns (label REGION) for all regions, prefixed and bare.

    Matched case-insensitively (the ruler's phrase_matcher_attr is LOWER); the region
    linker keeps only mentions whose name is capitalised, so "nasib malang" is no region.
    """
    patterns: list[dict] = []
    for region in all_regions().values():
        for prefix, name in _prefixed(region):
            patterns.append({"label": "REGION", "id": region.code, "pattern": f"{prefix} {name}"})
    for form, codes in bare_forms().items():
        pattern_id = next(iter(codes)) if len(codes) == 1 else AMBIGUOUS + form.lower()
        patterns.append({"label": "REGION", "id": pattern_id, "pattern": form})
    return patterns
