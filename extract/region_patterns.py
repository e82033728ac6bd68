"""Every form a region takes in the press, for the region ruler.

Generated from the Kemendagri list (extract.regions), never typed by hand: the official
name with and without its kind ("Kabupaten Padang Lawas", "Padang Lawas"), the same
written together or apart ("Padanglawas", "Labuhan Batu", "Bau-Bau"), after the press's
words for its government ("Pemkab", "Pemko"), and the curated short forms of
extract/data/regions.json ("Kukar", "Sumut"). A form shared by several regions (bare
"Kupang": the kota and the kabupaten) gets the id ``?kupang`` and is resolved from
context by the region linker.
"""

from __future__ import annotations

from collections import defaultdict

from extract.regions import Region, all_regions, short_forms

AMBIGUOUS = "?"

KIND_PREFIXES: dict[str, tuple[str, ...]] = {
    "kabupaten": ("Kabupaten", "Kab.", "Kab", "Pemkab", "Pemerintah Kabupaten", "Pemerintah Kab."),
    "kota": ("Kota", "Pemkot", "Pemko", "Pemerintah Kota", "Kota Administrasi"),
    "provinsi": ("Provinsi", "Prov.", "Prov", "Pemprov", "Pemerintah Provinsi"),
}

# The key, in region_forms()["names"][form], of the id the form has alone (no kind prefix).
BARE = "bare"
# Bare names that are ordinary words at the start of a sentence ("Puncak acara ...").
BARE_FORM_EXCLUSIONS = frozenset({"Puncak", "Batu", "Pati", "Bone", "Agam", "Landak", "Muna"})
# A split spelling needs both halves this long, so "Kotabaru" never yields "Kota Baru".
MIN_HALF = 4
KIND_WORDS = frozenset({"kota", "kabupaten", "provinsi"})


def spelling_variants(name: str, words: frozenset[str]) -> set[str]:
    """The same name written together or apart: "Padang Lawas" -> "Padanglawas",
    "Labuhanbatu" -> "Labuhan Batu" (where one half is a word of some region's name),
    "Bau Bau" -> "Baubau", "Bau-Bau"."""
    variants = set()
    parts = name.split()
    if len(parts) > 1:
        variants.add("".join(parts[:2]).capitalize() + "".join(f" {p}" for p in parts[2:]))
        variants.add("-".join(parts[:2]) + "".join(f" {p}" for p in parts[2:]))
    head, rest = parts[0], parts[1:]
    for cut in range(MIN_HALF, len(head) - MIN_HALF + 1):
        left, right = head[:cut], head[cut:]
        if left.lower() in KIND_WORDS:
            continue
        if left.lower() in words or right.lower() in words:
            variants.add(" ".join([left, right.capitalize(), *rest]))
    if "-" in name:
        variants.add(name.replace("-", " "))
        variants.add(name.replace("-", "").capitalize())
    variants.discard(name)
    return variants


def _names(region: Region, words: frozenset[str]) -> list[str]:
    names = [region.base, *sorted(spelling_variants(region.base, words))]
    return names + list(short_forms().get(region.code, ()))


def _name_words() -> frozenset[str]:
    """Every word of a multi-word region name: the halves a joined name may split into."""
    return frozenset(
        w.lower() for r in all_regions().values() if " " in r.base for w in r.base.split()
    )


def bare_forms() -> dict[str, set[str]]:
    """Every bare form (no Kota/Kabupaten/Provinsi prefix) and the codes it may mean."""
    words = _name_words()
    forms: dict[str, set[str]] = defaultdict(set)
    for region in all_regions().values():
        for name in _names(region, words):
            if name not in BARE_FORM_EXCLUSIONS:
                forms[name].add(region.code)
    return forms


def region_forms() -> dict[str, dict]:
    """What the region ruler matches: each name form, its kind prefixes, and the code each
    combination means.

    ``names`` maps a form to the id of the form alone (``bare``, absent for the excluded
    bare forms) and, per level, the code of the region of that level with that name:
    "Kabupaten Kupang" is ``names["Kupang"]["kabupaten"]``, "Kupang" alone is
    ``names["Kupang"]["bare"]`` (``?kupang``). Stored this way, loading needs one phrase
    per name (1,130) instead of one per prefix and name (7,839).
    """
    words = _name_words()
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for region in all_regions().values():
        for name in _names(region, words):
            names[name][region.level] = region.code
    for form, codes in bare_forms().items():
        names[form][BARE] = next(iter(codes)) if len(codes) == 1 else AMBIGUOUS + form.lower()
    return {
        "prefixes": {level: list(p) for level, p in KIND_PREFIXES.items()},
        "names": dict(names),
    }
